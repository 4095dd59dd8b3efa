import type {
  CoordinationRole,
  CoordinationRoleCreate,
  CoordinationRolePatch,
} from '../../../shared/schemas/coordinationRoles.js';
import { editsCoordinationRole } from '../../../shared/domain/permissions.js';
import { ACTIVATING_ALERT_LEVEL } from '../../../shared/domain/coordination.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db/db.js';
import type { Viewer } from '../../auth/viewer.js';
import { recordEvent, type NewEvent } from '../../events/log.js';
import { created, type Idempotency } from '../../events/writer.js';
import { badField, forbidden, HttpError, notFound } from '../../http/errors.js';
import { changedSince, changesFrom, lockedForWrite } from '../../db/records.js';
import { organisationExists } from '../organisations/organisations.repo.js';
import { coordinationRoleTable, listRoles } from './coordinationRoles.repo.js';
import { presentCoordinationRole } from './coordinationRoles.presenter.js';

const ROLE = { missing: 'coordination role', changed: 'This role changed since you loaded it.' };
const NOT_YOURS =
  'GBV coordinators edit roles in scope; operations officers only disaster operations and shelter management.';

async function checkOrgs(q: Queryable, lead: string | null | undefined, support: readonly string[] = []) {
  if (lead && !(await organisationExists(q, lead))) throw badField('leadOrgId', 'unknown organisation');
  for (const [i, id] of support.entries())
    if (!(await organisationExists(q, id))) throw badField(`supportOrgIds.${i}`, 'unknown organisation');
  if (lead && support.includes(lead)) throw badField('supportOrgIds', 'the lead is not also a support');
}

/** The whole mechanism, as the viewer may read it. */
export async function list(ctx: Ctx, viewer: Viewer): Promise<CoordinationRole[]> {
  return (await listRoles(ctx.db))
    .map((r) => presentCoordinationRole(r, viewer))
    .filter((r): r is CoordinationRole => r !== null);
}

/** One role. */
export async function get(ctx: Ctx, viewer: Viewer, id: string): Promise<CoordinationRole> {
  const r = await coordinationRoleTable.get(ctx.db, id);
  const shown = r && presentCoordinationRole(r, viewer);
  if (!shown) throw notFound('coordination role');
  return shown;
}

/** Define who leads a function nationally or in a province: one role per function and place. */
export async function create(
  ctx: Ctx,
  viewer: Viewer,
  input: CoordinationRoleCreate,
  idem: Idempotency | null,
) {
  if (input.provinceCode !== null && !ctx.areas.province(input.provinceCode))
    throw badField('provinceCode', 'unknown province code');
  if (!editsCoordinationRole(viewer, input)) throw forbidden(NOT_YOURS);
  return ctx.writer.write(viewer, idem, async (q) => {
    await checkOrgs(q, input.leadOrgId, input.supportOrgIds);
    const taken = await coordinationRoleTable.list(
      q,
      'id',
      'function = $1 AND province_code IS NOT DISTINCT FROM $2',
      [input.function, input.provinceCode],
    );
    if (taken.length)
      throw new HttpError(409, 'conflict', 'This function already has a role here.', [
        { path: 'function', message: 'already defined for this place' },
      ]);
    const r = await coordinationRoleTable.insert(q, input, { userId: viewer.userId, orgId: viewer.orgId });
    return created('coordination-role:created', r, r);
  });
}

/** Change the lead, supports, contact, state or review date, if the role is still at `version`. */
export async function patch(
  ctx: Ctx,
  viewer: Viewer,
  id: string,
  p: CoordinationRolePatch,
  idem: Idempotency | null,
) {
  return ctx.writer.write(viewer, idem, async (q) => {
    const { current } = await lockedForWrite(coordinationRoleTable, q, id, p.version, {
      ...ROLE,
      present: (r) => presentCoordinationRole(r, viewer),
      refuse: (r) => (editsCoordinationRole(viewer, r) ? null : NOT_YOURS),
    });
    const { version, ...fields } = p;
    await checkOrgs(
      q,
      fields.leadOrgId !== undefined ? fields.leadOrgId : current.leadOrgId,
      fields.supportOrgIds ?? current.supportOrgIds,
    );
    const updated = await coordinationRoleTable.update(q, id, version, fields, viewer.userId);
    if (!updated) throw changedSince(ROLE);
    const changes = changesFrom(current, fields);
    return {
      status: 200,
      body: updated,
      events: [
        {
          type: 'coordination-role:updated',
          entity: 'coordination-role',
          entityId: id,
          data: updated,
          changes,
        },
      ] satisfies NewEvent[],
    };
  });
}

/**
 * Activate the standby roles of the provinces a level 3+ alert in force covers (issue 13), in the
 * alert's own transaction; returns their events. A role goes back to standby only by hand.
 */
export async function activateForAlert(
  q: Queryable,
  alert: { level: number; status: string },
  provinceCodes: readonly string[],
  userId: string | null,
): Promise<NewEvent[]> {
  if (alert.level < ACTIVATING_ALERT_LEVEL || !provinceCodes.length) return [];
  if (alert.status !== 'active' && alert.status !== 'updated') return [];
  const standby = await coordinationRoleTable.list(
    q,
    'id',
    "state = 'standby' AND province_code = ANY($1::text[])",
    [provinceCodes],
  );
  const events: NewEvent[] = [];
  for (const r of standby) {
    const updated = await coordinationRoleTable.update(q, r.id, r.version, { state: 'activated' }, userId);
    if (updated) events.push(recordEvent('coordination-role:updated', updated, { state: 'activated' }));
  }
  return events;
}
