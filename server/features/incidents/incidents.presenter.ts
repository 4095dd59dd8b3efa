import {
  suppressForReader,
  type IncidentCounts,
  type Thresholds,
} from '../../../shared/domain/suppression.js';
import type { IncidentCell } from '../../../shared/schemas/incidents.js';
import type { Audience } from '../../auth/viewer.js';
import { readsIncidentsOf } from '../../../shared/domain/permissions.js';

/**
 * One province and month as released (stored in `incident_releases` and in `incident:released`
 * events): the frozen figures and each organisation's part, suppressed per reader on the way out.
 */
export interface ReleasedIncidentCell {
  provinceCode: string;
  month: string;
  revision: number;
  releaseNo: number;
  releasedAt: string;
  counts: IncidentCounts;
  /** Organisation id -> its part of `counts`: for per-reader suppression only, never shown. */
  contributions: Record<string, IncidentCounts>;
  thresholds: Thresholds;
}

/**
 * A released cell as the reader may see it, or null. Suppression is per reader: a reader whose
 * organisation contributed sees a figure only where the rest (the figure minus its own part)
 * passes suppression too. Neither the contributions nor any organisation leave the server.
 */
export function presentIncidentCell(c: ReleasedIncidentCell, a: Audience): IncidentCell | null {
  if (!readsIncidentsOf(a, c.provinceCode)) return null;
  // Streamed cells of old logs carry no release: they are never shown (see projection.ts).
  if (typeof c.releasedAt !== 'string' || !c.contributions) return null;
  return {
    provinceCode: c.provinceCode,
    month: c.month,
    counts: suppressForReader(c.counts, c.contributions[a.orgId] ?? null, c.thresholds),
    releasedAt: c.releasedAt,
  };
}
