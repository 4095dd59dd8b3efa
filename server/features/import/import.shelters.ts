import { SHELTER_AGE_BANDS } from '../../../shared/enums.js';
import {
  ShelterCreateSchema,
  ShelterPatchSchema,
  type Demographics,
  type Shelter,
} from '../../../shared/schemas/shelters.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db/db.js';
import type { Viewer } from '../../auth/viewer.js';
import { presentShelter } from '../shelters/shelters.presenter.js';
import { getShelter } from '../shelters/shelters.repo.js';
import { createWrite, patchWrite } from '../shelters/shelters.service.js';
import {
  changedFields,
  changedPart,
  checkId,
  movedTo,
  overlay,
  RowRefused,
  schemaRefusal,
  type Candidate,
  type RowOutcome,
} from './import.rows.js';

const SCALARS = [
  'name',
  'kind',
  'communeCode',
  'contactPhone',
  'status',
  'capacity',
  'occupancy',
  'households',
] as const;

const bands = () => Object.fromEntries(SHELTER_AGE_BANDS.map((b) => [b, 0]));
const ZERO_DEMOGRAPHICS = { female: bands(), male: bands() } as unknown as Demographics;
const ZERO_VULNERABLE = {
  pregnantLactating: 0,
  disabilities: 0,
  unaccompaniedChildren: 0,
  femaleHeadedHouseholds: 0,
};

/** The patch that brings what the reader sees to the row, without the fields that did not change. */
function patchOf(seen: Shelter, c: Candidate): Candidate {
  const p = changedFields(seen, c, SCALARS);
  const moved = movedTo(seen, c);
  if (moved) Object.assign(p, moved);
  const needs = changedPart(seen.needs, c.needs);
  if (needs) p.needs = needs;
  const checklist = changedPart(seen.checklist, c.checklist);
  if (checklist) p.checklist = checklist;
  const demographics = overlay(seen.demographics, ZERO_DEMOGRAPHICS, c.demographics);
  if (demographics && JSON.stringify(demographics) !== JSON.stringify(seen.demographics))
    p.demographics = demographics;
  const vulnerable = overlay(seen.vulnerable, ZERO_VULNERABLE, c.vulnerable);
  if (vulnerable && JSON.stringify(vulnerable) !== JSON.stringify(seen.vulnerable)) p.vulnerable = vulnerable;
  return p;
}

async function update(ctx: Ctx, viewer: Viewer, q: Queryable, id: string, c: Candidate): Promise<RowOutcome> {
  const current = await getShelter(q, id, true);
  if (!current) throw new RowRefused([{ path: 'id', reason: { code: 'unknown_id' } }]);
  const seen = presentShelter(current, viewer);
  if (c.provinceCode !== undefined && c.provinceCode !== seen.provinceCode)
    throw new RowRefused([{ path: 'provinceCode', reason: { code: 'fixed', what: 'province' } }]);
  if (c.managingOrgId !== undefined && c.managingOrgId !== seen.managingOrgId)
    throw new RowRefused([{ path: 'managingOrgId', reason: { code: 'fixed', what: 'organisation' } }]);
  const patch = patchOf(seen, c);
  if (!Object.keys(patch).length) return { outcome: 'unchanged', events: [] };
  const input = { version: current.version, ...patch };
  const parsed = ShelterPatchSchema.safeParse(input);
  if (!parsed.success) throw schemaRefusal(parsed.error, input);
  const out = await patchWrite(ctx, viewer, id, parsed.data)(q);
  return { outcome: 'updated', events: out.events };
}

async function create(ctx: Ctx, viewer: Viewer, q: Queryable, c: Candidate): Promise<RowOutcome> {
  const { id: _id, demographics, vulnerable, ...fields } = c;
  const parsed = ShelterCreateSchema.safeParse(fields);
  if (!parsed.success) throw schemaRefusal(parsed.error, fields);
  const made = await createWrite(ctx, viewer, parsed.data)(q);
  if (!demographics && !vulnerable) return { outcome: 'created', events: made.events };
  // The breakdowns are not part of a new listing: they follow as the shelter's first update.
  const extra = {
    version: made.body.version,
    ...(demographics ? { demographics: overlay(null, ZERO_DEMOGRAPHICS, demographics) } : {}),
    ...(vulnerable ? { vulnerable: overlay(null, ZERO_VULNERABLE, vulnerable) } : {}),
  };
  const patch = ShelterPatchSchema.safeParse(extra);
  if (!patch.success) throw schemaRefusal(patch.error, extra);
  const updated = await patchWrite(ctx, viewer, made.body.id, patch.data)(q);
  return { outcome: 'created', events: [...made.events, ...updated.events] };
}

/** Store one shelter row: update the shelter its ID names, else list a new one. */
export function importShelterRow(ctx: Ctx, viewer: Viewer, q: Queryable, c: Candidate): Promise<RowOutcome> {
  return c.id !== undefined ? update(ctx, viewer, q, checkId(c.id), c) : create(ctx, viewer, q, c);
}
