import { describe, expect, it } from 'vitest';
import {
  enqueue,
  enqueueOrReplace,
  loadOutbox,
  mergeOutboxes,
  nextPending,
  outboxStorageKey,
  remove,
  retryDelay,
  parseEntries,
  settle,
  supersededBy,
  type KeyValueStorage,
  type OutboxEntry,
} from '../../../../client/src/features/outbox/outbox.js';

function entry(over: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    key: crypto.randomUUID(),
    method: 'PATCH',
    path: '/api/shelters/s1',
    body: { version: 3, occupancy: 10 },
    shelterId: 's1',
    queuedAt: '2024-09-07T06:00:00.000Z',
    attempts: 0,
    state: 'pending',
    ...over,
  };
}

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('outbox', () => {
  it('keeps writes in order and sends the oldest pending first', () => {
    const a = entry();
    const b = entry();
    const list = enqueue(enqueue([], a), b);
    expect(nextPending(list)?.key).toBe(a.key);
    expect(nextPending(settle(list, a.key, { kind: 'sent', version: null }))?.key).toBe(b.key);
  });

  it('does not add the same write twice', () => {
    const a = entry();
    expect(enqueue(enqueue([], a), a)).toHaveLength(1);
  });

  it('keeps the same idempotency key and counts attempts when the link is down', () => {
    const a = entry();
    const list = settle([a], a.key, { kind: 'retry' });
    expect(list[0]).toMatchObject({ key: a.key, attempts: 1, state: 'pending' });
    expect(list[0]?.body).toEqual(a.body);
  });

  it('removes a write once the server has it, so it is sent once', () => {
    const a = entry();
    const list = settle([a], a.key, { kind: 'sent', version: 4 });
    expect(list).toEqual([]);
    expect(nextPending(list)).toBeUndefined();
  });

  it('moves later offline writes of the same record onto the version our own write produced', () => {
    const a = entry({ body: { version: 3, occupancy: 10 } });
    const b = entry({ body: { version: 3, occupancy: 20 } });
    const other = entry({ shelterId: 's2', path: '/api/shelters/s2', body: { version: 3, occupancy: 1 } });
    const list = settle([a, b, other], a.key, { kind: 'sent', version: 4 });
    expect(list.find((e) => e.key === b.key)?.body).toEqual({ version: 4, occupancy: 20 });
    expect(list.find((e) => e.key === other.key)?.body).toEqual({ version: 3, occupancy: 1 });
  });

  it('never rewrites a write that may already have reached the server', () => {
    const a = entry();
    const b = entry({ attempts: 1 });
    const list = settle([a, b], a.key, { kind: 'sent', version: 4 });
    expect(list[0]?.body['version']).toBe(3);
  });

  it('holds a conflicting write with the current record for the user, and stops sending it', () => {
    const a = entry();
    const current = { id: 's1', version: 5 };
    const list = settle([a], a.key, { kind: 'conflict', current });
    expect(list[0]).toMatchObject({ state: 'conflict', current });
    expect(nextPending(list)).toBeUndefined();
    expect(remove(list, a.key)).toEqual([]);
  });

  it('marks a refused write with the reason', () => {
    const a = entry();
    const list = settle([a], a.key, { kind: 'refused', error: { code: 'forbidden', message: 'no' } });
    expect(list[0]).toMatchObject({ state: 'refused', error: { code: 'forbidden' } });
  });

  it('reads the old localStorage outbox, per user, and drops unreadable entries', () => {
    const storage = memoryStorage();
    const a = entry();
    storage.setItem(outboxStorageKey('u1'), JSON.stringify([a]));
    expect(loadOutbox(storage, outboxStorageKey('u1'))).toEqual([a]);
    expect(loadOutbox(storage, outboxStorageKey('u2'))).toEqual([]);
    storage.setItem(outboxStorageKey('u3'), JSON.stringify([a, { key: 1 }, 'x']));
    expect(loadOutbox(storage, outboxStorageKey('u3'))).toEqual([a]);
    storage.setItem(outboxStorageKey('u4'), '{not json');
    expect(loadOutbox(storage, outboxStorageKey('u4'))).toEqual([]);
  });

  it('keeps only well-formed entries of a stored outbox', () => {
    const a = entry();
    expect(parseEntries([a, { key: 1 }, null, 'x'])).toEqual([a]);
    expect(parseEntries({ not: 'a list' })).toEqual([]);
    expect(parseEntries(null)).toEqual([]);
  });

  it('merges a moved outbox after the stored one, each entry once', () => {
    const a = entry();
    const b = entry();
    const c = entry();
    expect(mergeOutboxes([a, b], [b, c], [a]).map((e) => e.key)).toEqual([a.key, b.key, c.key]);
  });

  it('reads a disabled storage as empty instead of throwing', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(loadOutbox(broken, 'k')).toEqual([]);
  });
});

describe('outbox: one logical post per form', () => {
  const entry = (key: string, body: Record<string, unknown>, slot?: string): OutboxEntry => ({
    key,
    method: 'PATCH',
    path: '/api/shelters/s-1',
    body,
    shelterId: 's-1',
    ...(slot ? { slot } : {}),
    queuedAt: '2026-12-01T09:00:00.000Z',
    attempts: 0,
    state: 'pending',
  });

  it('a second save of the same form replaces the queued one in place', () => {
    const other = entry('k-0', { version: 2, status: 'open' }, 'shelter-form:s-0');
    const first = entry('k-1', { version: 3, occupancy: 40 }, 'shelter-form:s-1');
    const second = entry('k-2', { version: 3, occupancy: 41, status: 'full' }, 'shelter-form:s-1');
    const a = enqueueOrReplace([other], first);
    expect(a.replaced).toBeNull();
    const b = enqueueOrReplace(a.entries, second);
    expect(b.replaced).toBe('k-1');
    expect(b.entries.map((e) => e.key)).toEqual(['k-0', 'k-2']);
    expect(b.entries[1]!.body).toEqual({ version: 3, occupancy: 41, status: 'full' });
  });

  it('never replaces a write on the wire, one that needs the user, or one without a slot', () => {
    const first = entry('k-1', { version: 3, occupancy: 40 }, 'shelter-form:s-1');
    const second = entry('k-2', { version: 3, occupancy: 41 }, 'shelter-form:s-1');
    expect(enqueueOrReplace([first], second, 'k-1').entries.map((e) => e.key)).toEqual(['k-1', 'k-2']);
    const conflicted = { ...first, state: 'conflict' as const };
    expect(enqueueOrReplace([conflicted], second).entries.map((e) => e.key)).toEqual(['k-1', 'k-2']);
    const plain = entry('k-3', { version: 3 });
    expect(enqueueOrReplace([entry('k-4', { version: 3 })], plain).entries).toHaveLength(2);
  });

  it('a write on the wire that does not get through gives way to the later save of the same form', () => {
    const first = entry('k-1', { version: 3, occupancy: 40 }, 'shelter-form:s-1');
    const second = entry('k-2', { version: 3, occupancy: 41, status: 'full' }, 'shelter-form:s-1');
    const queued = enqueueOrReplace([first], second, 'k-1').entries;
    expect(supersededBy(queued, first)?.key).toBe('k-2');
    expect(settle(queued, 'k-1', { kind: 'retry' }).map((e) => e.key)).toEqual(['k-2']);
    // Alone, or followed by another form's post, it stays and counts the attempt.
    const other = entry('k-3', { version: 3, status: 'open' }, 'shelter-form:s-9');
    expect(settle([first, other], 'k-1', { kind: 'retry' })).toEqual([{ ...first, attempts: 1 }, other]);
    // A later save on another version is not the same post: both stay.
    const rebased = entry('k-4', { version: 4, occupancy: 42 }, 'shelter-form:s-1');
    expect(settle([first, rebased], 'k-1', { kind: 'retry' }).map((e) => e.key)).toEqual(['k-1', 'k-4']);
  });

  it('keeps the slot through storage', () => {
    const storage = memoryStorage();
    storage.setItem('x', JSON.stringify([entry('k-1', { version: 1 }, 'shelter-form:s-1')]));
    expect(loadOutbox(storage, 'x')[0]?.slot).toBe('shelter-form:s-1');
  });

  it('retries on a short backoff: a few seconds, never more than 10 s', () => {
    expect([1, 2, 3, 4, 5, 20].map(retryDelay)).toEqual([2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });
});
