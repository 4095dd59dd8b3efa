import type { Availability, ServicePoint, StockTotals } from '../../../shared/schemas/services.js';
import { LOCATION_VISIBILITIES } from '../../../shared/enums.js';
import {
  isSafeHouse,
  readsService,
  readsServicePrivate,
  readsStockTotals,
} from '../../../shared/domain/permissions.js';
import type { Audience } from '../../auth/viewer.js';
import type { StoredService } from './services.repo.js';

/** What the projection needs of a service's current state to apply its visibility to past events. */
export type ServiceVisibility = Pick<
  StoredService,
  'types' | 'locationVisibility' | 'providerOrgId' | 'provinceCode'
>;

/** The name a safe house shows to readers without the right to its name (the client translates it). */
export const MASKED_SAFE_HOUSE_NAME = 'Safe house';

/** Restrict one availability update for the reader: stock and beds only to those allowed them. */
export function presentAvailability(av: Availability, s: ServiceVisibility, a: Audience): Availability {
  if (readsServicePrivate(a, s)) return av;
  // A safe house's note or reporter could tell where it is or who runs it.
  if (isSafeHouse(s)) return { ...av, stock: null, safeHouseBeds: null, note: null, reportedBy: null };
  return { ...av, stock: null, safeHouseBeds: null };
}

/**
 * A service point as the reader may see it, or null when it may not see it at all.
 *
 * `current` is the record's state now. Past events carry the state of their time; projecting them
 * with the stricter of both means a service later hidden or turned into a safe house never shows
 * its old position or name on any path (history, catch-up, /api/events). We re-project at read time
 * rather than rewrite stored payloads: the log stays an honest record, and a visibility change
 * takes effect on every path and every process without touching past rows.
 *
 * The admin sees no GBV data, so no safe house. Readers without the right see a safe house only as
 * "Safe house" with its province, status, types and hotline (`masked`). Any hidden point has no
 * position for others ("reach through the hotline"); a commune-only point shows the commune's point.
 */
export function presentService(
  s: StoredService,
  a: Audience,
  current: ServiceVisibility = s,
): ServicePoint | null {
  const safeHouse = isSafeHouse(s) || isSafeHouse(current);
  if (!readsService(a, s) || !readsService(a, current)) return null;
  const privateView = readsServicePrivate(a, s) && readsServicePrivate(a, current);
  const visibility = safeHouse
    ? 'hidden'
    : LOCATION_VISIBILITIES[
        Math.max(
          LOCATION_VISIBILITIES.indexOf(s.locationVisibility),
          LOCATION_VISIBILITIES.indexOf(current.locationVisibility),
        )
      ]!;
  const { publicLat, publicLon, ...rest } = s;
  let position: Pick<ServicePoint, 'lat' | 'lon' | 'positionShown'>;
  if (privateView || visibility === 'exact')
    position = { lat: s.lat, lon: s.lon, positionShown: s.lat === null ? 'hidden' : 'exact' };
  else if (visibility === 'commune' && publicLat !== null && publicLon !== null)
    position = { lat: publicLat, lon: publicLon, positionShown: 'commune' };
  else position = { lat: null, lon: null, positionShown: 'hidden' };
  if (privateView) return { ...rest, ...position, locationVisibility: visibility, masked: false };
  if (safeHouse)
    return {
      ...rest,
      ...position,
      name: MASKED_SAFE_HOUSE_NAME,
      masked: true,
      communeCode: null,
      locationVisibility: 'hidden',
      providerOrgId: null,
      orgId: null,
      updatedBy: null,
      availability: { ...s.availability, stock: null, safeHouseBeds: null, note: null, reportedBy: null },
    };
  const availability = { ...s.availability, stock: null, safeHouseBeds: null };
  return { ...rest, ...position, locationVisibility: visibility, masked: false, availability };
}

/** Province stock totals: operations officers and GBV coordinators, within scope (SPEC 3). */
export function presentStockTotals(t: StockTotals, a: Audience): StockTotals | null {
  return readsStockTotals(a, t.provinceCode) ? t : null;
}
