import type { CareAlert } from '../../../shared/schemas/careAlerts.js';
import { readsCareAlerts } from '../../../shared/domain/permissions.js';
import type { Ctx } from '../../context.js';
import type { Viewer } from '../../auth/viewer.js';
import { forbidden } from '../../http/errors.js';
import { acknowledger } from '../../events/acknowledge.js';
import { careAlertTable, listShown } from './careAlerts.repo.js';
import { presentCareAlert } from './careAlerts.presenter.js';
import { careNow } from './careAlerts.evaluator.js';

/** The raised alerts the viewer may see (open, acknowledged, recently cleared), newest first. */
export async function list(ctx: Ctx, viewer: Viewer): Promise<CareAlert[]> {
  return (await listShown(ctx.db))
    .map((a) => presentCareAlert(a, viewer))
    .filter((a): a is CareAlert => a !== null);
}

/** Acknowledge an open alert: someone in scope has seen it and acts. It still clears when its condition ends. */
export const acknowledge = acknowledger(careAlertTable, 'care-alert:acknowledged', (ctx, viewer) => ({
  present: (r) => presentCareAlert(r, viewer),
  settled: (a) => (a.status !== 'open' ? `This alert is already ${a.status}.` : null),
  now: () => careNow(ctx),
  body: (updated) => presentCareAlert(updated, viewer)!,
}));

/** Operations officers, GBV coordinators and shelter managers deal with duty-of-care alerts. */
export function requireCareReader(viewer: Viewer): void {
  if (!readsCareAlerts(viewer)) throw forbidden('This role receives no duty-of-care alerts.');
}
