import { create } from 'zustand';
import type { Change } from '../../../shared/events.js';
import type { Me } from '../../../shared/schemas/auth.js';
import { clearUser, readCopy, writeCopy, writeCurrentUser, type DeviceCopy } from '../lib/deviceDb.js';
import type { Snapshot } from './snapshot.js';
import type { SnapshotDomain } from '../../../shared/snapshotParts.js';

/** Changes kept on top of a snapshot; past this the copy stays at the last one kept (and says how old it is). */
export const MAX_KEPT_CHANGES = 2000;
const SAVE_DELAY_MS = 1500;

interface DeviceCopyState {
  /** Something is in the stores: the live snapshot, or the copy kept on this device. */
  loaded: boolean;
  /** What the stores show: the server's state, or the copy restored from this device. */
  source: 'none' | 'live' | 'device';
  /** When this device last heard from the server (ISO time), for "offline since". */
  lastContactAt: string | null;
  setLoaded: (source: 'live' | 'device', at: string) => void;
  touch: (at: string) => void;
  reset: () => void;
}

/** Whether what the screen shows is current, and since when it is not. */
export const useDeviceCopyStore = create<DeviceCopyState>()((set) => ({
  loaded: false,
  source: 'none',
  lastContactAt: null,
  setLoaded: (source, at) => set({ loaded: true, source, lastContactAt: at }),
  touch: (at) => set({ lastContactAt: at }),
  reset: () => set({ loaded: false, source: 'none', lastContactAt: null }),
}));

let copy: DeviceCopy | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let writing: Promise<unknown> = Promise.resolve();

function save(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  const c = copy;
  if (c) writing = writing.then(() => writeCopy(c));
}

function scheduleSave(): void {
  timer ??= setTimeout(save, SAVE_DELAY_MS);
}

/** A fresh snapshot from the server: it becomes the device copy at once. */
export function keepSnapshot(me: Me | null, snapshot: Snapshot): void {
  const at = new Date().toISOString();
  useDeviceCopyStore.getState().setLoaded('live', at);
  if (!me) return;
  copy = { me, snapshot, changes: [], savedAt: at };
  writing = writing.then(() => writeCurrentUser(me.id));
  save();
}

/**
 * A part of the snapshot from the server (its `domains`, current to `snapshot.seq`). The `first`
 * starts a new copy; later ones add their domains to it, each with its own seq, so a restore replays
 * on each domain only the kept changes after it.
 */
export function keepPart(
  me: Me | null,
  snapshot: Snapshot,
  domains: readonly SnapshotDomain[],
  first: boolean,
): void {
  const at = new Date().toISOString();
  useDeviceCopyStore.getState().setLoaded('live', at);
  if (!me) return;
  const seqs = Object.fromEntries(domains.map((d) => [d, snapshot.seq]));
  const picked = Object.fromEntries(domains.map((d) => [d, snapshot[d as keyof Snapshot]]));
  if (first) {
    copy = { me, snapshot, changes: [], savedAt: at, parts: seqs };
    writing = writing.then(() => writeCurrentUser(me.id));
  } else {
    // Only onto a copy begun by a first part (a whole snapshot kept since holds these domains already).
    if (!copy?.parts || copy.me.id !== me.id) return;
    copy = {
      ...copy,
      snapshot: { ...copy.snapshot, ...picked },
      parts: { ...copy.parts, ...seqs },
      savedAt: at,
    };
  }
  save();
}

/** Live changes applied on top of the snapshot; written to the device a moment later, in batches. */
export function keepChanges(changes: readonly Change[]): void {
  const at = new Date().toISOString();
  useDeviceCopyStore.getState().touch(at);
  if (!copy || changes.length === 0 || copy.changes.length + changes.length > MAX_KEPT_CHANGES) return;
  copy = { ...copy, changes: [...copy.changes, ...changes], savedAt: at };
  scheduleSave();
}

/** The server answered (a sync, a reply): what the device shows is current to now. */
export function heardFromServer(): void {
  useDeviceCopyStore.getState().touch(new Date().toISOString());
}

/** The copy kept for this user, to show while the server cannot be reached. */
export async function restoreCopy(userId: string): Promise<DeviceCopy | null> {
  const c = await readCopy(userId);
  return c && c.me.id === userId ? c : null;
}

/** Mark the stores as showing the device copy. */
export function showingCopy(c: DeviceCopy): void {
  copy ??= c;
  useDeviceCopyStore.getState().setLoaded('device', c.savedAt);
}

/** Stop keeping (the shell closed); what was kept stays on the device. */
export async function stopKeeping(): Promise<void> {
  if (timer) save();
  copy = null;
  useDeviceCopyStore.getState().reset();
  await writing;
}

/** Sign-out: this user's data and unsent writes leave the device. */
export async function forgetUser(userId: string): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  copy = null;
  await writing;
  await clearUser(userId);
}
