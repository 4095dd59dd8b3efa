import { INCIDENT_AGE_BANDS, INCIDENT_SETTINGS, INCIDENT_TYPES, SURVIVOR_SEXES } from '../enums.js';

/** Raw incident counts for one area and period (SPEC 2.4); every breakdown sums to `total`. */
export interface IncidentCounts {
  total: number;
  byType: Record<(typeof INCIDENT_TYPES)[number], number>;
  bySex: Record<(typeof SURVIVOR_SEXES)[number], number>;
  byAge: Record<(typeof INCIDENT_AGE_BANDS)[number], number>;
  bySetting: Record<(typeof INCIDENT_SETTINGS)[number], number>;
  within72h: number;
}

/** A published count: the exact number, a small-number label such as `<5`, or null when hidden. */
export type Shown = number | `<${number}` | null;

/** Incident counts after suppression; a breakdown is null when hidden as a whole. */
export interface SuppressedCounts {
  total: Shown;
  byType: Record<(typeof INCIDENT_TYPES)[number], Shown> | null;
  bySex: Record<(typeof SURVIVOR_SEXES)[number], Shown> | null;
  byAge: Record<(typeof INCIDENT_AGE_BANDS)[number], Shown> | null;
  bySetting: Record<(typeof INCIDENT_SETTINGS)[number], Shown> | null;
  within72h: Shown;
}

/** Suppression thresholds: small cells, breakdowns by area-period total, breakdowns involving children. */
export interface Thresholds {
  cell: number;
  breakdown: number;
  child: number;
}

/** The floor of every threshold (SPEC 2.4); configuration may raise them, never lower them. */
export const MIN_THRESHOLDS: Thresholds = { cell: 5, breakdown: 5, child: 10 };

/** Thresholds from configuration, refusing any value below the floor. */
export function resolveThresholds(over: Partial<Thresholds> = {}): Thresholds {
  const t = { ...MIN_THRESHOLDS, ...over };
  for (const k of Object.keys(MIN_THRESHOLDS) as (keyof Thresholds)[]) {
    if (!Number.isInteger(t[k]) || t[k] < MIN_THRESHOLDS[k])
      throw new RangeError(`suppression threshold ${k} must be an integer of at least ${MIN_THRESHOLDS[k]}`);
  }
  // A breakdown is published only when its total is at least a publishable cell.
  t.breakdown = Math.max(t.breakdown, t.cell);
  t.child = Math.max(t.child, t.breakdown);
  return t;
}

/** The small-number label for a threshold, `<5` by default. */
export const smallLabel = (cell: number): `<${number}` => `<${cell}`;

/** One count on its own: 0 and counts at or above the threshold exact, 1 to threshold-1 as the label. */
export function showCount(n: number, cell: number): Shown {
  return n > 0 && n < cell ? smallLabel(cell) : n;
}

/**
 * True when, knowing the hidden cells' sum and the range each may lie in, no hidden cell can be
 * pinned to a single value: every hidden cell keeps at least two values consistent with the rest.
 * Ranges are integer intervals, so the others' possible sums form an interval too.
 */
export function hiddenCellsProtected(sum: number, ranges: readonly (readonly [number, number])[]): boolean {
  const lo = ranges.reduce((n, r) => n + r[0], 0);
  const hi = ranges.reduce((n, r) => n + r[1], 0);
  return ranges.every(([l, h]) => {
    const from = Math.max(l, sum - (hi - h));
    const to = Math.min(h, sum - (lo - l));
    return to - from + 1 >= 2;
  });
}

/**
 * Suppress one breakdown whose cells sum to a published total: cells from 1 to cell-1 become the
 * label and the smallest other non-zero cell is hidden too (complementary suppression), so the
 * total minus the cells shown never gives a labelled cell away. When even that leaves a hidden
 * cell with a single possible value, the whole breakdown is hidden.
 *
 * The reader is assumed to know this rule: a labelled cell lies in 1..cell-1, the hidden one is at
 * least `cell` and no larger than the cells still shown. The complement is added whenever a
 * label is, never depending on the hidden values, so the decision itself tells the reader nothing.
 */
export function suppressBreakdown<K extends string>(
  cells: Record<K, number>,
  cell: number,
): Record<K, Shown> | null {
  const keys = Object.keys(cells) as K[];
  const out = {} as Record<K, Shown>;
  const primary = keys.filter((k) => cells[k] > 0 && cells[k] < cell);
  for (const k of keys) out[k] = showCount(cells[k], cell);
  if (primary.length === 0) return out;
  const candidates = keys
    .filter((k) => cells[k] >= cell)
    .sort((a, b) => cells[a] - cells[b] || keys.indexOf(a) - keys.indexOf(b));
  const complement = candidates.shift();
  const hiddenSum =
    primary.reduce((n, k) => n + cells[k], 0) + (complement === undefined ? 0 : cells[complement]);
  const ranges: [number, number][] = primary.map(() => [1, cell - 1]);
  if (complement !== undefined) {
    out[complement] = null;
    // Ties go to the earlier key, so a cell shown before the hidden one bounds it strictly.
    const bound = (k: K) => cells[k] - (keys.indexOf(k) < keys.indexOf(complement) ? 1 : 0);
    ranges.push([cell, Math.min(hiddenSum, ...candidates.map(bound))]);
  }
  return hiddenCellsProtected(hiddenSum, ranges) ? out : null;
}

/**
 * Suppress one area-period aggregate (SPEC 2.4): small counts as `<5`; every breakdown hidden when
 * the total is under the breakdown threshold; the age breakdown (which involves children) hidden
 * under the child threshold; complementary suppression inside each breakdown.
 */
export function suppressCounts(c: IncidentCounts, t: Thresholds = MIN_THRESHOLDS): SuppressedCounts {
  const showBreakdowns = c.total >= t.breakdown;
  return {
    total: showCount(c.total, t.cell),
    byType: showBreakdowns ? suppressBreakdown(c.byType, t.cell) : null,
    bySex: showBreakdowns ? suppressBreakdown(c.bySex, t.cell) : null,
    byAge: c.total >= t.child ? suppressBreakdown(c.byAge, t.cell) : null,
    bySetting: showBreakdowns ? suppressBreakdown(c.bySetting, t.cell) : null,
    within72h: showBreakdowns ? suppressWithin72h(c, t) : null,
  };
}

/**
 * Reported within 72 hours and its complement, reported later (`total - within72h`), are a
 * two-cell breakdown: the later count is never published, but a reader can subtract, so it is
 * suppressed as a cell too and the within-72-hours count is hidden where the complement would be
 * a small count (complementary suppression, SPEC 2.4).
 */
function suppressWithin72h(c: IncidentCounts, t: Thresholds): Shown {
  const pair = suppressBreakdown({ within72h: c.within72h, later: c.total - c.within72h }, t.cell);
  return pair ? pair.within72h : null;
}

/** Every published figure of an aggregate, `later` (total - within72h) included, by a stable name. */
export function figuresOf(c: IncidentCounts): Record<string, number> {
  const out: Record<string, number> = {
    total: c.total,
    within72h: c.within72h,
    later: c.total - c.within72h,
  };
  for (const k of ['byType', 'bySex', 'byAge', 'bySetting'] as const)
    for (const [x, n] of Object.entries(c[k])) out[`${k}.${x}`] = n;
  return out;
}

/** Subtract one aggregate from another cell by cell (a cell minus one organisation's part). */
export function subtractCounts(a: IncidentCounts, b: IncidentCounts): IncidentCounts {
  const sub = <K extends string>(x: Record<K, number>, y: Record<K, number>) =>
    Object.fromEntries(Object.keys(x).map((k) => [k, x[k as K] - y[k as K]])) as Record<K, number>;
  return {
    total: a.total - b.total,
    byType: sub(a.byType, b.byType),
    bySex: sub(a.bySex, b.bySex),
    byAge: sub(a.byAge, b.byAge),
    bySetting: sub(a.bySetting, b.bySetting),
    within72h: a.within72h - b.within72h,
  };
}

/**
 * Suppression for one reader whose organisation contributed `own` to the cell (SPEC 2.4). The
 * reader knows its own part, so what it learns is the rest: the rest (`c - own`) is suppressed as
 * any cell would be, complements included, and a figure is shown (as the full figure) only where
 * the rest is shown exactly. Where the rest is a small count, the figure is hidden for this reader
 * unless its own part of that figure is 0 (then the figure is the rest, and its label is safe).
 */
export function suppressForReader(
  c: IncidentCounts,
  own: IncidentCounts | null,
  t: Thresholds = MIN_THRESHOLDS,
): SuppressedCounts {
  if (!own || own.total === 0) return suppressCounts(c, t);
  const restCounts = subtractCounts(c, own);
  // Only its own reports: nothing to protect from this reader, which entered every figure itself.
  if (restCounts.total === 0) return exactCounts(c);
  const rest = suppressCounts(restCounts, t);
  const back = (shown: Shown, mine: number): Shown =>
    typeof shown === 'number' ? shown + mine : shown !== null && mine === 0 ? shown : null;
  const breakdown = <K extends string>(s: Record<K, Shown> | null, mine: Record<K, number>) =>
    s === null
      ? null
      : (Object.fromEntries(Object.keys(s).map((k) => [k, back(s[k as K], mine[k as K])])) as Record<
          K,
          Shown
        >);
  return {
    total: back(rest.total, own.total),
    byType: breakdown(rest.byType, own.byType),
    bySex: breakdown(rest.bySex, own.bySex),
    byAge: breakdown(rest.byAge, own.byAge),
    bySetting: breakdown(rest.bySetting, own.bySetting),
    within72h: back(rest.within72h, own.within72h),
  };
}

/**
 * A total over several published area totals (for example the national figure for a month):
 * exact only when every part is exact, because otherwise the total minus the exact parts would
 * give away the labelled ones.
 */
export function suppressedSum(parts: readonly number[], t: Thresholds = MIN_THRESHOLDS): Shown {
  if (parts.some((n) => n > 0 && n < t.cell)) return null;
  return parts.reduce((a, b) => a + b, 0);
}

/** Raw counts as published counts, unchanged (for a reader that entered all of them). */
function exactCounts(c: IncidentCounts): SuppressedCounts {
  return {
    ...c,
    byType: { ...c.byType },
    bySex: { ...c.bySex },
    byAge: { ...c.byAge },
    bySetting: { ...c.bySetting },
  };
}

/** Add two raw aggregates cell by cell (several reports for one area and period). */
export function addCounts(a: IncidentCounts, b: IncidentCounts): IncidentCounts {
  const add = <K extends string>(x: Record<K, number>, y: Record<K, number>) =>
    Object.fromEntries(Object.keys(x).map((k) => [k, x[k as K] + y[k as K]])) as Record<K, number>;
  return {
    total: a.total + b.total,
    byType: add(a.byType, b.byType),
    bySex: add(a.bySex, b.bySex),
    byAge: add(a.byAge, b.byAge),
    bySetting: add(a.bySetting, b.bySetting),
    within72h: a.within72h + b.within72h,
  };
}

/** All-zero counts. */
export function zeroCounts(): IncidentCounts {
  const zero = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  return {
    total: 0,
    byType: zero(INCIDENT_TYPES),
    bySex: zero(SURVIVOR_SEXES),
    byAge: zero(INCIDENT_AGE_BANDS),
    bySetting: zero(INCIDENT_SETTINGS),
    within72h: 0,
  };
}

/** The note every incident view carries (SPEC 2.4). */
export const INCIDENT_NOTE = {
  vi: 'Đây là số vụ việc được báo cáo cho các dịch vụ, không phải tỷ lệ hiện mắc; số liệu tăng có thể do người bị bạo lực tiếp cận trợ giúp tốt hơn.',
  en: 'These are incidents reported to services, not prevalence; a rise can mean better access to help.',
} as const;
