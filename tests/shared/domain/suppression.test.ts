import { describe, expect, it } from 'vitest';
import {
  MIN_THRESHOLDS,
  hiddenCellsProtected,
  resolveThresholds,
  showCount,
  suppressBreakdown,
  suppressCounts,
  suppressedSum,
  zeroCounts,
  type Shown,
} from '../../../shared/domain/suppression.js';
import { buildIncidentCounts as build, SUPPRESSED_SMALL } from '../../helpers/factories.js';

describe('suppression thresholds', () => {
  it('defaults to the floor of 5, 5 and 10', () =>
    expect(resolveThresholds()).toEqual({ cell: 5, breakdown: 5, child: 10 }));
  it('accepts higher thresholds', () =>
    expect(resolveThresholds({ cell: 10, child: 20 })).toEqual({ cell: 10, breakdown: 10, child: 20 }));
  it.each([{ cell: 4 }, { breakdown: 3 }, { child: 9 }, { cell: 0 }, { cell: 5.5 }])(
    'refuses a threshold below the floor: %o',
    (t) => {
      expect(() => resolveThresholds(t)).toThrow(/at least/);
    },
  );
});

describe('small counts', () => {
  it.each([
    [0, 0],
    [1, '<5'],
    [2, '<5'],
    [3, '<5'],
    [4, '<5'],
    [5, 5],
    [6, 6],
    [120, 120],
  ])('shows %i as %s', (n, shown) => expect(showCount(n, 5)).toBe(shown));
  it('labels with the configured threshold', () => expect(showCount(7, 10)).toBe('<10'));
});

describe('suppressCounts', () => {
  it('shows a total of 1 to 4 as <5 and hides every breakdown', () => {
    for (let total = 1; total <= 4; total++) {
      const s = suppressCounts(build({ rape: total }, [total, 0], [0, 0, total, 0], [total, 0, 0, 0], 1));
      expect(s).toEqual(SUPPRESSED_SMALL);
    }
  });

  it('publishes nothing but 0 for an empty area-period', () => {
    expect(suppressCounts(zeroCounts())).toEqual({
      total: 0,
      byType: null,
      bySex: null,
      byAge: null,
      bySetting: null,
      within72h: null,
    });
  });

  it('hides the age breakdown (children) when the total is under 10, shows the others', () => {
    const s = suppressCounts(build({ physical_assault: 9 }, [9, 0], [0, 0, 9, 0], [9, 0, 0, 0], 9));
    expect(s.total).toBe(9);
    expect(s.byAge).toBeNull();
    expect(s.bySex).toEqual({ female: 9, male: 0 });
    expect(s.within72h).toBe(9);
  });

  it('shows the age breakdown from a total of 10', () => {
    const s = suppressCounts(build({ physical_assault: 10 }, [10, 0], [0, 0, 10, 0], [10, 0, 0, 0]));
    expect(s.byAge).toEqual({ '0-11': 0, '12-17': 0, '18-59': 10, '60+': 0 });
  });

  it('uses raised thresholds from configuration', () => {
    const c = build({ physical_assault: 12 }, [12, 0], [0, 0, 12, 0], [12, 0, 0, 0], 7);
    const s = suppressCounts(c, resolveThresholds({ cell: 8, child: 15 }));
    expect(s.total).toBe(12);
    expect(s.byAge).toBeNull();
    expect(s.within72h).toBe('<8');
  });

  it('labels a small within-72-hours count', () => {
    expect(
      suppressCounts(build({ physical_assault: 6 }, [6, 0], [0, 0, 6, 0], [6, 0, 0, 0], 2)).within72h,
    ).toBe('<5');
  });

  it('never publishes a raw cell from 1 to 4 anywhere', () => {
    const c = build(
      { rape: 2, sexual_assault: 1, physical_assault: 6, psychological_abuse: 5 },
      [13, 1],
      [1, 2, 10, 1],
      [6, 5, 2, 1],
      4,
    );
    const values = (s: object | null): Shown[] =>
      s
        ? Object.values(s).flatMap((v: unknown) => (v && typeof v === 'object' ? values(v) : [v as Shown]))
        : [];
    for (const v of values(suppressCounts(c))) expect(typeof v === 'number' && v > 0 && v < 5).toBe(false);
  });
});

describe('complementary suppression', () => {
  it('hides the next smallest cell when exactly one cell is labelled', () => {
    expect(suppressBreakdown({ a: 2, b: 7, c: 9, d: 0 }, 5)).toEqual({ a: '<5', b: null, c: 9, d: 0 });
  });

  it('does not hide a zero as the complement (it would pin the label)', () => {
    const s = suppressBreakdown({ a: 3, b: 0, c: 8 }, 5);
    expect(s).toEqual({ a: '<5', b: 0, c: null });
  });

  it('hides a complement even when two cells are labelled', () => {
    expect(suppressBreakdown({ a: 1, b: 1, c: 6, d: 20 }, 5)).toEqual({ a: '<5', b: '<5', c: null, d: 20 });
  });

  it('leaves a breakdown with no small cell exact', () => {
    expect(suppressBreakdown({ a: 5, b: 0, c: 11 }, 5)).toEqual({ a: 5, b: 0, c: 11 });
  });

  it('hides the whole breakdown when no complement can protect the label', () => {
    // 1 + 5 = 6: a hidden 5 would leave the label exactly 1.
    expect(suppressBreakdown({ female: 5, male: 1 }, 5)).toBeNull();
    // A label alone with zeros equals the total minus nothing.
    expect(suppressBreakdown({ a: 4, b: 0 }, 5)).toBeNull();
  });

  it('checks protection by interval arithmetic', () => {
    expect(
      hiddenCellsProtected(2, [
        [1, 4],
        [1, 4],
      ]),
    ).toBe(false); // both must be 1
    expect(
      hiddenCellsProtected(8, [
        [1, 4],
        [1, 4],
      ]),
    ).toBe(false); // both must be 4
    expect(
      hiddenCellsProtected(5, [
        [1, 4],
        [1, 4],
      ]),
    ).toBe(true);
    expect(
      hiddenCellsProtected(7, [
        [1, 4],
        [5, 7],
      ]),
    ).toBe(true);
    expect(
      hiddenCellsProtected(6, [
        [1, 4],
        [5, 6],
      ]),
    ).toBe(false);
  });
});

describe('national totals', () => {
  it('is exact when every province is exact', () => expect(suppressedSum([0, 7, 12])).toBe(19));
  it('is hidden when a province is labelled (it would give the label away)', () =>
    expect(suppressedSum([3, 7, 12])).toBeNull());
});

/**
 * The differencing attack: a reader who knows the rule and sees a published breakdown and its
 * total lists every table that the rule would publish the same way; no hidden cell may have a
 * single possible value. Exhaustive over small tables.
 */
describe('differencing attack on published totals', () => {
  function attack(cellsCount: number, maxTotal: number, cell = MIN_THRESHOLDS.cell) {
    const groups = new Map<string, number[][]>();
    const rec = (prefix: number[], left: number) => {
      if (prefix.length === cellsCount - 1) {
        const row = [...prefix, left];
        const total = row.reduce((a, b) => a + b, 0);
        const cells = Object.fromEntries(row.map((v, i) => [`c${i}`, v]));
        const key = `${total}|${JSON.stringify(suppressBreakdown(cells, cell))}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
        return;
      }
      for (let v = 0; v <= left; v++) rec([...prefix, v], left - v);
    };
    for (let total = cell; total <= maxTotal; total++) rec([], total);
    let recovered = 0;
    let checked = 0;
    for (const [key, rows] of groups) {
      const shown = JSON.parse(key.slice(key.indexOf('|') + 1)) as Record<string, Shown> | null;
      if (!shown) continue;
      Object.values(shown).forEach((v, i) => {
        if (typeof v === 'number') return;
        checked++;
        if (new Set(rows.map((r) => r[i])).size < 2) recovered++;
      });
    }
    return { recovered, checked };
  }

  it('recovers no hidden cell of a 2-cell breakdown (sex), totals up to 40', () => {
    const r = attack(2, 40);
    expect(r.checked).toBeGreaterThan(0);
    expect(r.recovered).toBe(0);
  });

  it('recovers no hidden cell of a 4-cell breakdown (age, setting), totals up to 24', () => {
    const r = attack(4, 24);
    expect(r.checked).toBeGreaterThan(100);
    expect(r.recovered).toBe(0);
  });

  it('recovers no hidden cell of a 6-cell breakdown (incident type), totals up to 12', () => {
    const r = attack(6, 12);
    expect(r.checked).toBeGreaterThan(100);
    expect(r.recovered).toBe(0);
  });

  it('recovers no hidden cell with a raised threshold of 7', () => {
    expect(attack(3, 30, 7).recovered).toBe(0);
  });
});
