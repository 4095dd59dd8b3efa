import type { BenchCluster } from './cluster.js';
import type { GeneratorReply, GeneratorRequest } from './generator.js';
import { memoryOf, type appShelters, type FanoutMode, type FanoutResult } from './fanout.js';
import { sleep, type Node } from './lib.js';
import { startChild } from './child.js';

type Shelters = Awaited<ReturnType<typeof appShelters>>;

const startGenerator = () =>
  startChild<GeneratorRequest, GeneratorReply>('bench/generator.ts', 'load generator');

/** Clients one generator process holds at most (one process does not hold 5,000 sockets well on 2 cores). */
export const CLIENTS_PER_GENERATOR = 1250;

/** A pool of load-generator processes, started once and reused by every segment. */
export interface Generators {
  size: number;
  segment(c: BenchCluster, mode: FanoutMode, opts: SegmentOptions): Promise<GeneratorSegment>;
  stop(): Promise<void>;
}

export interface SegmentOptions {
  clients: number;
  /** Changes per second over all generators. */
  rate: number;
  seconds: number;
  shelters: Shelters;
  template: unknown;
  /** Time the deliveries to at most this many clients per generator (default: all). */
  timedClients?: number;
  /** Called every `sampleEveryMs` while the changes are being sent (the soak's memory samples). */
  sample?: (msSinceStart: number) => Promise<void>;
  sampleEveryMs?: number;
}

/** A segment's readings: a fan-out result plus, per timed delivery, when its change was sent. */
export interface GeneratorSegment extends FanoutResult {
  sentAfter: number[];
  connectMs: number;
  /** Server CPU (user + system, all the mode's nodes) while the changes were sent and delivered, µs. */
  cpuMicros: number;
  /** Wall time of that phase, ms. */
  sendMs: number;
  /** Clients the server disconnected during the segment (their later changes count as lost). */
  dropped: number;
  /** Writes the generators dropped because no shelter was free within 5 s of their due time. */
  late: number;
  /** The refused writes (sendErrors) by HTTP status, or `network` when no answer came. */
  errorsBy: Record<string, number>;
}

export const nodesOf = (c: BenchCluster, mode: FanoutMode): Node[] =>
  mode === 'ws' ? [c.ws] : mode === 'sio' ? c.sio : c.app;

export async function startGenerators(size: number): Promise<Generators> {
  const gens = await Promise.all(Array.from({ length: size }, startGenerator));
  const all = <Op extends GeneratorReply['op']>(m: (g: number) => GeneratorRequest, op: Op) =>
    Promise.all(gens.map((g, i) => g.ask(m(i), op)));
  return {
    size,
    async segment(c, mode, opts) {
      const nodes = nodesOf(c, mode);
      const urls = nodes.map((n) => n.url);
      const share = (i: number) => Math.floor(opts.clients / size) + (i < opts.clients % size ? 1 : 0);
      const offsets = gens.map((_, i) => gens.slice(0, i).reduce((a, __, j) => a + share(j), 0));
      const cookies = mode === 'app' ? ['ops', 'viewer', 'gbv'].map((u) => c.cookies[u]!) : [];

      const before = await memoryOf(nodes);
      const t0 = performance.now();
      await all(
        (i) => ({ op: 'connect', mode, urls, cookies, clients: share(i), offset: offsets[i]! }),
        'connected',
      );
      const connectMs = performance.now() - t0;
      await sleep(500);
      const after = await memoryOf(nodes);

      const sendStart = performance.now();
      const keyBase = 10_000 + Math.floor(Math.random() * 50_000);
      const startAt = Date.now() + 1000;
      // Samples on the shared schedule: at the start, every sampleEveryMs, and at the end.
      const sampler = (async () => {
        if (!opts.sample) return;
        const every = opts.sampleEveryMs ?? 10_000;
        for (let at = 0; at <= opts.seconds * 1000; at += every) {
          const wait = startAt + at - Date.now();
          if (wait > 0) await sleep(wait);
          await opts.sample(Date.now() - startAt);
        }
      })();
      const sent = await all(
        (i) => ({
          op: 'run',
          mode,
          urls,
          writerCookie: c.cookies.ops!,
          rate: opts.rate,
          seconds: opts.seconds,
          startAt,
          generators: size,
          index: i,
          keyBase,
          shelters: opts.shelters
            .filter((_, k) => k % size === i)
            .map((s) => ({ id: s.id, version: s.version })),
          template: opts.template,
          timedClients: opts.timedClients ?? Infinity,
        }),
        'sent',
      );
      await sampler;
      const keys = sent.flatMap((s) => s.keys);
      const results = await all(() => ({ op: 'drain', keys, timeoutMs: 10_000 }), 'result');
      const done = await memoryOf(nodes);
      const sendMs = performance.now() - sendStart;
      await all(() => ({ op: 'close' }), 'closed');
      // The next segment's writes start from the versions the generators reached.
      if (mode === 'app') {
        const res = await fetch(`${c.app[0].url}/api/shelters`, { headers: { cookie: c.cookies.ops! } });
        const now = ((await res.json()) as { data: Shelters }).data;
        for (const s of opts.shelters) s.version = now.find((x) => x.id === s.id)?.version ?? s.version;
      }
      const distinct = results.reduce((a, r) => a + r.distinct, 0);
      const total = results.reduce((a, r) => a + r.total, 0);
      // Where losses sit: a few changes missing on many clients (an event not emitted, or a drain
      // that stopped while they were still on their way) or scattered deliveries (clients).
      const short = new Map<number, number>();
      for (const r of results) for (const [k, n] of r.short) short.set(k, (short.get(k) ?? 0) + n);
      if (short.size)
        console.error(
          `  ${mode}: ${short.size} of ${keys.length} changes short: ` +
            [...short]
              .sort((a, b) => b[1] - a[1])
              .slice(0, 8)
              .map(([k, n]) => `change ${k - keyBase + 1} of ${keys.length} missing on ${n} clients`)
              .join(', ') +
            `; drains gave up ${results.map((r) => r.gaveUpAfterMs).join('/')} ms after their last delivery`,
        );
      return {
        mode,
        clients: opts.clients,
        sent: keys.length,
        delivered: total,
        latencies: results.flatMap((r) => Array.from(r.latencies)),
        sentAfter: results.flatMap((r) => Array.from(r.sentAfter)),
        lost: keys.length * opts.clients - distinct,
        duplicated: total - distinct,
        heapPerClient: (after.heapUsed - before.heapUsed) / opts.clients,
        rssPerClient: (after.rss - before.rss) / opts.clients,
        sendErrors: sent.reduce((a, s) => a + s.errors, 0),
        errorsBy: sent
          .flatMap((s) => s.errorsBy)
          .reduce<Record<string, number>>((a, [why, n]) => ({ ...a, [why]: (a[why] ?? 0) + n }), {}),
        late: sent.reduce((a, s) => a + s.late, 0),
        dropped: results.reduce((a, r) => a + r.dropped, 0),
        cpuMicros: done.cpuMicros - after.cpuMicros,
        sendMs,
        connectMs,
      };
    },
    async stop() {
      await Promise.all(gens.map((g) => g.stop()));
    },
  };
}

/** How many generator processes `clients` need (at least one, at most CLIENTS_PER_GENERATOR each). */
export const generatorsFor = (clients: number) => Math.max(1, Math.ceil(clients / CLIENTS_PER_GENERATOR));
