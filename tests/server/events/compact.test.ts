import { describe, expect, it } from 'vitest';
import { compactReplay } from '../../../server/events/compact.js';
import type { StoredEvent } from '../../../server/events/log.js';
import type { Change } from '../../../shared/events.js';
import { buildShelter } from '../../helpers/factories.js';

const at = '2026-09-07T13:00:00.000Z';
const ev = (seq: number, type: StoredEvent['type'], entityId: string): StoredEvent => ({
  seq,
  type,
  entity: 'shelter',
  entityId,
  data: {},
  changes: null,
  actorUserId: null,
  actorOrgId: null,
  at,
});
const visible = (
  seq: number,
  id: string,
  occupancy: number,
  type: 'shelter:updated' | 'shelter:created' = 'shelter:updated',
): Change => ({ seq, type, data: buildShelter({ id, occupancy }), at, by: { userId: null, orgId: null } });
const A = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const B = '4f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';

describe('compactReplay', () => {
  it('leaves short replies whole', () => {
    const pairs = [1, 2, 3].map((s) => [ev(s, 'shelter:updated', A), visible(s, A, s)] as const);
    expect(compactReplay(pairs)).toEqual(pairs.map(([, c]) => c));
  });
  it('keeps only the last state update per record, as placeholders elsewhere, gap-free', () => {
    const pairs = [
      [ev(1, 'shelter:created', B), visible(1, B, 5, 'shelter:created')],
      [ev(2, 'shelter:updated', A), visible(2, A, 10)],
      [ev(3, 'shelter:updated', B), visible(3, B, 6)],
      [ev(4, 'shelter:updated', A), visible(4, A, 11)],
      [ev(5, 'shelter:updated', A), { seq: 5, type: 'hidden' } as Change],
    ] as const;
    const out = compactReplay(pairs, 0);
    expect(out.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(out.map((c) => c.type)).toEqual([
      'shelter:created',
      'hidden',
      'shelter:updated',
      'shelter:updated',
      'hidden',
    ]);
    const last = out[3]!;
    expect(last.type === 'shelter:updated' && last.data.occupancy).toBe(11);
  });
  it('never drops a created event, and a later hidden change never blanks an earlier visible one', () => {
    const pairs = [
      [ev(1, 'shelter:created', A), visible(1, A, 1, 'shelter:created')],
      [ev(2, 'shelter:updated', A), visible(2, A, 2)],
      [ev(3, 'shelter:updated', A), { seq: 3, type: 'hidden' } as Change],
    ] as const;
    expect(compactReplay(pairs, 0).map((c) => c.type)).toEqual([
      'shelter:created',
      'shelter:updated',
      'hidden',
    ]);
  });
});
