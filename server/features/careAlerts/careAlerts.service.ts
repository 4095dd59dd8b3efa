import type { CareAlert } from '../../../shared/schemas/careAlerts.js';
import { readsCareAlerts } from '../../../shared/domain/permissions.js';
import type { Ctx } from '../../context.js';
import type { Viewer } from '../../auth/viewer.js';
import type { Idempotency } from '../../events/writer.js';
import { forbidden, HttpError } from '../../http/errors.js';
import { changedSince, lockedForWrite } from '../../db/records.js';
import { careAlertTable, listShown } from './careAlerts.repo.js';
import { presentCareAlert } from './careAlerts.presenter.js';
import { careNow } from './careAlerts.evaluator.js';
import { recordEvent } from '../../events/log.js';

/** The raised alerts the viewer may see (open, acknowledged, recently cleared), newest first. */
export async function list(ctx: Ctx, viewer: Viewer): Promise<CareAlert[]> {
  return (await listShown(ctx.db))
    .map((a) => presentCareAlert(a, viewer))
    .filter((a): a is CareAlert => a !== null);
}

/** Acknowledge an open alert: someone in scope has seen it and acts. It still clears when its condition ends. */
export async function acknowledge(
  ctx: Ctx,
  viewer: Viewer,
  id: string,
  version: number,
  idem: Idempotency | null,
) {
  return ctx.writer.write(viewer, idem, async (q) => {
    const { current: a, shown } = await lockedForWrite(careAlertTable, q, id, version, {
      missing: 'alert',
      present: (r) => presentCareAlert(r, viewer),
    });
    if (a.status !== 'open')
      throw new HttpError(409, 'conflict', `This alert is already ${a.status}.`, undefined, shown);
    const updated = await careAlertTable.update(
      q,
      id,
      version,
      { status: 'acknowledged', acknowledgedAt: careNow(ctx).toISOString(), acknowledgedBy: viewer.userId },
      viewer.userId,
    );
    if (!updated) throw changedSince({ missing: 'alert' }, shown);
    return {
      status: 200,
      body: presentCareAlert(updated, viewer)!,
      events: [recordEvent('care-alert:acknowledged', updated, { status: 'acknowledged' })],
    };
  });
}

/** Operations officers, GBV coordinators and shelter managers deal with duty-of-care alerts. */
export function requireCareReader(viewer: Viewer): void {
  if (!readsCareAlerts(viewer)) throw forbidden('This role receives no duty-of-care alerts.');
}
