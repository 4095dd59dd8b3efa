import type { ServiceStatus, ServiceType } from '../../../../shared/enums.js';
import { isStale } from '../../../../shared/domain/staleness.js';
import { STALE_HOURS } from '../../../../shared/limits.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';
import { rankedByName, type ById } from '../../lib/byId.js';

/** What the user narrowed the service picture to; the province comes from the shared province filter. */
export interface ServiceFilter {
  statuses: readonly ServiceStatus[];
  type: ServiceType | null;
}

export const NO_SERVICE_FILTER: ServiceFilter = { statuses: [], type: null };

/** True when the service passes the filter and the province (null: all provinces). */
export function matchesServiceFilter(
  s: ServicePoint,
  f: ServiceFilter,
  provinceCode: string | null,
): boolean {
  if (provinceCode && s.provinceCode !== provinceCode) return false;
  if (f.statuses.length > 0 && !f.statuses.includes(s.availability.status)) return false;
  if (f.type && !s.types.includes(f.type)) return false;
  return true;
}

/** Down first (closed, relocated), then limited, then by name: what needs attention leads. */
const ORDER: Record<ServiceStatus, number> = { closed: 0, relocated: 1, limited: 2, mobile_only: 3, open: 4 };

/** The filtered services in list order. */
export const selectServices = (
  byId: ById<ServicePoint>,
  f: ServiceFilter,
  p: string | null,
  locale: string,
) =>
  rankedByName(
    byId,
    (s) => matchesServiceFilter(s, f, p),
    (s) => ORDER[s.availability.status],
    locale,
  );

/** A service counts as down when closed or moved away from its usual place. */
export function isServiceDown(s: ServicePoint): boolean {
  return s.availability.status === 'closed' || s.availability.status === 'relocated';
}

/** A service is stale when not reconfirmed within 24 hours (SPEC 2.2). */
export function isServiceStale(lastReportedAt: string, now: number): boolean {
  return isStale(lastReportedAt, new Date(now), STALE_HOURS.service);
}
