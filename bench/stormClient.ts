import { io as ioClient, type Socket } from 'socket.io-client';
import { receive, startStream, type StreamState } from '../shared/sync.js';
import { unfoldHidden } from '../shared/hiddenRuns.js';
import type { Change as StreamChange } from '../shared/events.js';

interface Change {
  seq: number;
}

type Result = { reset: true; head: number } | { reset: false; events: Change[]; head: number };

/**
 * A dashboard-like client reduced to what the storm needs, as client/src/realtime does it: the shared
 * stream reconciler; its position in the handshake, so the hello brings the catch-up; placeholder
 * runs asked for once a hello offered them; `sync` on a gap and again at once while a reply was a
 * page short of the head.
 */
export class StormClient {
  stream: StreamState;
  syncing = false;
  /** The hello offered placeholder runs: asked for from the next handshake and sync on. */
  runs = false;
  socket: Socket;
  currentAt = 0;
  target = Infinity;
  t0 = 0;
  constructor(url: string, cookie: string, startSeq: number) {
    this.stream = startStream(startSeq);
    this.socket = ioClient(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      autoConnect: false,
      extraHeaders: { cookie },
      auth: (cb) => cb({ afterSeq: this.lastSeq, ...this.runsAsked() }),
    });
    this.socket.on('change', (c: Change) => this.apply([c]));
    // Until the hello, the catch-up is on its way: a gap meanwhile waits for it.
    this.socket.on('connect', () => (this.syncing = true));
    this.socket.on('hello', (h: { head: number; catchUp?: Result; hiddenRuns?: true }) => {
      this.syncing = false;
      this.runs = h.hiddenRuns === true;
      if (h.catchUp) this.take(h.catchUp);
      else if (h.head > this.lastSeq) void this.sync();
      else this.apply([]);
    });
  }
  /** What the handshake and `sync` add to ask for placeholder runs (nothing until a hello offered them). */
  runsAsked(): { hiddenRuns?: true } {
    return this.runs ? { hiddenRuns: true } : {};
  }
  get lastSeq(): number {
    return this.stream.lastSeq;
  }
  async sync() {
    if (this.syncing) return;
    this.syncing = true;
    try {
      const reply = (await this.socket.timeout(30_000).emitWithAck('sync', {
        afterSeq: this.lastSeq,
        ...this.runsAsked(),
      })) as {
        ok: boolean;
        data?: Result;
      };
      this.syncing = false;
      if (reply.ok && reply.data) this.take(reply.data);
    } catch {
      this.syncing = false;
    }
  }
  /** A catch-up answer (from the hello or a sync). */
  take(result: Result) {
    // A reset would reload the snapshot; here that means being current to its head.
    if (result.reset) this.stream = startStream(result.head);
    // Runs unfolded as the app's validator does (its cost is the client's, as in the app).
    const events = result.reset ? [] : ((unfoldHidden(result.events) ?? []) as Change[]);
    const gap = this.apply(events);
    if (!gap && this.lastSeq < result.head) void this.sync();
  }
  apply(changes: Change[]): boolean {
    const step = receive(this.stream, changes as StreamChange[]);
    this.stream = step.state;
    if (!this.currentAt && this.lastSeq >= this.target) this.currentAt = performance.now() - this.t0;
    if (step.gap) void this.sync();
    return step.gap;
  }
  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
      this.socket.connect();
    });
  }
}
