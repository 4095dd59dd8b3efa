/** A write kept on this device until the server has answered it. */
export interface OutboxEntry {
  /** Idempotency-Key, the same on every attempt, so the server applies the write once. */
  key: string;
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
  /** The shelter the write is about, so its panel can show what waits or conflicted. */
  shelterId: string | null;
  /**
   * One logical post, e.g. `shelter-form:<id>`: a later write with the same slot replaces a pending
   * one instead of queueing beside it (tapping save twice offline sends one update).
   */
  slot?: string;
  queuedAt: string;
  attempts: number;
  state: 'pending' | 'conflict' | 'refused';
  error?: { code: string; message: string; issues?: { path: string; message: string }[] };
  /** The record as the server holds it, kept when the write met a newer version (409). */
  current?: unknown;
}

/** What became of one attempt to send an entry. */
export type SendOutcome =
  | { kind: 'sent'; version: number | null }
  | { kind: 'retry' }
  | { kind: 'conflict'; current: unknown }
  | { kind: 'refused'; error: NonNullable<OutboxEntry['error']> };

/** Add an entry at the end; an entry with the same key is not added twice. */
export function enqueue(entries: readonly OutboxEntry[], entry: OutboxEntry): OutboxEntry[] {
  return entries.some((e) => e.key === entry.key) ? [...entries] : [...entries, entry];
}

/**
 * Add an entry, or, when it names a slot and a pending entry of that slot waits, put it in that
 * entry's place (the form's latest state holds everything the earlier one did, based on the same
 * version). An entry being sent right now (`inFlight`) is left alone: the new one queues behind it
 * and is moved onto the version it produces (`settle`).
 */
export function enqueueOrReplace(
  entries: readonly OutboxEntry[],
  entry: OutboxEntry,
  inFlight: string | null = null,
): { entries: OutboxEntry[]; replaced: string | null } {
  const i = entry.slot
    ? entries.findIndex((e) => e.slot === entry.slot && e.state === 'pending' && e.key !== inFlight)
    : -1;
  if (i < 0) return { entries: enqueue(entries, entry), replaced: null };
  const out = [...entries];
  const replaced = out[i]!.key;
  out[i] = entry;
  return { entries: out, replaced };
}

/**
 * How long to wait before trying again after `failures` attempts in a row could not reach the server:
 * a few seconds, so a link that comes back without an `online` event is used soon (2 s, 4 s, 8 s, then
 * every 10 s), without hammering a server that is down.
 */
export function retryDelay(failures: number): number {
  return Math.min(2000 * 2 ** Math.max(0, failures - 1), 10_000);
}

/** The next entry to send: the oldest pending one. Entries go one at a time, in order. */
export function nextPending(entries: readonly OutboxEntry[]): OutboxEntry | undefined {
  return entries.find((e) => e.state === 'pending');
}

/**
 * Record the outcome of sending the entry `key`. A sent entry leaves the outbox. When it was a
 * PATCH that moved a record to a new version, later entries for the same record that were based
 * on the same version and never attempted are moved onto the new version: they were written on
 * this device after it, offline, and must not conflict with our own earlier write.
 */
export function settle(entries: readonly OutboxEntry[], key: string, outcome: SendOutcome): OutboxEntry[] {
  const entry = entries.find((e) => e.key === key);
  if (!entry) return [...entries];
  switch (outcome.kind) {
    case 'sent': {
      const rest = entries.filter((e) => e.key !== key);
      const base = entry.body['version'];
      if (outcome.version === null || typeof base !== 'number' || entry.shelterId === null) return rest;
      return rest.map((e) =>
        e.state === 'pending' &&
        e.attempts === 0 &&
        e.method === 'PATCH' &&
        e.shelterId === entry.shelterId &&
        e.body['version'] === base
          ? { ...e, body: { ...e.body, version: outcome.version } }
          : e,
      );
    }
    case 'retry':
      // Saved again while this one was on the wire: the later post of the same form holds all of it.
      if (supersededBy(entries, entry)) return entries.filter((e) => e.key !== key);
      return entries.map((e) => (e.key === key ? { ...e, attempts: e.attempts + 1 } : e));
    case 'conflict':
      return entries.map((e) =>
        e.key === key ? { ...e, attempts: e.attempts + 1, state: 'conflict', current: outcome.current } : e,
      );
    case 'refused':
      return entries.map((e) =>
        e.key === key ? { ...e, attempts: e.attempts + 1, state: 'refused', error: outcome.error } : e,
      );
  }
}

/**
 * The later pending post of the same form, based on the same version, that takes `entry`'s place if
 * `entry` did not reach the server (it was on the wire when the form was saved again).
 */
export function supersededBy(entries: readonly OutboxEntry[], entry: OutboxEntry): OutboxEntry | null {
  if (!entry.slot) return null;
  const at = entries.findIndex((e) => e.key === entry.key);
  return (
    entries.find(
      (e, i) =>
        i > at &&
        e.slot === entry.slot &&
        e.state === 'pending' &&
        e.body['version'] === entry.body['version'],
    ) ?? null
  );
}

/** Drop an entry (after the user reapplied or dismissed it). */
export function remove(entries: readonly OutboxEntry[], key: string): OutboxEntry[] {
  return entries.filter((e) => e.key !== key);
}

/** Where an outbox lived before IndexedDB (localStorage), read once to move it over. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem?(key: string): void;
}

/** localStorage key of one user's outbox before it moved to IndexedDB. */
export function outboxStorageKey(userId: string): string {
  return `shr.outbox.v1.${userId}`;
}

function isEntry(v: unknown): v is OutboxEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e['key'] === 'string' &&
    (e['method'] === 'POST' || e['method'] === 'PATCH') &&
    typeof e['path'] === 'string' &&
    typeof e['body'] === 'object' &&
    e['body'] !== null &&
    typeof e['queuedAt'] === 'string' &&
    typeof e['attempts'] === 'number' &&
    (e['slot'] === undefined || typeof e['slot'] === 'string') &&
    (e['state'] === 'pending' || e['state'] === 'conflict' || e['state'] === 'refused')
  );
}

/** The well-formed entries of a stored outbox; anything unreadable is dropped rather than sent half-formed. */
export function parseEntries(raw: unknown): OutboxEntry[] {
  return Array.isArray(raw) ? raw.filter(isEntry) : [];
}

/** Read an outbox kept in localStorage (the old place). */
export function loadOutbox(storage: KeyValueStorage, key: string): OutboxEntry[] {
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return [];
  }
  if (!raw) return [];
  try {
    return parseEntries(JSON.parse(raw));
  } catch {
    return [];
  }
}

/**
 * The outbox after moving entries found elsewhere (the old localStorage copy, or writes made while
 * the device copy was still loading) into it: stored ones first, in order, an entry kept once.
 */
export function mergeOutboxes(
  stored: readonly OutboxEntry[],
  ...others: (readonly OutboxEntry[])[]
): OutboxEntry[] {
  let out = [...stored];
  for (const list of others) for (const e of list) out = enqueue(out, e);
  return out;
}
