import {
  ServiceCreateSchema,
  ServicePatchSchema,
  type ServicePoint,
} from '../../../shared/schemas/services.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db/db.js';
import type { Viewer } from '../../auth/viewer.js';
import { presentService } from '../services/services.presenter.js';
import { createWrite, patchWrite, repoOf } from '../services/services.service.js';
import {
  changedFields,
  checkId,
  movedTo,
  RowRefused,
  schemaRefusal,
  type Candidate,
  type RowOutcome,
} from './import.rows.js';

const SCALARS = [
  'name',
  'types',
  'communeCode',
  'contactPhone',
  'hours',
  'open24h',
  'languages',
  'cost',
  'referral',
] as const;

/** The row's cells with `hours` split into the two fields it fills (`24/7` is open 24 hours). */
function flatten(c: Candidate): Candidate {
  const { hours, ...rest } = c;
  return hours && typeof hours === 'object' ? { ...rest, ...hours } : rest;
}

/**
 * A position is read only where the row gives an exact one (or says nothing about precision): a
 * commune-only or hidden row carries the point the reader was shown, not the service's own.
 */
const exactRow = (c: Candidate) => c.locationVisibility === undefined || c.locationVisibility === 'exact';

function patchOf(seen: ServicePoint, c: Candidate): Candidate {
  const p = changedFields(seen, c, SCALARS);
  // The file's precision column is the position as the reader was shown it.
  if (c.locationVisibility !== undefined && c.locationVisibility !== seen.positionShown)
    p.locationVisibility = c.locationVisibility;
  if (exactRow(c) && seen.positionShown !== 'commune') {
    const moved = movedTo(seen, c);
    if (moved) Object.assign(p, moved);
  }
  return p;
}

async function update(ctx: Ctx, viewer: Viewer, q: Queryable, id: string, c: Candidate): Promise<RowOutcome> {
  const current = await repoOf(ctx).get(q, id, true);
  const seen = current && presentService(current, viewer);
  // A service the reader may not see is, for the reader, no service at all.
  if (!current || !seen) throw new RowRefused([{ path: 'id', reason: { code: 'unknown_id' } }]);
  if (c.provinceCode !== undefined && c.provinceCode !== seen.provinceCode)
    throw new RowRefused([{ path: 'provinceCode', reason: { code: 'fixed', what: 'province' } }]);
  if (c.providerOrgId !== undefined && c.providerOrgId !== seen.providerOrgId)
    throw new RowRefused([{ path: 'providerOrgId', reason: { code: 'fixed', what: 'organisation' } }]);
  const patch = patchOf(seen, c);
  const notes: RowOutcome['notes'] =
    c.status !== undefined && c.status !== seen.availability.status
      ? [{ path: 'status', note: 'status_not_imported' }]
      : [];
  if (!Object.keys(patch).length) return { outcome: 'unchanged', events: [], notes };
  const types = (patch.types as string[] | undefined) ?? current.types;
  if (types.includes('safe_house') && patch.lat !== undefined)
    notes.push({ path: 'lat', note: 'safe_house_hidden' });
  const input = { version: current.version, ...patch };
  const parsed = ServicePatchSchema.safeParse(input);
  if (!parsed.success) throw schemaRefusal(parsed.error, input);
  const out = await patchWrite(ctx, viewer, id, parsed.data)(q);
  return { outcome: 'updated', events: out.events, notes };
}

async function create(ctx: Ctx, viewer: Viewer, q: Queryable, c: Candidate): Promise<RowOutcome> {
  const { id: _id, ...fields } = c;
  if (!exactRow(c)) {
    delete fields.lat;
    delete fields.lon;
  }
  const parsed = ServiceCreateSchema.safeParse(fields);
  if (!parsed.success) throw schemaRefusal(parsed.error, fields);
  const made = await createWrite(ctx, viewer, parsed.data)(q);
  const hidden = parsed.data.types.includes('safe_house') && parsed.data.lat != null;
  return {
    outcome: 'created',
    events: made.events,
    notes: hidden ? [{ path: 'lat', note: 'safe_house_hidden' }] : [],
  };
}

/** Store one service row: update the service its ID names, else list a new one. */
export function importServiceRow(ctx: Ctx, viewer: Viewer, q: Queryable, c: Candidate): Promise<RowOutcome> {
  const flat = flatten(c);
  return flat.id !== undefined
    ? update(ctx, viewer, q, checkId(flat.id), flat)
    : create(ctx, viewer, q, flat);
}
