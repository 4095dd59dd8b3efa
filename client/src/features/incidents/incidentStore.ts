import { create } from 'zustand';
import type { Change } from '../../../../shared/events.js';
import type { IncidentCell, IncidentSummary } from '../../../../shared/schemas/incidents.js';

type Shown = IncidentCell['counts']['total'];

/** Incident aggregates as held on this device: cells keyed by province and month. */
export interface IncidentData {
  cells: Readonly<Record<string, IncidentCell>>;
  national: IncidentSummary['national'];
  thresholds: IncidentSummary['thresholds'];
  note: IncidentSummary['note'];
  /** When the next release is due (reports entered before then are not in these figures). */
  nextReleaseAt: string | null;
}

/** The key of one province and month. */
export const cellKey = (provinceCode: string, month: string) => `${provinceCode}|${month}`;

/**
 * The national total of a month from the published province totals: exact only when every part
 * is exact, as the server publishes it, because otherwise the total minus the exact parts would
 * give a small or hidden province away.
 */
export function nationalTotals(cells: Readonly<Record<string, IncidentCell>>): IncidentSummary['national'] {
  const byMonth = new Map<string, Shown>();
  for (const c of Object.values(cells)) {
    const cur = byMonth.has(c.month) ? byMonth.get(c.month)! : 0;
    const t = c.counts.total;
    byMonth.set(c.month, typeof cur === 'number' && typeof t === 'number' ? cur + t : null);
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, total]) => ({ month, total }));
}

/** Index a summary from the snapshot or GET /api/incidents/summary. */
export function fromSummary(s: IncidentSummary): IncidentData {
  const cells: Record<string, IncidentCell> = {};
  for (const c of s.cells) cells[cellKey(c.provinceCode, c.month)] = c;
  return {
    cells,
    national: s.national,
    thresholds: s.thresholds,
    note: s.note,
    nextReleaseAt: s.nextReleaseAt ?? null,
  };
}

/**
 * Apply `incident:released`: each replaces its province and month with the figures just
 * released; the national line follows. (`incident:summary-changed` came from servers that
 * streamed figures; today's server sends it to no one, and it is applied the same way.)
 */
export function applyIncidentChanges(data: IncidentData, changes: readonly Change[]): IncidentData {
  let cells: Record<string, IncidentCell> | null = null;
  for (const c of changes) {
    if (c.type !== 'incident:released' && c.type !== 'incident:summary-changed') continue;
    cells ??= { ...data.cells };
    const key = cellKey(c.data.provinceCode, c.data.month);
    cells[key] = c.type === 'incident:released' ? c.data : { ...c.data, releasedAt: c.at };
  }
  if (!cells) return data;
  // A province-scoped reader gets no national line from the server; the client keeps it that way.
  return { ...data, cells, national: data.national.length ? nationalTotals(cells) : [] };
}

/** The newest release time among the cells held, or null. */
export function lastReleasedAt(data: IncidentData): string | null {
  return Object.values(data.cells).reduce<string | null>(
    (a, c) => (a && a > c.releasedAt ? a : c.releasedAt),
    null,
  );
}

/** Months present, newest first. */
export function monthsOf(data: IncidentData): string[] {
  return [...new Set(Object.values(data.cells).map((c) => c.month))].sort().reverse();
}

interface IncidentState {
  /** Null for roles that may not read incident aggregates (the snapshot has no `incidents`). */
  data: IncidentData | null;
  month: string | null;
  replaceAll: (summary: IncidentSummary | undefined) => void;
  applyEvent: (changes: readonly Change[]) => void;
  setMonth: (month: string | null) => void;
  reset: () => void;
}

export const useIncidentStore = create<IncidentState>()((set, get) => ({
  data: null,
  month: null,
  replaceAll: (summary) => set({ data: summary ? fromSummary(summary) : null }),
  applyEvent: (changes) => {
    const data = get().data;
    if (!data) return;
    const next = applyIncidentChanges(data, changes);
    if (next !== data) set({ data: next });
  },
  setMonth: (month) => set({ month }),
  reset: () => set({ data: null, month: null }),
}));

/** The month shown: the chosen one, else the newest with data. */
export function shownMonth(data: IncidentData | null, chosen: string | null): string | null {
  if (!data) return null;
  return chosen ?? monthsOf(data)[0] ?? null;
}
