import { emptyChecklist, safetyScore } from '../../../shared/domain/safety.js';
import type {
  Shelter,
  ShelterCreate,
  ShelterHistoryEntry,
  ShelterPatch,
} from '../../../shared/schemas/shelters.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db/db.js';
import { checkOrganisation } from '../organisations/organisations.checks.js';
import type { Viewer } from '../../auth/viewer.js';
import { created, type Idempotency, type WriteResult } from '../../events/writer.js';
import { readEntityEvents } from '../../events/log.js';
import { badField, forbidden, notFound } from '../../http/errors.js';
import { changedSince, changesFrom, lockedForEdit } from '../../db/records.js';
import { createsShelter, editsShelter } from '../../../shared/domain/permissions.js';
import { presentShelter } from './shelters.presenter.js';
import {
  getShelter,
  insertShelter,
  listShelters,
  updateShelter,
  type ShelterFields,
} from './shelters.repo.js';
import { checkPlace } from '../areas/places.js';
import type { ReportSource } from '../../../shared/enums.js';
import { writesSimulated } from '../../demo/simulated.js';

const DEFAULT_NEEDS = { water: 'ok', food: 'ok', power: 'ok', medical: 'ok' } as const;

/** Fields whose change counts as a fresh report from the shelter (resets staleness). */
const REPORT_FIELDS = [
  'status',
  'occupancy',
  'households',
  'demographics',
  'vulnerable',
  'needs',
  'checklist',
  'capacity',
] as const;

/**
 * A breakdown sent with an update must fit the occupancy it is sent with. A later head count
 * alone does not invalidate an older breakdown (people leave before anyone recounts them).
 */
function checkBreakdown(f: ShelterFields, p: ShelterPatch): void {
  if (p.demographics && f.demographics) {
    const sum = [f.demographics.female, f.demographics.male].reduce(
      (n, bands) => n + Object.values(bands).reduce((a, b) => a + b, 0),
      0,
    );
    if (sum > f.occupancy)
      throw badField('demographics', `breakdown totals ${sum}, more than the occupancy of ${f.occupancy}`);
  }
  if (
    p.vulnerable &&
    f.vulnerable &&
    f.vulnerable.femaleHeadedHouseholds > f.households &&
    f.households > 0
  ) {
    throw badField('vulnerable.femaleHeadedHouseholds', 'more than the number of households');
  }
}

/** Shelters as the viewer may see them. */
export async function list(ctx: Ctx, viewer: Viewer): Promise<Shelter[]> {
  return (await listShelters(ctx.db)).map((s) => presentShelter(s, viewer));
}

/** One shelter as the viewer may see it. */
export async function get(ctx: Ctx, viewer: Viewer, id: string): Promise<Shelter> {
  const s = await getShelter(ctx.db, id);
  if (!s) throw notFound('shelter');
  return presentShelter(s, viewer);
}

/** List a new shelter. */
export async function create(ctx: Ctx, viewer: Viewer, input: ShelterCreate, idem: Idempotency | null) {
  return ctx.writer.write(viewer, idem, createWrite(ctx, viewer, input));
}

/** Apply a partial update at the version it was based on; `source` says whether it came by SMS. */
export async function patch(
  ctx: Ctx,
  viewer: Viewer,
  id: string,
  p: ShelterPatch,
  idem: Idempotency | null,
  source: ReportSource = 'app',
) {
  return ctx.writer.write(viewer, idem, patchWrite(ctx, viewer, id, p, source));
}

/**
 * The body of a create, to run inside a write's transaction (the API's one write, or an import's
 * row). Refuses at once (before any query) what the caller may not do.
 */
export function createWrite(
  ctx: Ctx,
  viewer: Viewer,
  input: ShelterCreate,
): (q: Queryable) => Promise<WriteResult<Shelter>> {
  if (!createsShelter(viewer, input.provinceCode))
    throw forbidden('Only an operations officer with this province in scope may list a shelter.');
  checkPlace(ctx.areas, input.provinceCode, input.communeCode);
  const checklist = { ...emptyChecklist(), ...input.checklist };
  const fields: ShelterFields = {
    name: input.name,
    kind: input.kind,
    provinceCode: input.provinceCode,
    communeCode: input.communeCode ?? null,
    lat: input.lat,
    lon: input.lon,
    managingOrgId: input.managingOrgId ?? null,
    contactPhone: input.contactPhone ?? null,
    status: input.status,
    capacity: input.capacity,
    occupancy: input.occupancy,
    households: input.households,
    demographics: null,
    vulnerable: null,
    needs: { ...DEFAULT_NEEDS, ...input.needs },
    checklist,
    safetyScore: safetyScore(checklist),
    simulated: writesSimulated(ctx, viewer),
  };
  return async (q) => {
    await checkOrganisation(q, fields.managingOrgId, 'managingOrgId');
    const s = await insertShelter(q, fields, {
      userId: viewer.userId,
      orgId: fields.managingOrgId ?? viewer.orgId,
    });
    return created('shelter:created', s, presentShelter(s, viewer));
  };
}

/** The body of a partial update at the version it was based on, inside a write's transaction. */
export function patchWrite(
  ctx: Ctx,
  viewer: Viewer,
  id: string,
  p: ShelterPatch,
  source: ReportSource = 'app',
): (q: Queryable) => Promise<WriteResult<Shelter>> {
  return async (q) => {
    const { current, shown } = await lockedForEdit({ get: getShelter }, q, id, p.version, {
      missing: 'shelter',
      present: (s) => presentShelter(s, viewer),
      edits: (s) => editsShelter(viewer, s),
      notYours: 'You may edit only the shelters you manage, within your scope.',
    });
    const checklist = { ...(current.checklist ?? emptyChecklist()), ...p.checklist };
    const next: ShelterFields = {
      name: p.name ?? current.name,
      kind: p.kind ?? current.kind,
      provinceCode: current.provinceCode,
      communeCode: p.communeCode !== undefined ? p.communeCode : current.communeCode,
      lat: p.lat ?? current.lat,
      lon: p.lon ?? current.lon,
      managingOrgId: current.managingOrgId,
      contactPhone: p.contactPhone !== undefined ? p.contactPhone : current.contactPhone,
      status: p.status ?? current.status,
      capacity: p.capacity ?? current.capacity,
      occupancy: p.occupancy ?? current.occupancy,
      households: p.households ?? current.households,
      demographics: p.demographics !== undefined ? p.demographics : current.demographics,
      vulnerable: p.vulnerable !== undefined ? p.vulnerable : current.vulnerable,
      needs: { ...current.needs, ...p.needs },
      checklist,
      safetyScore: safetyScore(checklist),
      simulated: current.simulated,
    };
    checkPlace(ctx.areas, next.provinceCode, next.communeCode);
    checkBreakdown(next, p);
    const changes = changesFrom(current, next);
    const reported = p.reconfirm === true || REPORT_FIELDS.some((f) => p[f] !== undefined);
    if (p.reconfirm) changes.reconfirmed = true;
    if (reported && source !== 'app') changes.source = source;
    const updated = await updateShelter(q, id, p.version, next, { userId: viewer.userId, reported, source });
    // The row is locked FOR UPDATE above, so the version cannot move between the check and here.
    if (!updated) throw changedSince({ missing: 'shelter' }, shown);
    return {
      status: 200,
      body: presentShelter(updated, viewer),
      events: [{ type: 'shelter:updated', entity: 'shelter', entityId: id, data: updated, changes }],
    };
  };
}

/** What changed, when and by whom, oldest first; checklist details only for roles that read them. */
export async function history(ctx: Ctx, viewer: Viewer, id: string): Promise<ShelterHistoryEntry[]> {
  const s = await getShelter(ctx.db, id);
  if (!s) throw notFound('shelter');
  const showChecklist = presentShelter(s, viewer).checklist !== null;
  return (await readEntityEvents(ctx.db, 'shelter', id)).map((e) => {
    const changes = { ...(e.changes ?? { created: true }) };
    if (!showChecklist) delete changes.checklist;
    return { seq: e.seq, type: e.type, at: e.at, by: e.actorUserId, changes };
  });
}
