import type { ShelterStatus } from '../../../../shared/enums.js';
import { isShelterStale } from '../../../../shared/domain/staleness.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';

/** Statuses whose occupants count as people sheltered now. */
export const SHELTERING_STATUSES: readonly ShelterStatus[] = ['open', 'full', 'closing'];

/** The key figures of the shelter picture. */
export interface ShelterFigures {
  peopleSheltered: number;
  sheltersFull: number;
  sheltersStale: number;
  sheltersOpen: number;
}

/**
 * Key figures over the given shelters. Stale counts every shelter whose last report is older than
 * the staleness window, whatever its status, because stale entries look stale everywhere (SPEC 2.2).
 */
export function computeFigures(shelters: Iterable<Shelter>, now: Date): ShelterFigures {
  const f: ShelterFigures = { peopleSheltered: 0, sheltersFull: 0, sheltersStale: 0, sheltersOpen: 0 };
  for (const s of shelters) {
    if (SHELTERING_STATUSES.includes(s.status)) f.peopleSheltered += s.occupancy;
    if (s.status === 'full') f.sheltersFull += 1;
    if (s.status === 'open') f.sheltersOpen += 1;
    if (isShelterStale(s.lastReportedAt, now)) f.sheltersStale += 1;
  }
  return f;
}
