import { afterEach, beforeEach, vi } from 'vitest';
import { PROTOCOL_VERSION, type Change, type SyncResult } from '../../../shared/events.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';

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
    if (typeof this.auth === 'function')
      (this.auth as (cb: (d: { afterSeq?: number }) => void) => void)((d) => (afterSeq = d.afterSeq));
    queueMicrotask(() => {
      this.emitLocal('connect');
      if (this.helloCatchUp && afterSeq !== undefined) {
        this.hellos.push(afterSeq);
        const catchUp = this.answer(afterSeq);
        this.emitLocal('hello', { protocol: PROTOCOL_VERSION, head: catchUp.head, catchUp });
      } else this.emitLocal('hello', { protocol: PROTOCOL_VERSION, head: this.head });
    });
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  timeout() {
    return {
      emitWithAck: (_ev: string, req: { afterSeq: number }) => {
        this.syncs.push(req.afterSeq);
        return Promise.resolve({ ok: true, data: this.answer(req.afterSeq) });
      },
    };
  }
}

/**
 * The one socket a test file's `vi.mock('client/src/lib/socket.js')` hands out (the mock factory
 * imports it from here, since vi.mock is hoisted above the file's own declarations).
 */
export const socket = new FakeSocket();

/** What the fake HTTP side serves: the snapshot a test sets, and how often it was loaded. */
export const net: { snapshot: { seq: number; shelters: Shelter[] }; snapshotLoads: number } = {
  snapshot: { seq: 0, shelters: [] },
  snapshotLoads: 0,
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
    vi.stubGlobal('fetch', (url: string) => {
      const body = url.startsWith('/api/snapshot')
        ? (net.snapshotLoads++, { ok: true, data: { ...net.snapshot, organisations: [] } })
        : url.startsWith('/api/events')
          ? { ok: true, data: { reset: false, events: [], head: net.snapshot.seq } }
          : { ok: true, data: [] };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    });
    socket.handlers.clear();
    socket.syncs = [];
    socket.hellos = [];
    socket.helloCatchUp = true;
    socket.head = 0;
    socket.auth = undefined;
    socket.answer = (afterSeq) => ({ reset: false, events: [], head: afterSeq });
    socket.connected = false;
  });
  afterEach(() => vi.unstubAllGlobals());
}
