import { describe, expect, it } from 'vitest';
import {
  foldInAllowed,
  monthClosesAt,
  nextReleaseAt,
  releaseDueAt,
  type ReleasedFigures,
} from '../../../shared/domain/releases.js';
import {
  MIN_THRESHOLDS,
  addCounts,
  suppressCounts,
  suppressForReader,
  zeroCounts,
  type IncidentCounts,
} from '../../../shared/domain/suppression.js';

const t = MIN_THRESHOLDS;

/** n incidents of one profile. */
function one(
  n: number,
  type: keyof IncidentCounts['byType'] = 'physical_assault',
  within72h = n,
): IncidentCounts {
  const c = zeroCounts();
  c.total = n;
  c.byType[type] = n;
  c.bySex.female = n;
  c.byAge['18-59'] = n;
  c.bySetting.home = n;
  c.within72h = within72h;
  return c;
}

const released = (parts: Record<string, IncidentCounts>): ReleasedFigures => ({
  counts: Object.values(parts).reduce(addCounts, zeroCounts()),
  contributions: parts,
});

describe('release timing', () => {
  it('closes a month when it ends, or when the last ISO week counted in it ends', () => {
    // September 2024 ends on a Monday; its last Thursday (26th) ends its week on 30th: the month end wins.
    expect(monthClosesAt('2024-09').toISOString()).toBe('2024-10-01T00:00:00.000Z');
    // July 2025's last Thursday is the 31st: that week (counted in July) runs to Sunday 3 August.
    expect(monthClosesAt('2025-07').toISOString()).toBe('2025-08-04T00:00:00.000Z');
  });

  it('releases a month the configured number of days after it closes', () => {
    expect(releaseDueAt('2024-09', 7).toISOString()).toBe('2024-10-08T00:00:00.000Z');
    expect(releaseDueAt('2024-12', 0).toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('names the next release due after now', () => {
    expect(nextReleaseAt(new Date('2024-10-07T23:00:00Z'), 7).toISOString()).toBe('2024-10-08T00:00:00.000Z');
    // October 2024 ends on a Thursday: its last week runs to Sunday 3 November.
    expect(nextReleaseAt(new Date('2024-10-08T00:00:00Z'), 7).toISOString()).toBe('2024-11-11T00:00:00.000Z');
    expect(nextReleaseAt(new Date('2024-10-20T00:00:00Z'), 30).toISOString()).toBe(
      '2024-10-31T00:00:00.000Z',
    );
  });
});

describe('fold-in of later reports into a released cell', () => {
  it('refuses a change of one incident: the released figures stand', () => {
    const prev = released({ a: one(40) });
    expect(foldInAllowed(prev, released({ a: one(40), b: one(1, 'rape') }), t)).toBe(false);
  });

  it('refuses when any one changed figure moves by less than the threshold', () => {
    const prev = released({ a: one(20) });
    // Ten more, but two of them rapes: the rape figure moves by 2.
    const next = zeroCounts();
    next.total = 10;
    next.byType.physical_assault = 8;
    next.byType.rape = 2;
    next.bySex.female = 10;
    next.byAge['18-59'] = 10;
    next.bySetting.home = 10;
    next.within72h = 10;
    expect(foldInAllowed(prev, released({ a: one(20), b: next }), t)).toBe(false);
  });

  it('refuses when "reported later" (total - within72h) moves by a small count', () => {
    const prev = released({ a: one(20) });
    expect(foldInAllowed(prev, released({ a: one(20), b: one(10, 'physical_assault', 8) }), t)).toBe(false);
  });

  it('folds in when every changed figure moves by at least the threshold and ends above twice it, for every reader', () => {
    const prev = released({ a: one(20) });
    expect(foldInAllowed(prev, released({ a: one(20), b: one(11) }), t)).toBe(true);
    // For organisation a (which knows its 20) the rest would go from 0 to exactly 6: refused.
    expect(foldInAllowed(prev, released({ a: one(20), b: one(6) }), t)).toBe(false);
  });

  it('refuses a small count that would turn into an exact figure close to it', () => {
    // 2 rapes released as <5; 5 more would show exactly 7 and leave only 1 or 2 possible: refused.
    const prev = released({ a: one(12, 'physical_assault'), c: one(2, 'rape') });
    expect(foldInAllowed(prev, released({ a: one(12), c: one(2, 'rape'), b: one(5, 'rape') }), t)).toBe(
      false,
    );
    // Eleven more give 13, from which the 2 can be anything from 1 to 4 (8 or more was added).
    expect(foldInAllowed(prev, released({ a: one(12), c: one(2, 'rape'), b: one(11, 'rape') }), t)).toBe(
      true,
    );
  });

  it('checks each contributing organisation net of its own part', () => {
    // Organisation b adds 10 of its own and another adds 2 in the same period: for b the rest moves by 2.
    const prev = released({ a: one(20), b: one(10) });
    const next = released({ a: addCounts(one(20), one(2)), b: one(20) });
    expect(foldInAllowed(prev, next, t)).toBe(false);
  });
});

describe('per-reader suppression', () => {
  it('hides from a contributor a figure whose rest is a small count', () => {
    const cell = addCounts(one(2, 'rape'), one(10, 'physical_assault'));
    const own = one(10, 'physical_assault');
    const shown = suppressForReader(cell, own, t);
    expect(shown.total).toBeNull();
    expect(shown.byType).toBeNull();
    // Someone who did not contribute sees the cell as anyone does.
    expect(suppressForReader(cell, null, t)).toEqual(suppressCounts(cell, t));
  });

  it('shows a contributor the full figure where the rest passes suppression', () => {
    const cell = addCounts(one(7), one(10));
    const shown = suppressForReader(cell, one(10), t);
    expect(shown.total).toBe(17);
    expect(shown.bySex).toEqual({ female: 17, male: 0 });
  });

  it('shows a sole contributor its own figures', () => {
    expect(suppressForReader(one(3), one(3), t).total).toBe(3);
  });

  it('treats total - within72h as a cell: hides within72h when "later" is a small count', () => {
    expect(suppressCounts(one(12, 'physical_assault', 9), t).within72h).toBeNull();
    expect(suppressCounts(one(12, 'physical_assault', 7), t).within72h).toBe(7);
    expect(suppressCounts(one(12, 'physical_assault', 12), t).within72h).toBe(12);
  });
});
