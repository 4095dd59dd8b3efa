import type { CareAlert } from '../../../shared/schemas/careAlerts.js';
import { readsCareAlerts } from '../../../shared/domain/permissions.js';
import type { Ctx } from '../../context.js';
import type { Viewer } from '../../auth/viewer.js';
import type { Idempotency } from '../../events/writer.js';
import { forbidden, HttpError, notFound } from '../../http/errors.js';
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

const changed = (a: CareAlert) =>
  new HttpError(409, 'conflict', 'This alert changed since you loaded it.', undefined, a);

/** Acknowledge an open alert: someone in scope has seen it and acts. It still clears when its condition ends. */
export async function acknowledge(
  ctx: Ctx,
  viewer: Viewer,
  id: string,
  version: number,
  idem: Idempotency | null,
) {
  return ctx.writer.write(viewer, idem, async (q) => {
    const a = await careAlertTable.get(q, id, true);
    const shown = a && presentCareAlert(a, viewer);
    if (!a || !shown) throw notFound('alert');
    if (a.version !== version) throw changed(shown);
    if (a.status !== 'open')
      throw new HttpError(409, 'conflict', `This alert is already ${a.status}.`, undefined, shown);
    const updated = await careAlertTable.update(
      q,
      id,
      version,
      { status: 'acknowledged', acknowledgedAt: careNow(ctx).toISOString(), acknowledgedBy: viewer.userId },
      viewer.userId,
    );
    if (!updated) throw changed(shown);
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
