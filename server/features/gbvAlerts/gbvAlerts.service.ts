import type { GbvAlertReason } from '../../../shared/enums.js';
import type { Availability, GbvAlert } from '../../../shared/schemas/services.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db/db.js';
import type { Viewer } from '../../auth/viewer.js';
import { recordEvent, type NewEvent } from '../../events/log.js';
import { forbidden } from '../../http/errors.js';
import { acknowledger } from '../../events/acknowledge.js';
import type { StoredService } from '../services/services.repo.js';
import { gbvAlertTable } from './gbvAlerts.repo.js';
import { presentGbvAlert } from './gbvAlerts.presenter.js';
import { readsGbvAlert } from '../../../shared/domain/permissions.js';

const isOut = (e: { quantity: number; level: string } | undefined) =>
  e !== undefined && (e.level === 'out' || e.quantity === 0);

/**
 * The time-critical conditions a clinical point is in: closed, out of PEP (HIV prevention must start
 * within 72 hours of a rape), out of emergency contraception (within 120 hours).
 */
export function criticalConditions(
  service: Pick<StoredService, 'types'>,
  av: Pick<Availability, 'status' | 'stock'>,
): GbvAlertReason[] {
  if (!service.types.includes('health_cmr')) return [];
  const out: GbvAlertReason[] = [];
  if (av.status === 'closed') out.push('closed');
  if (isOut(av.stock?.pep_courses)) out.push('pep_out');
  if (isOut(av.stock?.emergency_contraception)) out.push('ec_out');
  return out;
}

/** Raise an alert for conditions that have newly arisen (edge-triggered, so a repeated report does not alert again). */
export async function raiseIfCritical(
  q: Queryable,
  service: StoredService,
  before: Availability | null,
  after: Availability,
  simulated: boolean,
): Promise<NewEvent[]> {
  const had = new Set(before ? criticalConditions(service, before) : []);
  const reasons = criticalConditions(service, after).filter((r) => !had.has(r));
  if (!reasons.length) return [];
  const g = await gbvAlertTable.insert(
    q,
    {
      serviceId: service.id,
      serviceName: service.name,
      provinceCode: service.provinceCode,
      reasons,
      status: 'open',
      acknowledgedAt: null,
      acknowledgedBy: null,
      simulated,
    },
    { userId: null, orgId: service.providerOrgId },
  );
  return [recordEvent('gbv-alert:raised', g)];
}

/** The alerts the viewer may see, newest first. */
export async function list(ctx: Ctx, viewer: Viewer): Promise<GbvAlert[]> {
  const all = await gbvAlertTable.list(ctx.db, 'created_at DESC, id');
  return all.map((g) => presentGbvAlert(g, viewer)).filter((g): g is GbvAlert => g !== null);
}

/** Acknowledge an alert: a GBV coordinator of its province has seen it and acts. */
export const acknowledge = acknowledger(gbvAlertTable, 'gbv-alert:acknowledged', (_ctx, viewer) => ({
  present: (r) => presentGbvAlert(r, viewer),
  settled: (g) => (g.status === 'acknowledged' ? 'This alert is already acknowledged.' : null),
}));

/** Only GBV coordinators deal with time-critical alerts. */
export function requireGbv(viewer: Viewer): void {
  if (!readsGbvAlert(viewer)) throw forbidden('Only GBV coordinators receive time-critical alerts.');
}
