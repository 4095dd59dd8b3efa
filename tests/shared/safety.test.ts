import { describe, expect, it } from 'vitest';
import { criticalGaps, emptyChecklist, safetyScore } from '../../shared/domain/safety.js';
import { CHECKLIST_ITEMS, CRITICAL_CHECKLIST_KEYS } from '../../shared/enums.js';
import { isShelterStale, isStale } from '../../shared/domain/staleness.js';

describe('safetyScore', () => {
  it('has eight critical items, as in SPEC 2.2', () => {
    expect(CRITICAL_CHECKLIST_KEYS).toHaveLength(8);
    expect(CHECKLIST_ITEMS).toHaveLength(14);
  });
  it('counts only critical items answered yes', () => {
    const c = {
      ...emptyChecklist(),
      lighting: 'yes',
      latrinesLock: 'yes',
      privateBathing: 'yes',
      femaleStaff: 'partial',
    } as const;
    expect(safetyScore(c)).toBe(2);
  });
  it('is 8 when every critical item is yes and 0 for an empty checklist', () => {
    const all = Object.fromEntries(CRITICAL_CHECKLIST_KEYS.map((k) => [k, 'yes']));
    expect(safetyScore(all)).toBe(8);
    expect(safetyScore(emptyChecklist())).toBe(0);
  });
  it('lists critical items answered no as gaps', () => {
    expect(
      criticalGaps({ ...emptyChecklist(), lighting: 'no', dignityKits: 'no', hotlinesPosted: 'no' }),
    ).toEqual(['lighting', 'hotlinesPosted']);
  });
});

describe('staleness', () => {
  const now = new Date('2026-09-08T12:00:00Z');
  it('is stale after the window and fresh within it', () => {
    expect(isShelterStale('2026-09-07T23:59:00Z', now)).toBe(true);
    expect(isShelterStale('2026-09-08T00:01:00Z', now)).toBe(false);
    expect(isStale(new Date('2026-09-07T11:00:00Z'), now, 24)).toBe(true);
  });
});
