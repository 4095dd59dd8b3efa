import { describe, expect, it } from 'vitest';
import { firstHalf, flat, lastHalf, p99Drift, slopePerMinute, windowP99s } from '../../bench/stats.js';
import { generatorsFor } from '../../bench/scale.js';
import { loadLine, met, metAll } from '../../bench/report/say.js';

const line = (perMinute: number, at0 = 1000, noise: (i: number) => number = () => 0) =>
  Array.from({ length: 31 }, (_, i) => ({
    t: i * 10_000,
    y: at0 + (perMinute * i * 10_000) / 60_000 + noise(i),
  }));

describe('slopePerMinute', () => {
  it('recovers the slope of a straight line in units per minute', () => {
    expect(slopePerMinute(line(512 * 1024))).toBeCloseTo(512 * 1024, 6);
    expect(slopePerMinute(line(-2048))).toBeCloseTo(-2048, 6);
    expect(slopePerMinute(line(0, 5e7))).toBeCloseTo(0, 6);
  });

  it('is the least-squares fit, not the first-to-last difference', () => {
    // A flat series with one high first point and one low last point: first-to-last says falling fast.
    const ps = line(0, 100).map((p, i, a) => ({ ...p, y: i === 0 ? 160 : i === a.length - 1 ? 40 : p.y }));
    const endToEnd = ((ps.at(-1)!.y - ps[0]!.y) / (ps.at(-1)!.t - ps[0]!.t)) * 60_000;
    const fit = slopePerMinute(ps);
    expect(endToEnd).toBeCloseTo(-24, 6);
    expect(fit).toBeGreaterThan(-24 / 2);
    expect(fit).toBeLessThan(0);
  });

  it('is NaN with fewer than two distinct times', () => {
    expect(slopePerMinute([])).toBeNaN();
    expect(slopePerMinute([{ t: 5, y: 1 }])).toBeNaN();
    expect(
      slopePerMinute([
        { t: 5, y: 1 },
        { t: 5, y: 9 },
      ]),
    ).toBeNaN();
  });
});

describe('halves', () => {
  it('splits at half the duration, the midpoint in the last half', () => {
    const ps = [0, 100, 299, 300, 301, 600].map((t) => ({ t, y: 0 }));
    expect(firstHalf(ps, 600).map((p) => p.t)).toEqual([0, 100, 299]);
    expect(lastHalf(ps, 600).map((p) => p.t)).toEqual([300, 301, 600]);
  });
});

describe('flat', () => {
  const limit = 256 * 1024;
  it('holds when every slope is at or below the limit, falling included', () => {
    expect(flat([0, limit, -10 * limit], limit)).toBe(true);
  });
  it('fails when any one process grows faster than the limit', () => {
    expect(flat([0, limit + 1], limit)).toBe(false);
  });
  it('fails without a reading rather than calling it flat', () => {
    expect(flat([], limit)).toBe(false);
    expect(flat([0, NaN], limit)).toBe(false);
  });
  it('judges a slow leak under noise by its fitted slope', () => {
    const noise = (i: number) => (i % 2 ? 300_000 : -300_000);
    expect(flat([slopePerMinute(lastHalf(line(2 * limit, 5e7, noise), 300_000))], limit)).toBe(false);
    expect(flat([slopePerMinute(lastHalf(line(limit / 4, 5e7, noise), 300_000))], limit)).toBe(true);
  });
});

describe('windowP99s and p99Drift', () => {
  const samples = (f: (t: number) => number) =>
    Array.from({ length: 6000 }, (_, i) => ({ t: i * 100, y: f(i * 100) * (1 + (i % 100) / 100) }));

  it('gives one p99 per window, keyed by the window start, leaving empty windows out', () => {
    const ws = windowP99s(
      [
        { t: 0, y: 5 },
        { t: 59_999, y: 7 },
        { t: 130_000, y: 3 },
        { t: 700_000, y: 1 }, // after the run: ignored
      ],
      60_000,
      180_000,
    );
    expect(ws).toEqual([
      { t: 0, y: 7 },
      { t: 120_000, y: 3 },
    ]);
  });

  it('is steady (ratios near 1) for a stationary latency', () => {
    const d = p99Drift(
      samples(() => 20),
      60_000,
      600_000,
    );
    expect(d.windows).toHaveLength(10);
    expect(d.perWindow).toBeCloseTo(1, 6);
    expect(d.pooled).toBeCloseTo(1, 6);
  });

  it('shows a p99 that doubles in the last half, per window and pooled', () => {
    const d = p99Drift(
      samples((t) => (t < 300_000 ? 20 : 40)),
      60_000,
      600_000,
    );
    expect(d.perWindow).toBeCloseTo(2, 1);
    expect(d.pooled).toBeCloseTo(2, 1);
  });

  it('lets one slow window move the pooled ratio but not the per-window median', () => {
    const d = p99Drift(
      samples((t) => (t >= 540_000 ? 400 : 20)),
      60_000,
      600_000,
    );
    expect(d.perWindow).toBeCloseTo(1, 6);
    expect(d.pooled).toBeGreaterThan(5);
    expect(metAll((x) => x <= 1.5, d.perWindow, d.pooled)).toBe('NOT met');
  });
});

describe('verdicts', () => {
  it('meets a target only when every reading meets it', () => {
    expect(metAll((x) => x <= 1.15, 0.29, 5.02)).toBe('NOT met');
    expect(metAll((x) => x <= 1.15, 5.02, 0.29)).toBe('NOT met');
    expect(metAll((x) => x <= 1.15, 1.1, 1.15)).toBe('met');
    expect(metAll((x) => x <= 1.15, 1.1, NaN)).toBe('NOT met');
    expect(met(false)).toBe('NOT met');
  });

  it('marks a segment noisy only when the load rose above the core count', () => {
    expect(loadLine(0)).toMatch(/Load average before\/after this segment: 0\.00 \/ \d/);
    expect(loadLine(10_000)).toContain('**noisy**');
  });
});

describe('generatorsFor', () => {
  it('splits clients into generator processes of at most 1,250', () => {
    expect(generatorsFor(1)).toBe(1);
    expect(generatorsFor(1250)).toBe(1);
    expect(generatorsFor(1251)).toBe(2);
    expect(generatorsFor(2000)).toBe(2);
    expect(generatorsFor(5000)).toBe(4);
  });
});
