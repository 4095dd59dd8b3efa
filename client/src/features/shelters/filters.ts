import type { ShelterStatus } from '../../../../shared/enums.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { rankedByName, type ById } from '../../lib/byId.js';

/** What the user narrowed the shelter picture to; the province comes from the shared province filter. */
export interface ShelterFilter {
  statuses: readonly ShelterStatus[];
  /** Only shelters managed by this organisation (a shelter manager's own). */
  managingOrgId: string | null;
}

export const NO_FILTER: ShelterFilter = { statuses: [], managingOrgId: null };

/** True when the shelter passes the filter and the province (null: all provinces). */
export function matchesFilter(s: Shelter, f: ShelterFilter, provinceCode: string | null): boolean {
  if (provinceCode && s.provinceCode !== provinceCode) return false;
  if (f.statuses.length > 0 && !f.statuses.includes(s.status)) return false;
  if (f.managingOrgId && s.managingOrgId !== f.managingOrgId) return false;
  return true;
}

/** Display order of the list: shelters needing attention first (full, damaged), then by name. */
const STATUS_ORDER: Record<ShelterStatus, number> = {
  full: 0,
  damaged: 1,
  open: 2,
  closing: 3,
  standby: 4,
  closed: 5,
};

/** The filtered shelters in list order. */
export const selectShelters = (
  byId: ById<Shelter>,
  f: ShelterFilter,
  province: string | null,
  locale: string,
) =>
  rankedByName(
    byId,
    (s) => matchesFilter(s, f, province),
    (s) => STATUS_ORDER[s.status],
    locale,
  );
