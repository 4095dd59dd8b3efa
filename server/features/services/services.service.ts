import { haversineKm } from '../../../shared/domain/geo.js';
import {
  firstAvailability,
  type Availability,
  type AvailabilityPost,
  type NearestService,
  type ServiceCreate,
  type ServicePatch,
  type ServicePoint,
} from '../../../shared/schemas/services.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db/db.js';
import { checkOrganisation } from '../organisations/organisations.checks.js';
import type { Viewer } from '../../auth/viewer.js';
import { recordEvent, type NewEvent } from '../../events/log.js';
import { created, type Idempotency, type WriteResult } from '../../events/writer.js';
import { badField, forbidden, notFound } from '../../http/errors.js';
import { changedSince, changesFrom, lockedForEdit } from '../../db/records.js';
import { getShelter } from '../shelters/shelters.repo.js';
import { raiseIfCritical } from '../gbvAlerts/gbvAlerts.service.js';
import { createsService, editsService } from '../../../shared/domain/permissions.js';
import { presentAvailability, presentService } from './services.presenter.js';
import {
  insertAvailability,
  listAvailability,
  serviceRepo,
  type ServiceFields,
  type StoredService,
} from './services.repo.js';
import { checkPlace } from '../areas/places.js';
import { stockTotalsEvent } from './services.stock.js';
import { writesSimulated } from '../../demo/simulated.js';

/** The repository bound to this app's area index. */
export const repoOf = (ctx: Ctx) => serviceRepo((code) => ctx.areas.commune(code));
const visible = (s: ServicePoint | null): s is ServicePoint => s !== null;

/** A safe house is always hidden; a commune-only point needs its commune; an exact one needs a position. */
function checkPosition(f: Pick<ServiceFields, 'types' | 'locationVisibility' | 'lat' | 'communeCode'>): void {
  if (f.types.includes('safe_house') && f.locationVisibility !== 'hidden')
    throw badField('locationVisibility', 'a safe house is always hidden');
  if (f.locationVisibility === 'exact' && f.lat === null)
    throw badField('lat', 'an exact position needs lat and lon');
  if (f.locationVisibility === 'commune' && !f.communeCode)
    throw badField('communeCode', 'commune visibility needs a commune code');
}

/** Services as the viewer may see them. */
export async function list(ctx: Ctx, viewer: Viewer): Promise<ServicePoint[]> {
  return (await repoOf(ctx).list(ctx.db)).map((s) => presentService(s, viewer)).filter(visible);
}

/** One service as the viewer may see it. */
export async function get(ctx: Ctx, viewer: Viewer, id: string): Promise<ServicePoint> {
  const s = await repoOf(ctx).get(ctx.db, id);
  const p = s && presentService(s, viewer);
  if (!p) throw notFound('service');
  return p;
}

/** List a new service point: a GBV coordinator for any provider, a provider for itself, within scope. */
export async function create(ctx: Ctx, viewer: Viewer, input: ServiceCreate, idem: Idempotency | null) {
  return ctx.writer.write(viewer, idem, createWrite(ctx, viewer, input));
}

/** Change directory fields. */
export async function patch(ctx: Ctx, viewer: Viewer, id: string, p: ServicePatch, idem: Idempotency | null) {
  return ctx.writer.write(viewer, idem, patchWrite(ctx, viewer, id, p));
}

/** The body of a create inside a write's transaction; refuses at once what the caller may not do. */
export function createWrite(
  ctx: Ctx,
  viewer: Viewer,
  input: ServiceCreate,
): (q: Queryable) => Promise<WriteResult<ServicePoint | null>> {
  const providerOrgId = input.providerOrgId ?? viewer.orgId;
  if (!createsService(viewer, { providerOrgId, provinceCode: input.provinceCode }))
    throw forbidden(
      'Only a GBV coordinator, or a provider for its own services, within scope, may list a service.',
    );
  checkPlace(ctx.areas, input.provinceCode, input.communeCode);
  // A safe house is hidden whatever was asked: its position must never be shown by mistake.
  const locationVisibility = input.types.includes('safe_house') ? 'hidden' : input.locationVisibility;
  const now = new Date().toISOString();
  const availability = firstAvailability(input.status, now, viewer.userId);
  const fields: ServiceFields = {
    name: input.name,
    providerOrgId,
    types: input.types,
    provinceCode: input.provinceCode,
    communeCode: input.communeCode ?? null,
    locationVisibility,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    contactPhone: input.contactPhone ?? null,
    hours: input.hours ?? null,
    open24h: input.open24h,
    languages: input.languages,
    cost: input.cost,
    referral: input.referral,
    availability,
    lastReportedAt: now,
    simulated: writesSimulated(ctx, viewer),
    publicLat: null,
    publicLon: null,
  };
  checkPosition(fields);
  return async (q) => {
    await checkOrganisation(q, providerOrgId, 'providerOrgId');
    const s = await repoOf(ctx).insert(q, fields, { userId: viewer.userId, orgId: providerOrgId });
    await insertAvailability(q, s.id, availability);
    return created('service:created', s, presentService(s, viewer));
  };
}

async function lockForEdit(
  ctx: Ctx,
  q: Queryable,
  viewer: Viewer,
  id: string,
  version: number,
): Promise<StoredService> {
  const { current } = await lockedForEdit(repoOf(ctx), q, id, version, {
    missing: 'service',
    present: (s) => presentService(s, viewer),
    edits: (s) => editsService(viewer, s),
    notYours: 'You may edit only your own services (a GBV coordinator: any), within your scope.',
  });
  return current;
}

/** The body of a directory change inside a write's transaction. */
export function patchWrite(
  ctx: Ctx,
  viewer: Viewer,
  id: string,
  p: ServicePatch,
): (q: Queryable) => Promise<WriteResult<ServicePoint | null>> {
  return async (q) => {
    const current = await lockForEdit(ctx, q, viewer, id, p.version);
    const { version: _v, ...input } = p;
    const types = input.types ?? current.types;
    const next = {
      ...input,
      types,
      locationVisibility: types.includes('safe_house')
        ? 'hidden'
        : (input.locationVisibility ?? current.locationVisibility),
    } as Partial<ServiceFields>;
    const merged = { ...current, ...next } as StoredService;
    checkPlace(ctx.areas, merged.provinceCode, merged.communeCode);
    checkPosition(merged);
    const changes = changesFrom(current, next);
    const updated = await repoOf(ctx).update(q, id, p.version, next, viewer.userId);
    if (!updated) throw changedSince({ missing: 'service' });
    return {
      status: 200,
      body: presentService(updated, viewer),
      events: [recordEvent('service:updated', updated, redactChanges(changes))],
    };
  };
}

// History entries never carry positions or stock: readers of history get them from the record.
function redactChanges(changes: Record<string, unknown>): Record<string, unknown> {
  const { lat: _lat, lon: _lon, ...rest } = changes;
  return 'lat' in changes ? { ...rest, positionChanged: true } : rest;
}

/** Post an availability update: history row, latest copy on the service, time-critical alert, province stock totals. */
export async function postAvailability(
  ctx: Ctx,
  viewer: Viewer,
  id: string,
  p: AvailabilityPost,
  idem: Idempotency | null,
) {
  return ctx.writer.write(viewer, idem, async (q) => {
    const current = await lockForEdit(ctx, q, viewer, id, p.version);
    const safeHouse = current.types.includes('safe_house');
    if (p.safeHouseBeds != null && !safeHouse)
      throw badField('safeHouseBeds', 'only a safe house posts free beds');
    if (p.hotlineWorking != null && !current.types.includes('hotline'))
      throw badField('hotlineWorking', 'only a hotline posts whether it is working');
    const before = current.availability;
    const availability: Availability = {
      status: p.status,
      reasons: p.reasons,
      expectedRestoreAt: p.expectedRestoreAt ?? null,
      // Stock not posted carries over: a status-only update must not erase the last known stock.
      stock: p.stock ?? before.stock,
      safeHouseBeds: p.safeHouseBeds !== undefined ? p.safeHouseBeds : before.safeHouseBeds,
      hotlineWorking: p.hotlineWorking !== undefined ? p.hotlineWorking : before.hotlineWorking,
      note: p.note ?? null,
      reportedAt: new Date().toISOString(),
      reportedBy: viewer.userId,
    };
    await insertAvailability(q, id, availability);
    const updated = await repoOf(ctx).update(q, id, p.version, { availability }, viewer.userId, true);
    if (!updated) throw changedSince({ missing: 'service' });
    const events: NewEvent[] = [
      recordEvent('service:availability-changed', updated, { status: p.status, reasons: p.reasons }),
    ];
    events.push(...(await raiseIfCritical(q, updated, before, availability, current.simulated)));
    if (p.stock || before.stock) events.push(await stockTotalsEvent(ctx, q, updated.provinceCode));
    return { status: 200, body: presentService(updated, viewer), events };
  });
}

/** A service's availability history, newest first, restricted as the record is. */
export async function history(ctx: Ctx, viewer: Viewer, id: string): Promise<Availability[]> {
  const s = await repoOf(ctx).get(ctx.db, id);
  if (!s || !presentService(s, viewer)) throw notFound('service');
  return (await listAvailability(ctx.db, id)).map((a) => presentAvailability(a, s, viewer));
}

/** Statuses that count as available for a referral. */
const AVAILABLE = new Set(['open', 'limited']);

/**
 * The open or limited services of a type, nearest first, measured to the position the viewer may
 * see. Services whose position is hidden from the viewer come after, without a distance, when in
 * the origin's province: the referral goes through their hotline.
 */
export async function nearest(
  ctx: Ctx,
  viewer: Viewer,
  query: {
    shelterId?: string | undefined;
    lat?: number | undefined;
    lon?: number | undefined;
    type: ServicePoint['types'][number];
    limit: number;
  },
): Promise<NearestService[]> {
  let origin: { lat: number; lon: number; provinceCode: string | null };
  if (query.shelterId) {
    const shelter = await getShelter(ctx.db, query.shelterId);
    if (!shelter) throw badField('shelterId', 'unknown shelter');
    origin = { lat: shelter.lat, lon: shelter.lon, provinceCode: shelter.provinceCode };
  } else {
    origin = { lat: query.lat!, lon: query.lon!, provinceCode: null };
  }
  const candidates = (await list(ctx, viewer)).filter(
    (s) => s.types.includes(query.type) && AVAILABLE.has(s.availability.status),
  );
  const placed = candidates
    .filter((s) => s.lat !== null && s.lon !== null)
    .map((s) => ({
      service: s,
      distanceKm: Math.round(haversineKm(origin, { lat: s.lat!, lon: s.lon! }) * 10) / 10,
    }))
    .sort((a, b) => a.distanceKm - b.distanceKm || a.service.name.localeCompare(b.service.name))
    .slice(0, query.limit);
  const province = origin.provinceCode ?? placed[0]?.service.provinceCode ?? null;
  const hidden = candidates
    .filter((s) => s.lat === null && s.provinceCode === province)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s) => ({ service: s, distanceKm: null }));
  return [...placed, ...hidden];
}
