import { suppressCounts, type IncidentCounts, type Thresholds } from '../../../shared/domain/suppression.js';
import type { IncidentCell } from '../../../shared/schemas/incidents.js';
import { inScope, type Audience } from '../../auth/viewer.js';

/** One province and month as stored in an event: raw counts, suppressed on the way out. */
export interface RawIncidentCell {
  provinceCode: string;
  month: string;
  counts: IncidentCounts;
  thresholds: Thresholds;
}

/** Incident aggregates go to GBV coordinators and operations officers only, within scope (SPEC 3); the admin sees none. */
export function readsIncidents(a: Audience): boolean {
  return a.role === 'gbv_coordinator' || a.role === 'ops_officer';
}

/** A cell as the reader may see it: suppressed, never raw, or null. */
export function presentIncidentCell(c: RawIncidentCell, a: Audience): IncidentCell | null {
  if (!readsIncidents(a) || !inScope(a, c.provinceCode)) return null;
  return { provinceCode: c.provinceCode, month: c.month, counts: suppressCounts(c.counts, c.thresholds) };
}
