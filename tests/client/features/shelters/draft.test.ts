import { describe, expect, it } from 'vitest';
import {
  applyChangesToDraft,
  diffDraft,
  draftFrom,
  hasChanges,
} from '../../../../client/src/features/shelters/draft.js';
import { buildShelter } from '../../../helpers/factories.js';

describe('diffDraft', () => {
  it('is empty when nothing was touched', () => {
    const s = buildShelter();
    expect(hasChanges(diffDraft(s, draftFrom(s)))).toBe(false);
  });

  it('sends only the needs and checklist items that changed', () => {
    const s = buildShelter();
    const d = draftFrom(s);
    d.occupancy = 42;
    d.needs.water = 'low';
    d.checklist!.lighting = 'yes';
    expect(diffDraft(s, d)).toEqual({
      occupancy: 42,
      needs: { water: 'low' },
      checklist: { lighting: 'yes' },
    });
  });

  it('leaves the checklist out for a role that sees the score only', () => {
    const s = buildShelter({ checklist: null });
    const d = draftFrom(s);
    d.status = 'full';
    expect(diffDraft(s, d)).toEqual({ status: 'full' });
  });
});

describe('applyChangesToDraft', () => {
  it('lays the user changes over a newer record and keeps the rest of that record', () => {
    const base = buildShelter({ version: 2, occupancy: 10, households: 3 });
    const current = { ...base, version: 3, households: 8, needs: { ...base.needs, food: 'out' as const } };
    const d = applyChangesToDraft(current, { occupancy: 40, needs: { water: 'low' } });
    expect(d.occupancy).toBe(40);
    expect(d.households).toBe(8);
    expect(d.needs).toEqual({ water: 'low', food: 'out', power: 'ok', medical: 'ok' });
    expect(diffDraft(current, d)).toEqual({ occupancy: 40, needs: { water: 'low' } });
  });
});
