import { SERVICE_TYPES, type ServiceType } from '../../../shared/enums.js';
import { haversineKm } from '../../../shared/domain/geo.js';
import { editsShelter, isSafeHouse } from '../../../shared/domain/permissions.js';
import {
  distanceBand,
  POSTER_MAX_KM,
  POSTER_SERVICES_PER_TYPE,
  POSTER_STATUSES,
  posterOutdated,
} from '../../../shared/domain/referralPathway.js';
import type {
  PosterHotline,
  PosterPrint,
  PosterService,
  ReferralPathway,
} from '../../../shared/schemas/referralPathway.js';
import type { ServicePoint } from '../../../shared/schemas/services.js';
import type { Ctx } from '../../context.js';
import type { Viewer } from '../../auth/viewer.js';
import { forbidden } from '../../http/errors.js';
import { listRoles } from '../coordinationRoles/coordinationRoles.repo.js';
import * as services from '../services/services.service.js';
import * as shelters from '../shelters/shelters.service.js';
import { getPrint, putPrint, type StoredPrint } from './referralPathway.repo.js';

// Hotlines are numbers, not places: they get a section of their own, not a distance.
const LISTED_TYPES = SERVICE_TYPES.filter((t) => t !== 'hotline' && t !== 'safe_house');

function posterService(
  s: ServicePoint,
  origin: { lat: number; lon: number },
): PosterService & { km: number } {
  const km = s.lat !== null && s.lon !== null ? haversineKm(origin, { lat: s.lat, lon: s.lon }) : Infinity;
  return {
    id: s.id,
    name: s.name,
    distanceBand: Number.isFinite(km) ? distanceBand(km) : null,
    open24h: s.open24h,
    hours: s.hours,
    phone: s.contactPhone,
    referral: s.referral,
    limited: s.availability.status === 'limited',
    km,
  };
}

/** The nearest open services of a type: placed ones by distance, then the province's unplaced ones. */
function nearestOf(
  all: readonly ServicePoint[],
  type: ServiceType,
  origin: { lat: number; lon: number; provinceCode: string },
): PosterService[] {
  return all
    .filter((s) => s.types.includes(type))
    .map((s) => ({ s, p: posterService(s, origin) }))
    .filter(({ s, p }) => s.provinceCode === origin.provinceCode || p.km <= POSTER_MAX_KM)
    .map(({ p }) => p)
    .sort((a, b) => a.km - b.km || a.name.localeCompare(b.name))
    .slice(0, POSTER_SERVICES_PER_TYPE)
    .map(({ km: _km, ...p }) => p);
}

function uniqueByPhone(lines: PosterHotline[]): PosterHotline[] {
  const seen = new Set<string>();
  return lines.filter((h) => !seen.has(h.phone.replace(/\D/g, '')) && seen.add(h.phone.replace(/\D/g, '')));
}

const withOutdated = (p: StoredPrint | null, all: readonly ServicePoint[]): PosterPrint | null => {
  if (!p) return null;
  const status = new Map(all.map((s) => [s.id, s.availability.status]));
  return { ...p, outdated: posterOutdated(p.serviceIds, (id) => status.get(id)) };
};

/**
 * A shelter's referral pathway poster as the viewer may read it (who reads the shelter reads its
 * poster). A safe house is never named or placed, for any role: the poster hangs on a shelter wall
 * and is read by everyone there, so it gives only the numbers that reach one.
 */
export async function referralPathway(ctx: Ctx, viewer: Viewer, shelterId: string): Promise<ReferralPathway> {
  const shelter = await shelters.get(ctx, viewer, shelterId);
  const origin = { lat: shelter.lat, lon: shelter.lon, provinceCode: shelter.provinceCode };
  const everything = await services.list(ctx, viewer);
  const open = everything.filter((s) => POSTER_STATUSES.includes(s.availability.status));
  const listable = open.filter((s) => !isSafeHouse(s));
  const roles = await listRoles(ctx.db);
  const roleLine = (fn: string, p: string | null): PosterHotline[] => {
    const r = roles.find((x) => x.function === fn && x.provinceCode === p && x.contact);
    return r?.contact
      ? [{ level: p ? 'province' : 'national', desk: r.contact.desk, phone: r.contact.phone }]
      : [];
  };
  const hotlineServices: PosterHotline[] = listable
    .filter((s) => s.types.includes('hotline') && s.contactPhone)
    .map((s) => ({
      level: s.provinceCode === shelter.provinceCode ? 'province' : 'national',
      desk: s.name,
      phone: s.contactPhone!,
    }));
  const hotlines = uniqueByPhone([
    ...roleLine('hotline', shelter.provinceCode),
    ...roleLine('gbv_lead', shelter.provinceCode),
    ...roleLine('hotline', null),
    ...hotlineServices,
  ]);
  // A safe house's own line (shown to every reader, as on the map) but never its name.
  const safeHouseLines: PosterHotline[] = open
    .filter((s) => isSafeHouse(s) && s.provinceCode === shelter.provinceCode && s.contactPhone)
    .map((s) => ({ level: 'province', desk: null, phone: s.contactPhone! }));
  // The safe-shelter desks first; the hotlines above reach a safe house too, so they come only
  // when the mechanism names no safe-shelter desk.
  const desks = uniqueByPhone([
    ...safeHouseLines,
    ...roleLine('safe_shelter', shelter.provinceCode),
    ...roleLine('safe_shelter', null),
  ]);
  const throughHotline = desks.length ? desks : hotlines;
  return {
    shelter: { id: shelter.id, name: shelter.name, provinceCode: shelter.provinceCode },
    sections: [
      ...LISTED_TYPES.map((type) => ({
        type,
        services: nearestOf(listable, type, origin),
        throughHotline: [],
      })),
      { type: 'safe_house' as const, services: [], throughHotline },
    ],
    hotlines,
    generatedAt: new Date().toISOString(),
    lastPrint: withOutdated(await getPrint(ctx.db, shelter.id), everything),
  };
}

/** The last print of the shelter's poster and whether it is outdated, or null. */
export async function lastPrint(ctx: Ctx, viewer: Viewer, shelterId: string): Promise<PosterPrint | null> {
  const shelter = await shelters.get(ctx, viewer, shelterId);
  return withOutdated(await getPrint(ctx.db, shelter.id), await services.list(ctx, viewer));
}

/**
 * Record that the poster was printed, with the services it lists as the server sees them now (the
 * page prints what this endpoint returns). Those who edit the shelter record it: its checklist
 * item "hotlines and referral pathway posted" is theirs.
 */
export async function recordPrint(ctx: Ctx, viewer: Viewer, shelterId: string): Promise<PosterPrint> {
  const shelter = await shelters.get(ctx, viewer, shelterId);
  if (!editsShelter(viewer, shelter))
    throw forbidden('Only the shelter’s manager or an operations officer in scope records its poster.');
  const poster = await referralPathway(ctx, viewer, shelterId);
  const ids = poster.sections.flatMap((s) => s.services.map((x) => x.id));
  return { ...(await putPrint(ctx.db, shelter.id, ids, viewer.userId)), outdated: false };
}
