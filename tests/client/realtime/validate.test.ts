import { describe, expect, it } from 'vitest';
import { parseChange, parseSyncResult } from '../../../client/src/realtime/validate.js';
import { buildShelter } from '../../helpers/factories.js';

const by = { userId: null, orgId: null };
const at = '2024-09-07T06:00:00.000Z';

describe('realtime validation', () => {
  it('passes a valid shelter change through', () => {
    const change = { seq: 3, type: 'shelter:updated', data: buildShelter(), at, by };
    expect(parseChange(change)).toBe(change);
  });

  it('turns an invalid shelter record into a placeholder that keeps its seq', () => {
    expect(
      parseChange({ seq: 4, type: 'shelter:updated', data: { ...buildShelter(), occupancy: -1 }, at, by }),
    ).toEqual({ seq: 4, type: 'hidden' });
  });

  it('drops a change without a usable seq', () => {
    expect(parseChange({ type: 'shelter:updated' })).toBeNull();
    expect(parseChange({ seq: 0, type: 'hidden' })).toBeNull();
    expect(parseChange('x')).toBeNull();
  });

  it('keeps changes of domains without a client store for the feed', () => {
    const change = { seq: 5, type: 'alert:created', data: { id: 'a', title: 'Storm' }, at, by };
    expect(parseChange(change)).toBe(change);
  });

  it('checks every event of a sync answer and passes a reset through', () => {
    const ok = { seq: 1, type: 'shelter:created', data: buildShelter(), at, by };
    const bad = { seq: 2, type: 'shelter:updated', data: {}, at, by };
    expect(parseSyncResult({ reset: false, head: 2, events: [ok, bad] })).toEqual({
      reset: false,
      head: 2,
      events: [ok, { seq: 2, type: 'hidden' }],
    });
    expect(parseSyncResult({ reset: true, head: 9000 })).toEqual({ reset: true, head: 9000 });
    expect(parseSyncResult({ events: [] })).toBeNull();
  });
});
