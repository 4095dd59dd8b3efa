import { io as ioClient, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { BenchCluster } from './cluster.js';
import { atRate, httpJson, pool, sleep, summary, type Node } from './lib.js';

/** The three fan-out modes. */
export type FanoutMode = 'ws' | 'sio' | 'app';

export interface FanoutResult {
  mode: FanoutMode;
  clients: number;
  sent: number;
  /** Deliveries received (every client, duplicates included). */
  delivered: number;
  /** Delivery latencies (ms) from the sender's clock to each receiving client, same process. */
  latencies: number[];
  lost: number;
  duplicated: number;
  /** Server memory per connected client (bytes), summed over the mode's nodes. */
  heapPerClient: number;
  rssPerClient: number;
  sendErrors: number;
}

interface Shelter {
  id: string;
  version: number;
  occupancy: number;
}

/** The shelters the app's writes go to, with their versions kept current. */
export async function appShelters(c: BenchCluster): Promise<Shelter[]> {
  const res = await fetch(`${c.app[0].url}/api/shelters`, { headers: { cookie: c.cookies.ops! } });
  return ((await res.json()) as { data: Shelter[] }).data;
}

/**
 * Connect one client of `mode` to `url`; `onKey` gets the counter carried in `occupancy` of each
 * change it receives; its closer is pushed to `closers`.
 */
export function connectClient(
  mode: FanoutMode,
  url: string,
  cookie: string | undefined,
  onKey: (occupancy: number) => void,
  closers: (() => void)[],
  /** Called when the server closes the connection before the bench does (e.g. the app's backpressure cut-off). */
  onDrop: () => void = () => undefined,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let closing = false;
    const closeWith = (close: () => void) =>
      closers.push(() => {
        closing = true;
        close();
      });
    if (mode === 'ws') {
      const ws = new WebSocket(url.replace('http', 'ws'));
      ws.on('message', (data: Buffer) =>
        onKey((JSON.parse(data.toString()) as { data: { occupancy: number } }).data.occupancy),
      );
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('close', () => closing || onDrop());
      closeWith(() => ws.terminate());
      return;
    }
    const socket: Socket = ioClient(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 60_000,
      extraHeaders: cookie ? { cookie } : {},
    });
    socket.on('change', (ch: { data?: { occupancy: number } }) => {
      if (ch.data) onKey(ch.data.occupancy);
    });
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
    socket.once('disconnect', () => closing || onDrop());
    closeWith(() => socket.close());
  });
}

/** Memory summed over nodes (after a full GC in each). */
export async function memoryOf(nodes: Node[]) {
  const ms = await Promise.all(nodes.map((n) => n.memory()));
  return {
    heapUsed: ms.reduce((a, m) => a + m.heapUsed, 0),
    rss: ms.reduce((a, m) => a + m.rss, 0),
    cpuMicros: ms.reduce((a, m) => a + m.cpuMicros, 0),
  };
}

/**
 * One segment: connect `clients` to the mode's nodes, send changes at `rate` per second for
 * `seconds`, each keyed by a counter in `occupancy`, and time each delivery on this process's clock.
 */
export async function fanoutSegment(
  c: BenchCluster,
  mode: FanoutMode,
  opts: { clients: number; rate: number; seconds: number; template: unknown; shelters: Shelter[] },
): Promise<FanoutResult> {
  const nodes: Node[] = mode === 'ws' ? [c.ws] : mode === 'sio' ? c.sio : c.app;
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const received: Map<number, number>[] = Array.from(
    { length: opts.clients },
    () => new Map<number, number>(),
  );
  const onMessage = (i: number, occupancy: number) => {
    const t = sentAt.get(occupancy);
    if (t === undefined) return;
    const seen = received[i]!;
    seen.set(occupancy, (seen.get(occupancy) ?? 0) + 1);
    latencies.push(performance.now() - t);
  };

  const before = await memoryOf(nodes);
  const roles = ['ops', 'viewer', 'gbv'];
  const closers: (() => void)[] = [];
  await pool(
    Array.from({ length: opts.clients }, (_, i) => i),
    50,
    (i) =>
      connectClient(
        mode,
        nodes[i % nodes.length]!.url,
        mode === 'app' ? c.cookies[roles[i % roles.length]!] : undefined,
        (occupancy) => onMessage(i, occupancy),
        closers,
      ),
  );
  await sleep(500);
  const after = await memoryOf(nodes);

  let counter = 0;
  let sendErrors = 0;
  const base = 10_000 + Math.floor(Math.random() * 50_000);
  await atRate(opts.rate, opts.seconds * 1000, async (i) => {
    const occupancy = base + counter++;
    const node = nodes[i % nodes.length]!;
    sentAt.set(occupancy, performance.now());
    try {
      if (mode === 'app') {
        const s = opts.shelters[i % opts.shelters.length]!;
        const { status, body } = await httpJson<{ data?: Shelter }>(`${node.url}/api/shelters/${s.id}`, {
          method: 'PATCH',
          headers: { cookie: c.cookies.ops! },
          body: { version: s.version, occupancy },
        });
        if (status !== 200 || !body.data) throw new Error(String(status));
        s.version = body.data.version;
      } else {
        await httpJson(`${node.url}/send`, {
          method: 'POST',
          body: {
            ...(opts.template as object),
            data: { ...((opts.template as { data: object }).data ?? {}), occupancy },
          },
          text: true,
        });
      }
    } catch {
      sendErrors++;
      sentAt.delete(occupancy);
    }
  });
  // Let the last deliveries land (bounded).
  const expected = sentAt.size * opts.clients;
  const deadline = performance.now() + 5000;
  while (latencies.length < expected && performance.now() < deadline) await sleep(50);
  closers.forEach((close) => close());

  let distinct = 0;
  let total = 0;
  for (const seen of received) {
    distinct += seen.size;
    for (const n of seen.values()) total += n;
  }
  return {
    mode,
    clients: opts.clients,
    sent: sentAt.size,
    delivered: total,
    latencies,
    lost: expected - distinct,
    duplicated: total - distinct,
    heapPerClient: (after.heapUsed - before.heapUsed) / opts.clients,
    rssPerClient: (after.rss - before.rss) / opts.clients,
    sendErrors,
  };
}

export { summary };
