import { median, quantile } from './lib.js';

/** A reading at `t` ms after the start of a run. */
export interface Point {
  t: number;
  y: number;
}

/** Least-squares slope of y over t, in y per minute (NaN with fewer than two distinct times). */
export function slopePerMinute(points: readonly Point[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mt = points.reduce((a, p) => a + p.t, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.t - mt) * (p.y - my);
    sxx += (p.t - mt) ** 2;
  }
  return sxx === 0 ? NaN : (sxy / sxx) * 60_000;
}

/** The points in the last half of a run of `durationMs` (t >= durationMs / 2). */
export const lastHalf = <T extends { t: number }>(points: readonly T[], durationMs: number): T[] =>
  points.filter((p) => p.t >= durationMs / 2);

/** The points in the first half of a run of `durationMs` (t < durationMs / 2). */
export const firstHalf = <T extends { t: number }>(points: readonly T[], durationMs: number): T[] =>
  points.filter((p) => p.t < durationMs / 2);

/**
 * Memory is flat when the last-half slope of every process is at most `limitPerMinute` (bytes/min).
 * A falling slope is flat; a missing slope (too few samples) is not.
 */
export const flat = (slopes: readonly number[], limitPerMinute: number): boolean =>
  slopes.length > 0 && slopes.every((s) => Number.isFinite(s) && s <= limitPerMinute);

/** The p99 of the latencies in each window of `windowMs`, by when their change was sent (empty windows are left out). */
export function windowP99s(samples: readonly Point[], windowMs: number, durationMs: number): Point[] {
  const windows: number[][] = Array.from({ length: Math.ceil(durationMs / windowMs) }, () => []);
  for (const s of samples) {
    const w = Math.floor(s.t / windowMs);
    if (w >= 0 && w < windows.length) windows[w]!.push(s.y);
  }
  return windows.flatMap((ys, w) => (ys.length ? [{ t: w * windowMs, y: quantile(ys, 0.99) }] : []));
}

/**
 * p99 steadiness: last half against first half, both per window (median of the window p99s) and
 * pooled (p99 of all latencies of each half). Steady when both ratios are at most `limit`.
 */
export function p99Drift(samples: readonly Point[], windowMs: number, durationMs: number) {
  const windows = windowP99s(samples, windowMs, durationMs);
  const ys = (ps: readonly Point[]) => ps.map((p) => p.y);
  const perWindow = median(ys(lastHalf(windows, durationMs))) / median(ys(firstHalf(windows, durationMs)));
  const pooled =
    quantile(ys(lastHalf(samples, durationMs)), 0.99) / quantile(ys(firstHalf(samples, durationMs)), 0.99);
  return { windows, perWindow, pooled };
}
