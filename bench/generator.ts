import { connectClient, type FanoutMode } from './fanout.js';
import { atRate, httpJson, pool, sleep } from './lib.js';

/**
 * One load-generator child process of the scale and soak segments (bench/generators.ts starts it
 * with an IPC channel). It holds its share of the clients, sends its share of the changes, and
 * times only the deliveries of the changes it sent itself, on its own `performance.now()`: no
 * clock is compared across processes. Every delivery of every change (its own or another
 * generator's) is counted, per key and client, for the lost and duplicated counts.
 */

interface Shelter {
  id: string;
  version: number;
}

export type GeneratorRequest =
  | {
      op: 'connect';
      mode: FanoutMode;
      urls: string[];
      /** Cookies to rotate over the clients (empty for the bare baselines). */
      cookies: string[];
      clients: number;
      /** This generator's first global client index (spreads clients over nodes and roles). */
      offset: number;
    }
  | {
      op: 'run';
      mode: FanoutMode;
      urls: string[];
      writerCookie: string;
      /** Changes per second all generators together send. */
      rate: number;
      seconds: number;
      /** Date.now() at which every generator starts its schedule (aligns phases only, never latencies). */
      startAt: number;
      generators: number;
      index: number;
      keyBase: number;
      /** This generator's own shelters (disjoint from the others', so versions never race across processes). */
      shelters: Shelter[];
      /** The bare baselines' message template. */
      template: unknown;
      /** Time the deliveries to at most this many of this generator's clients (all are counted). */
      timedClients: number;
    }
  /** Wait for the deliveries of `keys` until all are in or none has arrived for `timeoutMs`, then report. */
  | { op: 'drain'; keys: number[]; timeoutMs: number }
  | { op: 'close' };

export type GeneratorReply =
  | { op: 'ready' }
  | { op: 'connected'; ms: number }
  | {
      op: 'sent';
      keys: number[];
      errors: number;
      /** The refused writes by what came back: an HTTP status, or `network` when nothing did. */
      errorsBy: [string, number][];
      late: number;
    }
  | {
      op: 'result';
      /** Delivery latencies (ms) of this generator's own changes to its timed clients. */
      latencies: Float64Array;
      /** For each latency, when its change was sent (ms after the shared start). */
      sentAfter: Float64Array;
      distinct: number;
      total: number;
      expected: number;
      dropped: number;
      /** Keys some of this generator's clients never received: [key, clients without it]. */
      short: [number, number][];
      /** When the drain gave up waiting: ms after the last delivery that arrived (0 when all came). */
      gaveUpAfterMs: number;
    }
  | { op: 'closed' }
  | { op: 'error'; message: string };

/** A write not started within this long of its due time is dropped (counted as late). */
const LATE_MS = 5000;

const send = (m: GeneratorReply) => process.send?.(m);

let clients = 0;
let closers: (() => void)[] = [];
let keyBase = 0;
/** Per key (offset from keyBase), deliveries per client of this generator. */
const counts = new Map<number, Uint8Array>();
let firstDeliveries = 0;
/** Clients the server disconnected before the segment closed them. */
let dropped = 0;
/** Own keys: send time on this process's clock. */
const sentAt = new Map<number, number>();
let runStart = 0;
let timedClients = Infinity;
const latencies: number[] = [];
const sentAfter: number[] = [];

function onDelivery(client: number, key: number) {
  if (!keyBase || key < keyBase) return;
  let c = counts.get(key);
  if (!c) counts.set(key, (c = new Uint8Array(clients)));
  if (c[client] === 0) firstDeliveries++;
  if (c[client]! < 255) c[client]!++;
  const t = sentAt.get(key);
  if (t !== undefined && client < timedClients) {
    latencies.push(performance.now() - t);
    sentAfter.push(t - runStart);
  }
}

async function connect(m: Extract<GeneratorRequest, { op: 'connect' }>) {
  const started = performance.now();
  clients = m.clients;
  await pool(
    Array.from({ length: m.clients }, (_, i) => i),
    50,
    (i) =>
      connectClient(
        m.mode,
        m.urls[(m.offset + i) % m.urls.length]!,
        m.cookies[(m.offset + i) % m.cookies.length],
        (key) => onDelivery(i, key),
        closers,
        () => dropped++,
      ),
  );
  send({ op: 'connected', ms: performance.now() - started });
}

/** Shelters handed out one write at a time: a write waits for a shelter with no write in flight (no 409 from our own overlap). */
function shelterQueue(shelters: Shelter[]) {
  const free = [...shelters];
  const waiting: ((s: Shelter) => void)[] = [];
  return {
    acquire: () =>
      new Promise<Shelter>((resolve) => (free.length ? resolve(free.shift()!) : waiting.push(resolve))),
    release(s: Shelter) {
      const next = waiting.shift();
      if (next) next(s);
      else free.push(s);
    },
  };
}

/** A write the server answered with something other than 200 and a record (the message is the status). */
class Refused extends Error {}

async function run(m: Extract<GeneratorRequest, { op: 'run' }>) {
  keyBase = m.keyBase;
  timedClients = m.timedClients;
  const wait = m.startAt - Date.now() + (m.index * 1000) / m.rate;
  if (wait > 0) await sleep(wait);
  runStart = performance.now() - (m.index * 1000) / m.rate;
  const shelters = shelterQueue(m.shelters);
  const keys: number[] = [];
  let errors = 0;
  const errorsBy = new Map<string, number>();
  let late = 0;
  await atRate(m.rate / m.generators, m.seconds * 1000 - (m.index * 1000) / m.rate, async (i) => {
    const global = m.index + i * m.generators;
    const key = m.keyBase + global;
    const url = m.urls[global % m.urls.length]!;
    try {
      if (m.mode === 'app') {
        const s = await shelters.acquire();
        // A write that waited this long for a free shelter is dropped, so a server that cannot keep
        // up shows as late writes instead of a backlog that outlives the segment.
        if (performance.now() - (runStart + (global * 1000) / m.rate) > LATE_MS) {
          shelters.release(s);
          late++;
          return;
        }
        sentAt.set(key, performance.now());
        try {
          const { status, body } = await httpJson<{ data?: Shelter }>(`${url}/api/shelters/${s.id}`, {
            method: 'PATCH',
            headers: { cookie: m.writerCookie },
            body: { version: s.version, occupancy: key },
          });
          if (status !== 200 || !body.data) throw new Refused(String(status));
          s.version = body.data.version;
        } finally {
          shelters.release(s);
        }
      } else {
        sentAt.set(key, performance.now());
        const t = m.template as { data?: object };
        await httpJson(`${url}/send`, {
          method: 'POST',
          body: { ...t, data: { ...(t.data ?? {}), occupancy: key } },
          text: true,
        });
      }
      keys.push(key);
    } catch (err) {
      errors++;
      const why = err instanceof Refused ? err.message : 'network';
      errorsBy.set(why, (errorsBy.get(why) ?? 0) + 1);
      sentAt.delete(key);
    }
  });
  send({ op: 'sent', keys, errors, errorsBy: [...errorsBy], late });
}

async function drain(m: Extract<GeneratorRequest, { op: 'drain' }>) {
  const expected = m.keys.length * clients;
  // First deliveries of the keys asked about only: a delivery of any other change of the segment
  // would make up the count and end the wait while a listed change is still on its way to some
  // clients (seen once: 2,500 deliveries of one change counted lost).
  const arrived = () => {
    let n = 0;
    for (const k of m.keys) for (const c of counts.get(k) ?? []) if (c) n++;
    return n;
  };
  // Wait while deliveries still arrive: a delivery is lost only when nothing has arrived for timeoutMs.
  let seen = firstDeliveries;
  let progressAt = performance.now();
  let got = arrived();
  while (got < expected && performance.now() - progressAt < m.timeoutMs) {
    await sleep(50);
    if (firstDeliveries !== seen) [seen, progressAt] = [firstDeliveries, performance.now()];
    got = arrived();
  }
  let distinct = 0;
  let total = 0;
  const short: [number, number][] = [];
  for (const k of m.keys) {
    const c = counts.get(k);
    let have = 0;
    for (const n of c ?? []) {
      if (n) have++;
      total += n;
    }
    distinct += have;
    if (have < clients) short.push([k, clients - have]);
  }
  send({
    op: 'result',
    latencies: Float64Array.from(latencies),
    sentAfter: Float64Array.from(sentAfter),
    distinct,
    total,
    expected,
    dropped,
    short,
    gaveUpAfterMs: got < expected ? Math.round(performance.now() - progressAt) : 0,
  });
}

process.on('message', (m: GeneratorRequest) => {
  const done = (p: Promise<void>) => p.catch((e: unknown) => send({ op: 'error', message: String(e) }));
  if (m.op === 'connect') void done(connect(m));
  else if (m.op === 'run') void done(run(m));
  else if (m.op === 'drain') void done(drain(m));
  else {
    closers.forEach((close) => close());
    closers = [];
    counts.clear();
    sentAt.clear();
    latencies.length = 0;
    sentAfter.length = 0;
    firstDeliveries = 0;
    dropped = 0;
    keyBase = 0;
    send({ op: 'closed' });
  }
});
// Stopped with SIGTERM when profiled (BENCH_CPU_PROF, bench/child.ts): exiting writes the profile.
process.on('SIGTERM', () => process.exit(0));
send({ op: 'ready' });
