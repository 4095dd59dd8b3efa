import type { Availability, ServicePoint, StockTotals } from '../../../shared/schemas/services.js';
import { inScope, type Audience } from '../../auth/viewer.js';
import type { StoredService } from './services.repo.js';

/**
 * True when the reader sees the service's private side: the exact position whatever its
 * visibility, safe-house beds and clinical stock. GBV coordinators, and the provider itself (SPEC 3).
 */
export function seesPrivate(s: Pick<StoredService, 'providerOrgId'>, a: Audience): boolean {
  return a.role === 'gbv_coordinator' || (a.role === 'service_provider' && a.orgId === s.providerOrgId);
}

/** Restrict one availability update for the reader: stock and beds only to those allowed them. */
export function presentAvailability(
  av: Availability,
  s: Pick<StoredService, 'providerOrgId'>,
  a: Audience,
): Availability {
  if (seesPrivate(s, a)) return av;
  return { ...av, stock: null, safeHouseBeds: null };
}

/**
 * A service point as the reader may see it, or null when it may not see it at all. The admin sees
 * no GBV data, so no safe house. A safe house (always stored hidden) and any hidden point have no
 * position for others: "reach through the hotline". A commune-only point shows the commune's point.
 */
export function presentService(s: StoredService, a: Audience): ServicePoint | null {
  const safeHouse = s.types.includes('safe_house');
  if (safeHouse && a.role === 'admin') return null;
  const { publicLat, publicLon, ...rest } = s;
  const privateView = seesPrivate(s, a);
  let position: Pick<ServicePoint, 'lat' | 'lon' | 'positionShown'>;
  if (privateView || s.locationVisibility === 'exact')
    position = { lat: s.lat, lon: s.lon, positionShown: s.lat === null ? 'hidden' : 'exact' };
  else if (s.locationVisibility === 'commune' && publicLat !== null && publicLon !== null)
    position = { lat: publicLat, lon: publicLon, positionShown: 'commune' };
  else position = { lat: null, lon: null, positionShown: 'hidden' };
  return { ...rest, ...position, availability: presentAvailability(s.availability, s, a) };
}

/** True when the reader may edit the service: its provider, or a GBV coordinator, within scope. */
export function canEditService(
  s: Pick<StoredService, 'providerOrgId' | 'provinceCode'>,
  a: Audience,
): boolean {
  if (!inScope(a, s.provinceCode)) return false;
  return a.role === 'gbv_coordinator' || (a.role === 'service_provider' && a.orgId === s.providerOrgId);
}

/** Province stock totals: operations officers (their scope) and GBV coordinators (SPEC 3). */
export function presentStockTotals(t: StockTotals, a: Audience): StockTotals | null {
  if (a.role === 'gbv_coordinator' || (a.role === 'ops_officer' && inScope(a, t.provinceCode))) return t;
  return null;
}
