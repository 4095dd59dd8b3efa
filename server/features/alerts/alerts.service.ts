import {
  ALERT_TRANSITIONS,
  type AlertCreate,
  type AlertPatch,
  type RiskAlert,
} from '../../../shared/schemas/alerts.js';
import type { Ctx } from '../../context.js';
import type { Viewer } from '../../auth/viewer.js';
import type { Idempotency } from '../../events/writer.js';
import type { Queryable } from '../../db/db.js';
import { badField, forbidden, notFound } from '../../http/errors.js';
import { changedSince, changesFrom } from '../../db/records.js';
import { alertTable } from './alerts.repo.js';
import { writesAlert } from '../../../shared/domain/permissions.js';
import { presentAlert } from './alerts.presenter.js';
import { activateForAlert } from '../coordinationRoles/coordinationRoles.service.js';
import { writesSimulated } from '../../demo/simulated.js';
import { recordEvent } from '../../events/log.js';

function checkCodes(ctx: Ctx, provinceCodes: readonly string[], communeCodes: readonly string[]): void {
  provinceCodes.forEach((c, i) => {
    if (!ctx.areas.province(c)) throw badField(`provinceCodes.${i}`, 'unknown province code');
  });
  communeCodes.forEach((c, i) => {
    if (!ctx.areas.commune(c)) throw badField(`communeCodes.${i}`, 'unknown commune code');
  });
}

/** Provinces an alert touches, for scope checks and role activation: named provinces plus the communes' provinces. */
export const provincesOf = (
  ctx: Pick<Ctx, 'areas'>,
  a: Pick<RiskAlert, 'provinceCodes' | 'communeCodes'>,
) => [
  ...new Set(
    [...a.provinceCodes, ...a.communeCodes.map((c) => ctx.areas.commune(c)?.parentCode ?? '')].filter(
      Boolean,
    ),
  ),
];

/** All alerts, newest validity first. */
export async function list(ctx: Ctx, viewer: Viewer): Promise<RiskAlert[]> {
  return (await alertTable.list(ctx.db, 'valid_from DESC, id')).map((a) => presentAlert(a, viewer));
}

/** One alert. */
export async function get(ctx: Ctx, viewer: Viewer, id: string): Promise<RiskAlert> {
  const a = await alertTable.get(ctx.db, id);
  if (!a) throw notFound('alert');
  return presentAlert(a, viewer);
}

/**
 * What a caller other than the alert form adds to a write (the CAP import): whether the alert is
 * simulated (a CAP Exercise), and work done in the same transaction once the alert is written.
 */
export interface WriteOptions {
  simulated?: boolean;
  within?: (q: Queryable, a: RiskAlert) => Promise<void>;
}

/** Issue an alert. */
export async function create(
  ctx: Ctx,
  viewer: Viewer,
  input: AlertCreate,
  idem: Idempotency | null,
  opts: WriteOptions = {},
) {
  checkCodes(ctx, input.provinceCodes, input.communeCodes);
  if (!writesAlert(viewer, provincesOf(ctx, input)))
    throw forbidden('Only an operations officer issues alerts, over provinces in scope.');
  return ctx.writer.write(viewer, idem, async (q) => {
    const a = await alertTable.insert(
      q,
      { ...input, simulated: opts.simulated ?? writesSimulated(ctx, viewer) },
      { userId: viewer.userId, orgId: viewer.orgId },
    );
    await opts.within?.(q, a);
    const activated = await activateForAlert(q, a, provincesOf(ctx, a), viewer.userId);
    return {
      status: 201,
      body: presentAlert(a, viewer),
      events: [recordEvent('alert:created', a), ...activated],
    };
  });
}

/** Update an alert: its area, level, track or validity; or cancel or expire it. A change to the content marks it `updated`. */
export async function patch(
  ctx: Ctx,
  viewer: Viewer,
  id: string,
  p: AlertPatch,
  idem: Idempotency | null,
  opts: Pick<WriteOptions, 'within'> = {},
) {
  return ctx.writer.write(viewer, idem, async (q) => {
    const current = await alertTable.get(q, id, true);
    if (!current) throw notFound('alert');
    const { version, ...input } = p;
    const next = { ...current, ...input };
    checkCodes(ctx, next.provinceCodes, next.communeCodes);
    if (!writesAlert(viewer, provincesOf(ctx, current)) || !writesAlert(viewer, provincesOf(ctx, next))) {
      throw forbidden('Only an operations officer changes alerts, over provinces in scope.');
    }
    if (current.version !== version) throw changedSince({ missing: 'alert' }, current);
    const contentChanged = Object.keys(input).some((k) => k !== 'status');
    let status = input.status ?? current.status;
    // Reissuing an active alert with new content makes it `updated` (SPEC 2.5).
    if (input.status === undefined && contentChanged && current.status === 'active') status = 'updated';
    if (status !== current.status && !ALERT_TRANSITIONS[current.status].includes(status)) {
      throw badField('status', `an alert that is ${current.status} cannot become ${status}`);
    }
    if ((current.status === 'cancelled' || current.status === 'expired') && contentChanged)
      throw badField('status', `an alert that is ${current.status} cannot change`);
    if (Date.parse(next.validTo) <= Date.parse(next.validFrom))
      throw badField('validTo', 'must be after validFrom');
    if (next.provinceCodes.length + next.communeCodes.length === 0 && next.polygon === null)
      throw badField('provinceCodes', 'give province codes, commune codes or a polygon');
    const fields = { ...input, status };
    const updated = await alertTable.update(q, id, version, fields, viewer.userId);
    if (!updated) throw changedSince({ missing: 'alert' });
    await opts.within?.(q, updated);
    const activated = await activateForAlert(q, updated, provincesOf(ctx, updated), viewer.userId);
    const changes = changesFrom(current, fields);
    return {
      status: 200,
      body: presentAlert(updated, viewer),
      events: [
        { type: 'alert:updated', entity: 'alert', entityId: id, data: updated, changes },
        ...activated,
      ],
    };
  });
}
