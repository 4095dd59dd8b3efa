import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useOutboxStore } from '../../../../client/src/features/outbox/outboxStore.js';
import { outboxStorageKey, type OutboxEntry } from '../../../../client/src/features/outbox/outbox.js';
import {
  clearUser,
  readOutbox,
  writeCurrentUser,
  readCurrentUser,
} from '../../../../client/src/lib/deviceDb.js';

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    get size() {
      return m.size;
    },
  };
}

const entry = (key: string, occupancy: number): OutboxEntry => ({
  key,
  method: 'PATCH',
  path: '/api/shelters/s-1',
  body: { version: 3, occupancy },
  shelterId: 's-1',
  slot: 'shelter-form:s-1',
  queuedAt: '2026-12-01T09:00:00.000Z',
  attempts: 0,
  state: 'pending',
});

describe('outbox on the device (IndexedDB)', () => {
  let storage: ReturnType<typeof memoryStorage>;
  beforeEach(() => {
    storage = memoryStorage();
    vi.stubGlobal('window', { localStorage: storage });
    // No server: every send fails as a dead link does.
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
  });
  afterEach(async () => {
    useOutboxStore.getState().close();
    await useOutboxStore.getState().saved();
    await clearUser('u-1');
    await clearUser('u-2');
    vi.unstubAllGlobals();
  });

  it('keeps a queued post through a killed tab (the store opened again reads it back)', async () => {
    await useOutboxStore.getState().open('u-1');
    const { queuedAt: _q, attempts: _a, state: _s, ...partial } = entry('k-1', 40);
    expect((await useOutboxStore.getState().submit(partial)).kind).toBe('queued');
    await useOutboxStore.getState().saved();
    useOutboxStore.getState().close();

    await useOutboxStore.getState().open('u-1');
    expect(useOutboxStore.getState().entries.map((e) => e.key)).toEqual(['k-1']);
    await useOutboxStore.getState().open('u-2');
    expect(useOutboxStore.getState().entries).toEqual([]);
  });

  it('a second save of the same form offline replaces the stored post: one entry on the device', async () => {
    await useOutboxStore.getState().open('u-1');
    const strip = ({ queuedAt: _q, attempts: _a, state: _s, ...rest }: OutboxEntry) => rest;
    await useOutboxStore.getState().submit(strip(entry('k-1', 40)));
    const second = await useOutboxStore.getState().submit(strip(entry('k-2', 41)));
    expect(second).toEqual({ kind: 'queued', replaced: true });
    await useOutboxStore.getState().saved();
    const stored = (await readOutbox('u-1')) as OutboxEntry[];
    expect(stored.map((e) => [e.key, e.body['occupancy']])).toEqual([['k-2', 41]]);
  });

  it('moves an old localStorage outbox into IndexedDB once, after what is stored there', async () => {
    await useOutboxStore.getState().open('u-1');
    await useOutboxStore.getState().submit(
      (({ queuedAt: _q, attempts: _a, state: _s, ...rest }) => rest)({
        ...entry('k-new', 50),
        slot: 'other',
      }),
    );
    await useOutboxStore.getState().saved();
    useOutboxStore.getState().close();
    storage.setItem(outboxStorageKey('u-1'), JSON.stringify([entry('k-old', 30), { broken: true }]));

    await useOutboxStore.getState().open('u-1');
    await useOutboxStore.getState().saved();
    expect(useOutboxStore.getState().entries.map((e) => e.key)).toEqual(['k-new', 'k-old']);
    expect(storage.getItem(outboxStorageKey('u-1'))).toBeNull();
    expect(((await readOutbox('u-1')) as OutboxEntry[]).map((e) => e.key)).toEqual(['k-new', 'k-old']);

    // Opened again: nothing is moved twice.
    useOutboxStore.getState().close();
    await useOutboxStore.getState().open('u-1');
    expect(useOutboxStore.getState().entries.map((e) => e.key)).toEqual(['k-new', 'k-old']);
  });

  it('clearing a user removes their outbox and who signed in last', async () => {
    await writeCurrentUser('u-1');
    await useOutboxStore.getState().open('u-1');
    await useOutboxStore
      .getState()
      .submit((({ queuedAt: _q, attempts: _a, state: _s, ...rest }) => rest)(entry('k-1', 40)));
    await useOutboxStore.getState().saved();
    expect(await readOutbox('u-1')).toHaveLength(1);
    await clearUser('u-1');
    expect(await readOutbox('u-1')).toBeNull();
    expect(await readCurrentUser()).toBeNull();
  });
});
