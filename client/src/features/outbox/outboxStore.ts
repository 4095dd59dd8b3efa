import { create } from 'zustand';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { isRetryable, request } from '../../lib/api.js';
import { useShelterStore } from '../shelters/shelterStore.js';
import {
  enqueue,
  loadOutbox,
  nextPending,
  outboxStorageKey,
  remove,
  saveOutbox,
  settle,
  type OutboxEntry,
  type SendOutcome,
} from './outbox.js';

/** What the form learns about its write: sent now, kept for later, or needing the user. */
export type SubmitResult =
  | { kind: 'sent'; data: unknown }
  | { kind: 'queued' }
  | { kind: 'conflict'; current: unknown }
  | { kind: 'refused'; error: NonNullable<OutboxEntry['error']> };

interface OutboxState {
  userId: string | null;
  entries: OutboxEntry[];
  flushing: boolean;
  /** Load the signed-in user's outbox from this device. */
  open: (userId: string) => void;
  close: () => void;
  /** Keep a write and try to send it at once. */
  submit: (entry: Omit<OutboxEntry, 'queuedAt' | 'attempts' | 'state'>) => Promise<SubmitResult>;
  /** Send pending writes, one at a time, until one cannot reach the server. */
  flush: () => Promise<void>;
  dismiss: (key: string) => void;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

// Results of sends made during a flush, so `submit` can tell its caller what happened.
const results = new Map<string, SubmitResult>();
let flushing: Promise<void> | null = null;

export const useOutboxStore = create<OutboxState>()((set, get) => {
  const commit = (entries: OutboxEntry[]) => {
    const { userId } = get();
    const s = storage();
    if (userId && s) saveOutbox(s, outboxStorageKey(userId), entries);
    set({ entries });
  };

  const sendOne = async (entry: OutboxEntry): Promise<SendOutcome> => {
    const reply = await request<unknown>(entry.method, entry.path, entry.body, { idempotencyKey: entry.key });
    if (reply.ok) {
      const shelter = asShelter(reply.data);
      if (shelter) useShelterStore.getState().upsert(shelter);
      results.set(entry.key, { kind: 'sent', data: reply.data });
      return { kind: 'sent', version: shelter?.version ?? null };
    }
    if (isRetryable(reply) || reply.status === 401) return { kind: 'retry' };
    if (reply.status === 409 && reply.error.code === 'conflict') {
      results.set(entry.key, { kind: 'conflict', current: reply.error.current });
      return { kind: 'conflict', current: reply.error.current };
    }
    const error = { code: reply.error.code, message: reply.error.message, issues: reply.error.issues };
    results.set(entry.key, { kind: 'refused', error });
    return { kind: 'refused', error };
  };

  const runFlush = async () => {
    set({ flushing: true });
    try {
      for (let entry = nextPending(get().entries); entry; entry = nextPending(get().entries)) {
        const outcome = await sendOne(entry);
        commit(settle(get().entries, entry.key, outcome));
        if (outcome.kind === 'retry') break;
      }
    } finally {
      set({ flushing: false });
    }
  };

  return {
    userId: null,
    entries: [],
    flushing: false,
    open: (userId) => {
      const s = storage();
      set({ userId, entries: s ? loadOutbox(s, outboxStorageKey(userId)) : [] });
    },
    close: () => set({ userId: null, entries: [] }),
    submit: async (partial) => {
      const entry: OutboxEntry = {
        ...partial,
        queuedAt: new Date().toISOString(),
        attempts: 0,
        state: 'pending',
      };
      commit(enqueue(get().entries, entry));
      await get().flush();
      // A flush already under way when we enqueued may have stopped before reaching us.
      const mine = nextPending(get().entries);
      if (!results.has(entry.key) && mine?.key === entry.key && mine.attempts === 0) await get().flush();
      const result = results.get(entry.key);
      results.delete(entry.key);
      return result ?? { kind: 'queued' };
    },
    flush: async () => {
      if (!get().userId) return;
      flushing ??= runFlush().finally(() => {
        flushing = null;
      });
      await flushing;
    },
    dismiss: (key) => commit(remove(get().entries, key)),
  };
});

function asShelter(data: unknown): Shelter | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Partial<Shelter>;
  return typeof d.id === 'string' && typeof d.version === 'number' && typeof d.lat === 'number'
    ? (d as Shelter)
    : null;
}
