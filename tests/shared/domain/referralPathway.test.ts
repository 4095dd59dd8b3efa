import { describe, expect, it } from 'vitest';
import { reviewOverdue } from '../../../shared/domain/coordination.js';
import { distanceBand, posterOutdated } from '../../../shared/domain/referralPathway.js';

describe('distanceBand', () => {
  it('puts a distance in the band a poster shows', () => {
    expect(distanceBand(0.4)).toBe('under_2km');
    expect(distanceBand(2)).toBe('under_10km');
    expect(distanceBand(29.9)).toBe('under_30km');
    expect(distanceBand(120)).toBe('over_30km');
  });
});

describe('posterOutdated', () => {
  const status: Record<string, string> = { a: 'open', b: 'limited', c: 'closed', d: 'relocated' };
  const of = (id: string) => status[id];
  it('is false while every service on the poster is open or limited', () => {
    expect(posterOutdated(['a', 'b'], of)).toBe(false);
    expect(posterOutdated([], of)).toBe(false);
  });
  it('is true once one has closed or moved, or is no longer known', () => {
    expect(posterOutdated(['a', 'c'], of)).toBe(true);
    expect(posterOutdated(['d'], of)).toBe(true);
    expect(posterOutdated(['a', 'gone'], of)).toBe(true);
  });
});

describe('reviewOverdue', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('flags a role never reviewed or reviewed more than six months ago', () => {
    expect(reviewOverdue(null, now)).toBe(true);
    expect(reviewOverdue('2026-05-20T00:00:00Z', now)).toBe(true);
  });
  it('does not flag a review within six months', () => {
    expect(reviewOverdue('2026-06-10T00:00:00Z', now)).toBe(false);
    expect(reviewOverdue('2026-11-30T00:00:00Z', now)).toBe(false);
  });
});
