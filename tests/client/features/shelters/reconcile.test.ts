import { describe, expect, it } from 'vitest';
import type { Change } from '../../../../shared/events.js';
import {
  applyChanges,
  indexShelters,
  mergeShelters,
  reconcileShelter,
} from '../../../../client/src/features/shelters/reconcile.js';
import { buildShelter } from '../../../helpers/factories.js';
import { buildChange } from '../../factories.js';

describe('reconcileShelter', () => {
  it('takes a record it has not seen', () => {
    const s = buildShelter();
    expect(reconcileShelter(undefined, s)).toBe(s);
  });

  it('takes a higher version', () => {
    const a = buildShelter({ version: 2 });
    const b = { ...a, version: 3, occupancy: 50 };
    expect(reconcileShelter(a, b)).toBe(b);
  });

  it('keeps the current record when the incoming version is equal or older', () => {
    const a = buildShelter({ version: 3, occupancy: 50 });
    expect(reconcileShelter(a, { ...a, occupancy: 99 })).toBe(a);
    expect(reconcileShelter(a, { ...a, version: 2, occupancy: 10 })).toBe(a);
  });
});

describe('mergeShelters', () => {
  it('returns the same map and no changed ids when nothing is newer', () => {
    const s = buildShelter({ version: 2 });
    const byId = indexShelters([s]);
    const r = mergeShelters(byId, [{ ...s, version: 1 }, s]);
    expect(r.byId).toBe(byId);
    expect(r.changed).toEqual([]);
  });

  it('does not mutate the map it was given', () => {
    const s = buildShelter();
    const byId = indexShelters([s]);
    const r = mergeShelters(byId, [{ ...s, version: 2 }]);
    expect(byId[s.id]?.version).toBe(1);
    expect(r.byId[s.id]?.version).toBe(2);
    expect(r.changed).toEqual([s.id]);
  });

  it('applies several versions of one record in one batch and keeps the newest', () => {
    const s = buildShelter();
    const r = mergeShelters({}, [s, { ...s, version: 3 }, { ...s, version: 2 }]);
    expect(r.byId[s.id]?.version).toBe(3);
  });
});

describe('applyChanges', () => {
  it('adds created shelters, updates changed ones and skips placeholders and other domains', () => {
    const old = buildShelter({ name: 'Old' });
    const fresh = buildShelter({ name: 'New' });
    const changes: Change[] = [
      buildChange(5, 'shelter:created', fresh),
      { seq: 6, type: 'hidden' },
      buildChange(7, 'shelter:updated', { ...old, version: 2, status: 'full' }),
    ];
    const r = applyChanges(indexShelters([old]), changes);
    expect(Object.keys(r.byId)).toHaveLength(2);
    expect(r.byId[old.id]?.status).toBe('full');
    expect(r.changed.sort()).toEqual([old.id, fresh.id].sort());
  });

  it('does not roll a record back when an echo of an older write arrives after the HTTP reply', () => {
    const s = buildShelter({ version: 4, occupancy: 80 });
    const r = applyChanges(indexShelters([s]), [
      buildChange(9, 'shelter:updated', { ...s, version: 3, occupancy: 60 }),
    ]);
    expect(r.byId[s.id]?.occupancy).toBe(80);
  });
});
