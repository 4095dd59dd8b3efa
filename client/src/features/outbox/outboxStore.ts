import { create } from 'zustand';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { isRetryable, request } from '../../lib/api.js';
import { useShelterStore } from '../shelters/shelterStore.js';
import { readOutbox, writeOutbox } from '../../lib/deviceDb.js';
import {
  enqueueOrReplace,
  loadOutbox,
  mergeOutboxes,
  nextPending,
  outboxStorageKey,
  parseEntries,
  remove,
  retryDelay,
  settle,
  supersededBy,
  type OutboxEntry,
  type SendOutcome,
} from './outbox.js';

/** What the form learns about its write: sent now, kept for later, or needing the user. */
export type SubmitResult =
  | { kind: 'sent'; data: unknown }
  /** Kept on this device; `replaced` when it took the place of an earlier queued post of the same form. */
  | { kind: 'queued'; replaced?: true }
  | { kind: 'conflict'; current: unknown }
  | { kind: 'refused'; error: NonNullable<OutboxEntry['error']> };

interface OutboxState {
  userId: string | null;
  entries: OutboxEntry[];
  flushing: boolean;
  /** When the next automatic attempt is due (epoch ms), while writes wait on a link that is down. */
  retryAt: number | null;
  /** Load the signed-in user's outbox from this device (IndexedDB; an old localStorage copy moves over once). */
  open: (userId: string) => Promise<void>;
  close: () => void;
  /** Keep a write and try to send it at once. */
  submit: (entry: Omit<OutboxEntry, 'queuedAt' | 'attempts' | 'state'>) => Promise<SubmitResult>;
  /** Send pending writes, one at a time, until one cannot reach the server. */
  flush: () => Promise<void>;
  dismiss: (key: string) => void;
  /** Resolves once every change so far is on the device. */
  saved: () => Promise<void>;
}

function oldStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

// Results of sends made during a flush, so `submit` can tell its caller what happened.
const results = new Map<string, SubmitResult>();
let flushing: Promise<void> | null = null;
// The entry whose request is on the wire, which a new write must not replace.
let inFlight: string | null = null;
// Writes that took the place of a same-form write which was on the wire and did not get through.
const replacedOnTheWire = new Set<string>();
// Attempts in a row that could not reach the server, and the timer of the next one.
let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
// Device writes go one after another, so an older outbox never lands after a newer one.
let saving: Promise<unknown> = Promise.resolve();

/** Ask the service worker to send what waits once the link is back, even with the app closed. */
function requestBackgroundSync(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.ready
    .then((reg) =>
      (reg as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register(
        'outbox',
      ),
    )
    .catch(() => undefined);
}

export const useOutboxStore = create<OutboxState>()((set, get) => {
  const commit = (entries: OutboxEntry[]) => {
    const { userId } = get();
    if (userId) saving = saving.then(() => writeOutbox(userId, entries));
    set({ entries });
    if (nextPending(entries)) requestBackgroundSync();
  };

  const clearRetry = () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    if (get().retryAt !== null) set({ retryAt: null });
  };

  // A write that could not reach the server is tried again on a short backoff, without waiting for an
  // `online` event (which a link coming back through a captive portal or a weak cell never fires).
  const scheduleRetry = () => {
    clearRetry();
    if (!get().userId || !nextPending(get().entries)) return;
    const delay = retryDelay(failures);
    set({ retryAt: Date.now() + delay });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      set({ retryAt: null });
      void get().flush();
    }, delay);
  };

  const sendOne = async (entry: OutboxEntry): Promise<SendOutcome> => {
    inFlight = entry.key;
    const reply = await request<unknown>(entry.method, entry.path, entry.body, {
      idempotencyKey: entry.key,
    }).finally(() => {
      inFlight = null;
    });
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
    clearRetry();
    set({ flushing: true });
    let stalled = false;
    try {
      for (let entry = nextPending(get().entries); entry; entry = nextPending(get().entries)) {
        const outcome = await sendOne(entry);
        const later = outcome.kind === 'retry' ? supersededBy(get().entries, entry) : null;
        if (later) replacedOnTheWire.add(later.key);
        commit(settle(get().entries, entry.key, outcome));
        if (outcome.kind === 'retry') {
          stalled = true;
          break;
        }
        failures = 0;
      }
    } finally {
      set({ flushing: false });
    }
    if (stalled) {
      failures++;
      scheduleRetry();
    } else failures = 0;
  };

  return {
    userId: null,
    entries: [],
    flushing: false,
    retryAt: null,
    open: async (userId) => {
      failures = 0;
      set({ userId, entries: [] });
      const stored = parseEntries(await readOutbox(userId));
      if (get().userId !== userId) return;
      const s = oldStorage();
      const old = s ? loadOutbox(s, outboxStorageKey(userId)) : [];
      // Entries submitted while the device copy loaded go after the stored ones.
      commit(mergeOutboxes(stored, old, get().entries));
      if (old.length > 0) {
        await saving;
        try {
          s?.removeItem(outboxStorageKey(userId));
        } catch {
          // left in place: merging it again adds nothing (entries are kept once by key)
        }
      }
    },
    close: () => {
      clearRetry();
      failures = 0;
      set({ userId: null, entries: [] });
    },
    submit: async (partial) => {
      const entry: OutboxEntry = {
        ...partial,
        queuedAt: new Date().toISOString(),
        attempts: 0,
        state: 'pending',
      };
      const { entries, replaced } = enqueueOrReplace(get().entries, entry, inFlight);
      commit(entries);
      if (replaced) results.delete(replaced);
      await get().flush();
      // A flush already under way when we enqueued may have stopped before reaching us.
      const mine = nextPending(get().entries);
      if (!results.has(entry.key) && mine?.key === entry.key && mine.attempts === 0) await get().flush();
      const result = results.get(entry.key);
      results.delete(entry.key);
      const tookItsPlace = replacedOnTheWire.delete(entry.key) || replaced !== null;
      return result ?? (tookItsPlace ? { kind: 'queued', replaced: true } : { kind: 'queued' });
    },
    flush: async () => {
      if (!get().userId) return;
      flushing ??= runFlush().finally(() => {
        flushing = null;
      });
      await flushing;
    },
    dismiss: (key) => commit(remove(get().entries, key)),
    saved: async () => {
      await saving;
    },
  };
});

function asShelter(data: unknown): Shelter | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Partial<Shelter>;
  return typeof d.id === 'string' && typeof d.version === 'number' && typeof d.lat === 'number'
    ? (d as Shelter)
    : null;
}
