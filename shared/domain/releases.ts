import { figuresOf, subtractCounts, type IncidentCounts, type Thresholds } from './suppression.js';

const DAY = 86_400_000;

/** One province and month as released: the frozen figures and each organisation's part of them. */
export interface ReleasedFigures {
  counts: IncidentCounts;
  /** Organisation id -> its part of `counts`; kept for per-reader suppression, never shown. */
  contributions: Readonly<Record<string, IncidentCounts>>;
}

/**
 * When a month's figures are closed: the start of the next month, or later when the last ISO
 * week counted in the month (by its Thursday, as `monthOf` assigns weeks) ends after it. Months
 * are calendar months in UTC.
 */
export function monthClosesAt(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = Date.UTC(y, m, 1);
  const last = new Date(next - DAY);
  // Back from the last day of the month to its last Thursday; that week ends the Monday after.
  const lastThursday = last.getTime() - ((last.getUTCDay() - 4 + 7) % 7) * DAY;
  return new Date(Math.max(next, lastThursday + 4 * DAY));
}

/** When a month's figures are due for release: once it has closed, plus the release delay. */
export function releaseDueAt(month: string, delayDays: number): Date {
  return new Date(monthClosesAt(month).getTime() + delayDays * DAY);
}

/** The month `YYYY-MM` of a date, in UTC. */
const monthOfDate = (d: Date) => d.toISOString().slice(0, 7);

/** The next release due strictly after `now`: the first month whose release time is still ahead. */
export function nextReleaseAt(now: Date, delayDays: number): Date {
  // Start far enough back that a month not yet due cannot be skipped, then walk forward.
  const d = new Date(now.getTime() - (delayDays + 40) * DAY);
  let month = monthOfDate(d);
  for (;;) {
    const due = releaseDueAt(month, delayDays);
    if (due.getTime() > now.getTime()) return due;
    const [y, m] = month.split('-').map(Number) as [number, number];
    month = monthOfDate(new Date(Date.UTC(y, m, 1)));
  }
}

/** Figures seen by one reader: all of them minus the organisation's own part (none for a non-contributor). */
function restFor(f: ReleasedFigures, orgId: string | null): Record<string, number> {
  const own = orgId ? f.contributions[orgId] : undefined;
  return figuresOf(own ? subtractCounts(f.counts, own) : f.counts);
}

/**
 * Whether later reports may be folded into a released cell (SPEC 2.4). Released figures are
 * frozen; a new release of the cell is allowed only when, for every reader (anyone, and each
 * organisation that contributed, which knows its own part), every figure that changes (total,
 * every breakdown cell, within72h and later = total - within72h) moves by at least the cell
 * threshold, so the difference between two releases is never a small count.
 *
 * It must also end above twice the threshold: a figure that was labelled or hidden before (from
 * 1 to threshold-1, or a complement hidden between the threshold and the smallest cell shown)
 * would otherwise be pinned by its new exact value (a `<5` followed by exactly 6 after a move of
 * at least 5 can only have been 1).
 */
export function foldInAllowed(prev: ReleasedFigures, next: ReleasedFigures, t: Thresholds): boolean {
  const readers = new Set<string | null>([
    null,
    ...Object.keys(prev.contributions),
    ...Object.keys(next.contributions),
  ]);
  for (const org of readers) {
    const before = restFor(prev, org);
    const after = restFor(next, org);
    for (const [k, n] of Object.entries(after)) {
      const d = n - (before[k] ?? 0);
      if (d === 0) continue;
      if (d < t.cell || n <= 2 * t.cell) return false;
    }
  }
  return true;
}

/** True when two aggregates hold the same figures. */
export function sameCounts(a: IncidentCounts, b: IncidentCounts): boolean {
  const fa = figuresOf(a);
  const fb = figuresOf(b);
  return Object.keys(fa).every((k) => fa[k] === fb[k]);
}
