import type { Ack, Change, SyncResult } from '../../../shared/events.js';
import { receive, startStream, type StreamState } from '../../../shared/sync.js';
import {
  loadPart,
  routeChanges,
  startParts,
  type PartsState,
  type SnapshotDomain,
} from '../../../shared/snapshotParts.js';
import { useDomainLoadStore } from '../app/domainLoad.js';
import { markSnapshotLoaded } from '../app/readiness.js';
import { DOMAIN_STORES } from '../app/domainStores.js';
import { useActivityStore } from '../features/activity/activityStore.js';
import { useOutboxStore } from '../features/outbox/outboxStore.js';
import { useShelterStore } from '../features/shelters/shelterStore.js';
import { api } from '../lib/api.js';
import type { AppSocket } from '../lib/socket.js';
import { useAuthStore } from '../features/auth/authStore.js';
import { useConnectionStore } from './connectionStore.js';
import {
  heardFromServer,
  keepChanges,
  keepPart,
  keepSnapshot,
  restoreCopy,
  showingCopy,
  stopKeeping,
  useDeviceCopyStore,
} from './deviceCopy.js';
import { freeze, hold, holdSnapshot, isFrozen, release } from './freeze.js';
import type { Snapshot } from './snapshot.js';
import { needsReload } from './protocol.js';
import { loadedValidator, loadValidator } from './validator.js';
import { useDemoClockStore } from '../features/demo/demoClockStore.js';

export { loadValidator };

/**
 * The socket (socket.io-client, about 18 KB gzip) is fetched only once the snapshot is on screen: on a
 * slow link it must not stand between the phone and the first list.
 */
let socket: AppSocket | null = null;
const loadSocket = () => import('../lib/socket.js').then((m) => m.getSocket());

/** How many past events seed the activity feed after the snapshot. */
const FEED_SEED = 40;
const SYNC_TIMEOUT_MS = 15_000;

let stream: StreamState = startStream(0);
/** The domains the snapshot fills, and where each stands while the snapshot comes in parts. */
const FILLED: readonly SnapshotDomain[] = DOMAIN_STORES.flatMap((d) => (d.key ? [d.key] : []));
let parts: PartsState<SnapshotDomain> = startParts(FILLED);
/** The seq the first part started the stream at: a later part must not be older (changes before it are gone). */
let partsFrom = 0;
let syncing = false;
let syncAgain = false;
// The last catch-up moved the stream on: what is still missing is there to fetch, so ask at once.
let movedOn = false;
// Connected, the handshake carrying our position: the hello brings the catch-up.
let awaitingHello = false;
// The server's hello said it sends placeholder runs: the next handshakes and syncs ask for them.
let serverSendsRuns = false;
let helloTimer: ReturnType<typeof setTimeout> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
// Bumped on every start and stop, so work begun by an earlier start (React StrictMode runs effects twice) stops.
let generation = 0;

const conn = () => useConnectionStore.getState();

function applyToStores(changes: readonly Change[]): void {
  if (changes.length === 0) return;
  // The feed words a shelter's change against the record as it was, so it reads shelters first.
  const before = useShelterStore.getState().byId;
  // A domain whose part has not come takes nothing yet (its part replays what it missed); a loaded
  // one takes only what is past its part's seq.
  const routed = routeChanges(parts, changes);
  parts = routed.state;
  for (const d of DOMAIN_STORES) {
    const mine = d.key ? routed.take(d.key) : changes;
    if (mine.length) d.apply(mine);
  }
  useActivityStore.getState().applyEvent(changes, before);
}

/** Hand released changes to the stores, in seq order; while the picture is frozen they wait. */
function apply(changes: readonly Change[]): void {
  if (changes.length === 0) return;
  keepChanges(changes);
  if (isFrozen()) hold(changes);
  else applyToStores(changes);
}

/** Keep the picture still for a briefing; the stream goes on underneath. */
export function freezePicture(): void {
  freeze();
}

/** Apply everything that came while frozen, in order, and go live again. */
export function unfreezePicture(): void {
  if (!isFrozen()) return;
  const { snapshot, changes } = release();
  if (snapshot) fillWhole(snapshot);
  applyToStores(changes);
}

/** Load `domains` (all when absent) from `snap` into their stores. */
function fillStores(snap: Snapshot, domains?: readonly SnapshotDomain[]): void {
  for (const d of DOMAIN_STORES) if (d.key && (!domains || domains.includes(d.key))) d.load?.(snap);
  useDomainLoadStore.getState().mark(domains ?? FILLED);
}

/** A whole snapshot from the server: every domain takes it, and the stream's changes after it. */
function fillWhole(snap: Snapshot): void {
  fillStores(snap);
  parts = loadPart(parts, snap.seq, FILLED, { replace: true }).state;
}

/**
 * Show the copy kept on this device while the server has not answered (offline, a slow link). It is
 * never applied over the live state, and the stream still starts from the server's snapshot.
 */
async function showDeviceCopy(running: () => boolean): Promise<void> {
  const me = useAuthStore.getState().me;
  if (!me) return;
  const c = await restoreCopy(me.id);
  if (!c || !running() || useDeviceCopyStore.getState().source !== 'none') return;
  // A copy kept in parts holds its domains only, each current to its own seq.
  const seqOf = (d: SnapshotDomain) => (c.parts ? c.parts[d] : c.snapshot.seq);
  fillStores(
    c.snapshot,
    FILLED.filter((d) => seqOf(d) !== undefined),
  );
  const before = useShelterStore.getState().byId;
  for (const d of DOMAIN_STORES) {
    const from = d.key ? seqOf(d.key) : c.snapshot.seq;
    if (from !== undefined) d.apply(c.changes.filter((x) => x.seq > from));
  }
  useActivityStore.getState().applyEvent(c.changes.slice(-FEED_SEED), before);
  showingCopy(c);
}

/** Offer changes to the stream; a gap triggers a catch-up. */
function offer(changes: readonly Change[]): void {
  const step = receive(stream, changes);
  stream = step.state;
  conn().setLastSeq(stream.lastSeq);
  apply(step.apply);
  if (step.gap) requestSync();
}

/** Load the snapshot into the stores. Changes held past a gap are kept and offered again. */
export async function loadSnapshot(): Promise<boolean> {
  const [reply, v] = await Promise.all([
    api.get<unknown>('/api/snapshot'),
    loadValidator().catch(() => null),
  ]);
  if (!reply.ok || !v) return false;
  const snap = v.parseSnapshot(reply.data);
  if (!snap) return false;
  if (isFrozen()) holdSnapshot(snap);
  else fillWhole(snap);
  keepSnapshot(useAuthStore.getState().me, snap);
  startStreamAt(snap.seq);
  return true;
}

/** The stream starts (again) from a snapshot's seq; changes held past a gap are offered again. */
function startStreamAt(seq: number): void {
  const held = [...stream.pending.values()];
  stream = startStream(seq);
  partsFrom = seq;
  conn().setLastSeq(seq);
  if (held.length) offer(held);
  markSnapshotLoaded(true);
}

/**
 * Load a part of the snapshot (`domains` only) into its stores. The first part starts the stream, as a
 * whole snapshot does; a later one is loaded by the domains still to come, each then taking the
 * changes the stream released past the part's seq. Parts are never held by a freeze: the domains they
 * fill showed a skeleton, not a picture to keep still.
 */
async function loadSnapshotPart(
  domains: readonly SnapshotDomain[],
  first: boolean,
  running: () => boolean,
): Promise<boolean> {
  const [reply, v] = await Promise.all([
    api.get<unknown>(`/api/snapshot?domains=${domains.join(',')}`),
    loadValidator().catch(() => null),
  ]);
  if (!running()) return true;
  if (!reply.ok || !v) return false;
  const part = v.parseSnapshotPart(reply.data);
  // Seqs only grow, so a later part older than the first cannot come; were it to, it is asked again.
  if (!part || (!first && part.snap.seq < partsFrom)) return false;
  const { snap } = part;
  const step = loadPart<SnapshotDomain, Change>(
    parts,
    snap.seq,
    part.domains.filter((d) => domains.includes(d)),
  );
  parts = step.state;
  fillStores(snap, step.taken);
  for (const d of DOMAIN_STORES) {
    const missed = d.key ? step.replay(d.key) : [];
    if (missed.length) d.apply(missed);
  }
  if (step.taken.length) keepPart(useAuthStore.getState().me, snap, step.taken, first);
  if (first) startStreamAt(snap.seq);
  return true;
}

/** The domains after the first screen's, right after it (retried until they come). */
async function loadRest(running: () => boolean): Promise<void> {
  for (let delay = 1000; running() && parts.awaiting.size > 0; delay = Math.min(delay * 2, 30_000)) {
    if (await loadSnapshotPart([...parts.awaiting], false, running)) return;
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** Fill the feed with recent events the caller may see; they are already in the snapshot. */
async function seedFeed(): Promise<void> {
  const after = Math.max(0, stream.lastSeq - FEED_SEED);
  const reply = await api.get<unknown>(`/api/events?after=${after}&limit=${FEED_SEED}`);
  const validator = loadedValidator();
  if (!reply.ok || !validator) return;
  const result = validator.parseSyncResult(reply.data);
  if (result && !result.reset) useActivityStore.getState().applyEvent(result.events);
}

function requestSync(): void {
  if (syncing) {
    syncAgain = true;
    return;
  }
  void sync();
}

/** A catch-up starts (a `sync` sent, or a connect whose hello brings one). */
function beginCatchUp(): void {
  syncing = true;
  syncAgain = false;
  movedOn = false;
  clearTimeout(retryTimer);
  conn().setState('catching_up');
}

/** Take a catch-up answer (a sync's or the hello's): offer its events, or reload the snapshot when told we are too far behind. */
async function takeCatchUp(result: SyncResult | null): Promise<boolean> {
  if (!result) return false;
  if (result.reset) return loadSnapshot();
  heardFromServer();
  const before = stream.lastSeq;
  offer(result.events);
  // Events past the head can only be ones pushed meanwhile; a gap before the head means we must ask again.
  if (stream.pending.size > 0 || stream.lastSeq < result.head) syncAgain = true;
  movedOn = stream.lastSeq > before;
  return true;
}

/** A catch-up ended: retry after a failure, ask again while behind, else live. */
function endCatchUp(ok: boolean, gen: number): void {
  syncing = false;
  if (gen !== generation) return;
  if (!ok) {
    retryTimer = setTimeout(requestSync, 3000);
    return;
  }
  if (syncAgain) {
    // A page short of the head is followed at once; a server that cannot fill a gap (nothing
    // applied) is asked again after a little while, not in a tight loop.
    retryTimer = setTimeout(requestSync, movedOn ? 0 : 250);
    return;
  }
  conn().setState(socket?.connected ? 'live' : 'reconnecting');
}

/** What a handshake or a `sync` adds to ask for placeholder runs: nothing until a hello offered them. */
const runsAsked = (): { hiddenRuns?: true } => (serverSendsRuns ? { hiddenRuns: true } : {});

/** Ask the server for everything after our last seq. */
async function sync(): Promise<void> {
  const gen = generation;
  if (!socket?.connected) return;
  beginCatchUp();
  let ok = false;
  try {
    const raw = (await socket
      .timeout(SYNC_TIMEOUT_MS)
      .emitWithAck('sync', { afterSeq: stream.lastSeq, ...runsAsked() })) as Ack<unknown>;
    if (raw.ok) ok = await takeCatchUp((await loadValidator()).parseSyncResult(raw.data));
    else if (raw.error.code === 'unauthenticated') {
      // The session ended: /api/me answers 401 and the shell shows the sign-in form.
      void api.get('/api/me');
    }
  } catch {
    // Timed out: the socket reconnects on its own, or we retry below.
  }
  endCatchUp(ok, gen);
}

/** The hello did not come (or came without a catch-up): catch up with `sync` as usual. */
function stopAwaitingHello(): void {
  awaitingHello = false;
  clearTimeout(helloTimer);
  syncing = false;
}

function linkDownState(): 'offline' | 'reconnecting' {
  return navigator.onLine ? 'reconnecting' : 'offline';
}

/**
 * Start listening: the snapshot's part for the first screen (`first`; the whole snapshot when absent),
 * then the socket and the rest of the snapshot. Returns a stop function.
 * This module is the only place that listens to the server.
 */
export function startRealtime(first?: readonly SnapshotDomain[]): () => void {
  const gen = ++generation;
  const running = () => gen === generation;
  parts = startParts(FILLED);
  const firstPart = first?.filter((d) => FILLED.includes(d));
  const loadFirst = () => (firstPart?.length ? loadSnapshotPart(firstPart, true, running) : loadSnapshot());
  conn().setState('connecting');

  const onConnect = () => {
    // The handshake carried our position (socket.auth below): the hello brings the catch-up, so a
    // reconnect costs no second round trip. Gaps meanwhile wait for it.
    beginCatchUp();
    awaitingHello = true;
    clearTimeout(helloTimer);
    helloTimer = setTimeout(() => {
      if (!awaitingHello || !running()) return;
      stopAwaitingHello();
      requestSync();
    }, SYNC_TIMEOUT_MS);
    void useOutboxStore.getState().flush();
  };
  const onDisconnect = () => {
    if (awaitingHello) stopAwaitingHello();
    conn().setState(linkDownState());
  };
  const onConnectError = () => {
    conn().setState(linkDownState());
    // A refused handshake is most often an ended session; /api/me tells, and a 401 signs out.
    if (navigator.onLine) void api.get('/api/me');
  };
  const onChange = (raw: unknown) => {
    // The socket connects only after the snapshot, which waits for the validator.
    const c = loadedValidator()?.parseChange(raw);
    if (c) offer([c]);
  };
  const onHello = (raw: unknown) => {
    const hello = loadedValidator()?.parseHello(raw);
    const waiting = awaitingHello;
    if (waiting) {
      awaitingHello = false;
      clearTimeout(helloTimer);
    }
    if (hello && needsReload(hello.protocol)) conn().setReloadNeeded(true);
    if (hello) serverSendsRuns = hello.hiddenRuns === true;
    if (waiting && hello?.catchUp) {
      void takeCatchUp(hello.catchUp).then(
        (ok) => endCatchUp(ok, gen),
        () => endCatchUp(false, gen),
      );
      return;
    }
    // No catch-up in it (an older server, or one that could not read the log): ask with `sync`.
    if (waiting) syncing = false;
    if (!hello) {
      if (waiting) requestSync();
      return;
    }
    if (hello.head > stream.lastSeq || (waiting && syncAgain)) requestSync();
    else if (waiting) conn().setState('live');
  };
  // Validated by the store (a display aid: a malformed clock is dropped).
  const onDemoClock = (raw: unknown) => useDemoClockStore.getState().receive(raw);
  const onOnline = () => {
    if (socket && !socket.connected) {
      conn().setState('reconnecting');
      socket.connect();
    }
    void useOutboxStore.getState().flush();
  };
  const onOffline = () => conn().setState('offline');
  // Coming back to the app is a good moment to try what waits (the outbox also retries on its own backoff).
  const onFocus = () => {
    if (typeof document === 'undefined' || document.visibilityState !== 'hidden')
      void useOutboxStore.getState().flush();
  };

  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  window.addEventListener('focus', onFocus);
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onFocus);

  void showDeviceCopy(running);
  void (async () => {
    let loaded = await loadFirst();
    for (let delay = 2000; !loaded && running(); delay = Math.min(delay * 2, 30_000)) {
      conn().setState(linkDownState());
      await new Promise((r) => setTimeout(r, delay));
      if (running()) loaded = await loadFirst();
    }
    if (!running()) return;
    void loadRest(running);
    void seedFeed();
    const s = await loadSocket().catch(() => null);
    if (!s || !running()) return;
    socket = s;
    // Where the stream stands, read at each (re)connect: the server answers it in the hello.
    s.auth = (cb: (data: object) => void) => cb({ afterSeq: stream.lastSeq, ...runsAsked() });
    s.on('connect', onConnect);
    s.on('disconnect', onDisconnect);
    s.on('connect_error', onConnectError);
    s.on('change', onChange);
    s.on('hello', onHello);
    s.on('demo:clock', onDemoClock);
    s.connect();
  })();

  // A safety net only: the outbox retries on its own short backoff after a failed send.
  const outboxTimer = setInterval(() => void useOutboxStore.getState().flush(), 15_000);

  return () => {
    generation++;
    clearTimeout(retryTimer);
    clearTimeout(helloTimer);
    awaitingHello = false;
    clearInterval(outboxTimer);
    socket?.off('connect', onConnect);
    socket?.off('disconnect', onDisconnect);
    socket?.off('connect_error', onConnectError);
    socket?.off('change', onChange);
    socket?.off('hello', onHello);
    socket?.off('demo:clock', onDemoClock);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('focus', onFocus);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onFocus);
    socket?.disconnect();
    stream = startStream(0);
    parts = startParts(FILLED);
    useDomainLoadStore.getState().reset();
    syncing = false;
    serverSendsRuns = false;
    markSnapshotLoaded(false);
    // Signing out ends a freeze; what it held is the server's and comes with the next snapshot.
    release();
    void stopKeeping();
  };
}
