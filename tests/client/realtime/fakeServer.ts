import { afterEach, beforeEach, vi } from 'vitest';
import { PROTOCOL_VERSION, type Change, type SyncResult } from '../../../shared/events.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { foldHidden } from '../../../shared/hiddenRuns.js';

/**
 * A fake socket for the realtime module: it records `sync` requests and answers them from a script,
 * and on connect says hello as the server does: with the catch-up for the handshake's `afterSeq`
 * (recorded in `hellos`), or, as an older server, with its `head` alone when `helloCatchUp` is off.
 */
export class FakeSocket {
  connected = false;
  handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  syncs: number[] = [];
  hellos: number[] = [];
  helloCatchUp = true;
  /** Say in the hello that runs are sent, and fold the placeholders of what asked for them. */
  offersRuns = false;
  /** Whether each handshake, and each sync, asked for placeholder runs. */
  runsAsked: { handshake: boolean[]; sync: boolean[] } = { handshake: [], sync: [] };
  head = 0;
  auth: unknown = undefined;
  answer: (afterSeq: number) => SyncResult = (afterSeq) => ({ reset: false, events: [], head: afterSeq });
  on(ev: string, fn: (...args: unknown[]) => void) {
    this.handlers.set(ev, [...(this.handlers.get(ev) ?? []), fn]);
    return this;
  }
  off(ev: string, fn: (...args: unknown[]) => void) {
    this.handlers.set(
      ev,
      (this.handlers.get(ev) ?? []).filter((f) => f !== fn),
    );
    return this;
  }
  emitLocal(ev: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(ev) ?? []) fn(...args);
  }
  connect() {
    this.connected = true;
    let afterSeq: number | undefined;
    let runs = false;
    if (typeof this.auth === 'function')
      (this.auth as (cb: (d: { afterSeq?: number; hiddenRuns?: true }) => void) => void)((d) => {
        afterSeq = d.afterSeq;
        runs = d.hiddenRuns === true;
      });
    this.runsAsked.handshake.push(runs);
    const offer = this.offersRuns ? { hiddenRuns: true } : {};
    queueMicrotask(() => {
      this.emitLocal('connect');
      if (this.helloCatchUp && afterSeq !== undefined) {
        this.hellos.push(afterSeq);
        const catchUp = this.fold(this.answer(afterSeq), runs);
        this.emitLocal('hello', { protocol: PROTOCOL_VERSION, head: catchUp.head, catchUp, ...offer });
      } else this.emitLocal('hello', { protocol: PROTOCOL_VERSION, head: this.head, ...offer });
    });
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  /** An answer as the server sends it to a client that asked for runs (or as it is). */
  private fold(answer: SyncResult, runs: boolean): SyncResult {
    return runs && this.offersRuns && !answer.reset
      ? { ...answer, events: foldHidden(answer.events) }
      : answer;
  }
  timeout() {
    return {
      emitWithAck: (_ev: string, req: { afterSeq: number; hiddenRuns?: true }) => {
        this.syncs.push(req.afterSeq);
        this.runsAsked.sync.push(req.hiddenRuns === true);
        return Promise.resolve({
          ok: true,
          data: this.fold(this.answer(req.afterSeq), req.hiddenRuns === true),
        });
      },
    };
  }
}

/**
 * The one socket a test file's `vi.mock('client/src/lib/socket.js')` hands out (the mock factory
 * imports it from here, since vi.mock is hoisted above the file's own declarations).
 */
export const socket = new FakeSocket();

/**
 * What the fake HTTP side serves: the snapshot a test sets, and how often it was loaded. A test that
 * reads the snapshot in parts sets `part` (what to answer for the domains asked, or for the whole
 * when null) and may hold an answer back with `gate`; `snapshotUrls` are the snapshot reads made.
 */
export const net: {
  snapshot: { seq: number; shelters: Shelter[] };
  snapshotLoads: number;
  snapshotUrls: string[];
  part?: (domains: string[] | null) => Record<string, unknown>;
  gate?: (domains: string[] | null) => Promise<void>;
} = {
  snapshot: { seq: 0, shelters: [] },
  snapshotLoads: 0,
  snapshotUrls: [],
};

const by = { userId: null, orgId: null };
const at = '2024-09-07T06:00:00.000Z';

/** A `shelter:updated` change at `seq`. */
export const upd = (seq: number, s: Shelter): Change => ({ seq, type: 'shelter:updated', data: s, at, by });

/** Let queued microtasks and zero-delay timers run. */
export async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

/** Before each test: a browser-like window, an online navigator, the fake HTTP side and a fresh socket. */
export function useFakeServer(): void {
  beforeEach(() => {
    vi.stubGlobal('window', Object.assign(new EventTarget(), {}));
    vi.stubGlobal('navigator', { onLine: true });
    net.snapshotLoads = 0;
    net.snapshotUrls = [];
    net.part = undefined;
    net.gate = undefined;
    vi.stubGlobal('fetch', async (url: string) => {
      // A part (`?domains=…`) says which domains it covers, as the server's does.
      const param = new URL(url, 'http://x').searchParams.get('domains');
      const domains = param ? param.split(',') : null;
      if (url.startsWith('/api/snapshot')) {
        net.snapshotUrls.push(url);
        await net.gate?.(domains);
      }
      const body = url.startsWith('/api/snapshot')
        ? (net.snapshotLoads++,
          {
            ok: true,
            data: {
              ...(net.part ? net.part(domains) : { ...net.snapshot, organisations: [] }),
              ...(domains ? { domains } : {}),
            },
          })
        : url.startsWith('/api/events')
          ? { ok: true, data: { reset: false, events: [], head: net.snapshot.seq } }
          : { ok: true, data: [] };
      return new Response(JSON.stringify(body), { status: 200 });
    });
    socket.handlers.clear();
    socket.syncs = [];
    socket.hellos = [];
    socket.helloCatchUp = true;
    socket.offersRuns = false;
    socket.runsAsked = { handshake: [], sync: [] };
    socket.head = 0;
    socket.auth = undefined;
    socket.answer = (afterSeq) => ({ reset: false, events: [], head: afterSeq });
    socket.connected = false;
  });
  afterEach(() => vi.unstubAllGlobals());
}
