import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Change } from '../../../shared/events.js';
import type { Me } from '../../../shared/schemas/auth.js';
import type { Snapshot } from '../realtime/snapshot.js';
import type { SnapshotDomain } from '../../../shared/snapshotParts.js';

/** The last state this device saw of one user's data, so the app opens with it offline. */
export interface DeviceCopy {
  me: Me;
  snapshot: Snapshot;
  /** Changes applied after the snapshot, oldest first (replayed on top of it when restored). */
  changes: Change[];
  /**
   * The domains the snapshot holds when it was read in parts, and the seq of each (a domain replays
   * only the changes after its own); absent for a whole snapshot, current to `snapshot.seq`.
   */
  parts?: Partial<Record<SnapshotDomain, number>>;
  /** When the device last heard from the server (ISO time): what the copy is current to. */
  savedAt: string;
}

/**
 * The device's IndexedDB: the outbox (one record per user, the entries in order), the last copy
 * of each user's data, and who signed in last (the service worker sends only that user's outbox,
 * with that user's session). The service worker (client/public/sw-sync.js) reads the same names.
 */
interface DeviceSchema extends DBSchema {
  outbox: { key: string; value: unknown[] };
  copy: { key: string; value: DeviceCopy };
  meta: { key: string; value: string };
}

export const DEVICE_DB = 'shr-device';
const CURRENT_USER = 'currentUser';

let dbPromise: Promise<IDBPDatabase<DeviceSchema>> | null = null;

/** The database, or null where IndexedDB is missing or refused (private mode, old browser, tests). */
export async function deviceDb(): Promise<IDBPDatabase<DeviceSchema> | null> {
  if (typeof indexedDB === 'undefined') return null;
  dbPromise ??= openDB<DeviceSchema>(DEVICE_DB, 1, {
    upgrade(db) {
      db.createObjectStore('outbox');
      db.createObjectStore('copy');
      db.createObjectStore('meta');
    },
  });
  try {
    return await dbPromise;
  } catch {
    dbPromise = null;
    return null;
  }
}

async function attempt<T>(fn: (db: IDBPDatabase<DeviceSchema>) => Promise<T>, fallback: T): Promise<T> {
  const db = await deviceDb();
  if (!db) return fallback;
  try {
    return await fn(db);
  } catch {
    return fallback;
  }
}

/** One user's outbox entries as stored (the caller checks their shape). */
export function readOutbox(userId: string): Promise<unknown[] | null> {
  return attempt(async (db) => (await db.get('outbox', userId)) ?? null, null);
}

/** Keep one user's outbox. False when the device refused (full, disabled). */
export function writeOutbox(userId: string, entries: readonly unknown[]): Promise<boolean> {
  return attempt(async (db) => {
    if (entries.length === 0) await db.delete('outbox', userId);
    else await db.put('outbox', [...entries], userId);
    return true;
  }, false);
}

export function readCopy(userId: string): Promise<DeviceCopy | null> {
  return attempt(async (db) => (await db.get('copy', userId)) ?? null, null);
}

export function writeCopy(copy: DeviceCopy): Promise<boolean> {
  return attempt(async (db) => {
    await db.put('copy', copy, copy.me.id);
    return true;
  }, false);
}

/** Who signed in last on this device (their copy is what opens offline). */
export function readCurrentUser(): Promise<string | null> {
  return attempt(async (db) => (await db.get('meta', CURRENT_USER)) ?? null, null);
}

export function writeCurrentUser(userId: string): Promise<boolean> {
  return attempt(async (db) => {
    await db.put('meta', userId, CURRENT_USER);
    return true;
  }, false);
}

/** Sign-out: nothing of this user stays on the device (data, writes not sent, who signed in). */
export function clearUser(userId: string): Promise<boolean> {
  return attempt(async (db) => {
    const tx = db.transaction(['outbox', 'copy', 'meta'], 'readwrite');
    await Promise.all([
      tx.objectStore('outbox').delete(userId),
      tx.objectStore('copy').delete(userId),
      tx.objectStore('meta').delete(CURRENT_USER),
      tx.done,
    ]);
    return true;
  }, false);
}
