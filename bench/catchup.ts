import { io as ioClient, type Socket } from 'socket.io-client';
import type { BenchCluster } from './cluster.js';
import { receive, startStream, type StreamState } from '../shared/sync.js';
import { unfoldHidden } from '../shared/hiddenRuns.js';
import type { Change as StreamChange } from '../shared/events.js';
import { atRate, pool, sleep } from './lib.js';

interface Shelter {
  id: string;
  version: number;
}

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
class StormClient {
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

async function head(c: BenchCluster): Promise<number> {
  const res = await fetch(`${c.app[0].url}/api/events?after=0&limit=1`, {
    headers: { cookie: c.cookies.ops! },
  });
  return ((await res.json()) as { data: { head: number } }).data.head;
}

/**
 * N clients go away for `awaySeconds` while changes continue at `rate` (or, for a plain
 * reconnect, nothing changes), then all reconnect at once: time until each is current.
 */
export async function catchUpTrial(
  c: BenchCluster,
  shelters: Shelter[],
  opts: { clients: number; awaySeconds: number; rate: number; storm: boolean },
): Promise<{ times: number[]; missed: number; notCurrent: number }> {
  const roles = ['ops', 'viewer', 'gbv'];
  const start = await head(c);
  const clients = Array.from(
    { length: opts.clients },
    (_, i) => new StormClient(c.app[i % 2]!.url, c.cookies[roles[i % 3]!]!, start),
  );
  await pool(clients, 50, (cl) => cl.connect());
  await sleep(300);
  for (const cl of clients) cl.socket.disconnect();

  let n = 0;
  const write = async (i: number) => {
    const s = shelters[i % shelters.length]!;
    const res = await fetch(`${c.app[i % 2]!.url}/api/shelters/${s.id}`, {
      method: 'PATCH',
      headers: { cookie: c.cookies.ops!, 'content-type': 'application/json' },
      body: JSON.stringify({ version: s.version, occupancy: (n++ % 5000) + 1 }),
    });
    const body = (await res.json()) as { data?: Shelter };
    if (body.data) s.version = body.data.version;
  };
  if (opts.storm) await atRate(opts.rate, opts.awaySeconds * 1000, write);
  else await sleep(500);

  const target = await head(c);
  const t0 = performance.now();
  for (const cl of clients) {
    cl.target = target;
    cl.t0 = t0;
  }
  // Everyone back at once; changes keep coming meanwhile.
  let more = true;
  const background = opts.storm
    ? (async () => {
        for (let i = 0; more; i++) {
          await write(i).catch(() => undefined);
          await sleep(1000 / opts.rate);
        }
      })()
    : Promise.resolve();
  await Promise.allSettled(clients.map((cl) => cl.connect()));
  const deadline = performance.now() + 30_000;
  while (clients.some((cl) => !cl.currentAt) && performance.now() < deadline) await sleep(20);
  more = false;
  await background;
  clients.forEach((cl) => cl.socket.close());
  const done = clients.filter((cl) => cl.currentAt);
  return {
    times: done.map((cl) => cl.currentAt),
    missed: target - start,
    notCurrent: clients.length - done.length,
  };
}
