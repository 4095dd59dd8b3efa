import { LIMITS } from '../../shared/limits.js';
import type { BenchCluster } from '../cluster.js';
import type { appShelters, FanoutMode } from '../fanout.js';
import { fmt, median, summary, table } from '../lib.js';
import { generatorsFor, startGenerators, type GeneratorSegment } from '../scale.js';
import { flat, lastHalf, p99Drift, slopePerMinute, type Point } from '../stats.js';
import { fanoutTables, progress, templateFor } from './fanout.js';
import { KB, load, loadLine, met, metAll, say } from './say.js';

/** The refused writes by what came back, e.g. ` (503: 28)`; nothing when none were refused. */
const refusedBy = (by: Record<string, number>): string => {
  const parts = Object.entries(by).map(([why, n]) => `${why}: ${n}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
};

type Shelters = Awaited<ReturnType<typeof appShelters>>;

export interface ScaleParams {
  clients: number;
  rate: number;
  seconds: number;
  rounds: number;
}

/**
 * Scale: the fan-out comparison (raw ws, bare Socket.IO + Redis, this app; interleaved) at
 * thousands of clients, held by several load-generator processes.
 */
export async function scaleReport(cluster: BenchCluster, shelters: Shelters, P: ScaleParams): Promise<void> {
  const before = load();
  const G = generatorsFor(P.clients);
  const gens = await startGenerators(G);
  const results: Record<FanoutMode, GeneratorSegment[]> = { ws: [], sio: [], app: [] };
  const connectMs: number[] = [];
  let late = 0;
  let dropped = 0;
  try {
    for (let round = 0; round < P.rounds; round++) {
      for (const mode of ['ws', 'sio', 'app'] as const) {
        const r = await gens.segment(cluster, mode, {
          clients: P.clients,
          rate: P.rate,
          seconds: P.seconds,
          shelters,
          template: templateFor(shelters),
        });
        results[mode].push(r);
        if (mode === 'app') {
          connectMs.push(r.connectMs);
          late += r.late;
          dropped += r.dropped;
        }
        progress('scale', round, r);
      }
    }
  } finally {
    await gens.stop();
  }
  say(`## Scale: ${P.clients} clients`);
  say();
  say(
    `${P.clients} socket clients held by ${G} load-generator processes (at most ${Math.ceil(P.clients / G)} each), ${P.rate} changes/s for ${P.seconds} s per segment, modes interleaved a, b, c (${P.rounds} rounds); the app's and bare Socket.IO's clients are split over two processes. ` +
      `Each generator sends its share of the changes (phases staggered so that together they keep an even ${P.rate}/s) and times only the deliveries of its own changes to its own clients, on its own clock ("timed"); every delivery to every client is counted for lost (not received once no delivery had arrived at that generator for 10 s) and duplicated. ` +
      `Connecting the app's clients took ${connectMs.map((ms) => fmt(ms / 1000, 1)).join(', ')} s per round; ` +
      `app writes dropped as late (not started within 5 s of their due time): ${late}; app clients disconnected by the server during the segments (the bench's clients do not reconnect, so their later changes count as lost): ${dropped}.`,
  );
  say();
  fanoutTables(results, before, `### Memory per connected client at ${P.clients} clients`);
  say(`### Server CPU at ${P.clients} clients`);
  say();
  say(
    `User + system CPU of the mode's server processes (process.cpuUsage over IPC) from the first change sent until every delivery landed, median over rounds; ` +
      `the app's includes the HTTP write, PostgreSQL client and projection. On a shared machine another process's load slows these, so they are upper bounds.`,
  );
  say();
  say(
    table(
      ['mode', 'cores busy', 'µs CPU per delivery', 'ms CPU per change'],
      (['ws', 'sio', 'app'] as const).map((m) => [
        m,
        fmt(median(results[m].map((r) => r.cpuMicros / 1000 / r.sendMs)), 2),
        fmt(median(results[m].map((r) => r.cpuMicros / r.delivered)), 1),
        fmt(median(results[m].map((r) => r.cpuMicros / 1000 / r.sent)), 1),
      ]),
    ),
  );
  say();
}

export interface SoakParams {
  clients: number;
  rate: number;
  seconds: number;
  sampleEveryMs: number;
  /** Clients per generator whose deliveries are timed (all are counted). */
  timedPerGenerator: number;
}

/** Flat means a last-half slope at most this, per process: heap (after a full GC) and RSS, bytes/min. */
export const FLAT_HEAP_PER_MIN = 256 * 1024;
export const FLAT_RSS_PER_MIN = 1024 * 1024;
/** Steady p99 means last half / first half at most this, per window (median) and pooled. */
export const STEADY_P99_RATIO = 1.5;

/** Soak: the app's two processes under a steady write load; memory sampled, slope and p99 drift judged. */
/**
 * The shelters the soak writes to: the demo's, and as many more of its own as make `inFlight` of
 * them. A generator keeps one write in flight per shelter (no 409 from its own overlap), so the
 * demo's 25 shelters held the writes in flight at 25: at 50 writes/s every reply slower than half
 * a second made later writes wait past LATE_MS for a shelter and count as late, however many writes
 * a second the server committed (issue 12: 5,903 of 30,000). With rate x 5 s of them, a write waits
 * for a shelter only when replies take longer than that 5 s.
 */
async function soakShelters(c: BenchCluster, shelters: Shelters, inFlight: number): Promise<Shelters> {
  const more = Math.max(0, inFlight - shelters.length);
  const made: Shelters = [];
  for (let i = 0; i < more; i++) {
    const res = await fetch(`${c.app[i % 2]!.url}/api/shelters`, {
      method: 'POST',
      headers: { cookie: c.cookies.ops!, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `Soak shelter ${i + 1}`,
        kind: 'school',
        provinceCode: '22',
        communeCode: '06688',
        lat: 20.95,
        lon: 107.08,
        // The generators write their write counter as the occupancy: no over-capacity alerts.
        capacity: LIMITS.personsMax,
      }),
    });
    const body = (await res.json()) as { data?: Shelters[number] };
    if (res.status !== 201 || !body.data) throw new Error(`soak shelter: ${res.status}`);
    made.push(body.data);
  }
  return [...shelters, ...made];
}

export async function soakReport(
  cluster: BenchCluster,
  demoShelters: Shelters,
  P: SoakParams,
): Promise<void> {
  const shelters = await soakShelters(cluster, demoShelters, P.rate * 5);
  const before = load();
  const G = generatorsFor(P.clients);
  const gens = await startGenerators(G);
  const samples: { t: number; heap: number[]; rss: number[] }[] = [];
  let r;
  try {
    r = await gens.segment(cluster, 'app', {
      clients: P.clients,
      rate: P.rate,
      seconds: P.seconds,
      shelters,
      template: null,
      timedClients: P.timedPerGenerator,
      sampleEveryMs: P.sampleEveryMs,
      sample: async (t) => {
        const ms = await Promise.all(cluster.app.map((n) => n.memory()));
        samples.push({ t, heap: ms.map((m) => m.heapUsed), rss: ms.map((m) => m.rss) });
      },
    });
  } finally {
    await gens.stop();
  }
  const durationMs = P.seconds * 1000;
  const windowMs = P.seconds >= 120 ? 60_000 : 10_000;
  const latencies: Point[] = r.latencies.map((y, i) => ({ t: r.sentAfter[i]!, y }));
  const drift = p99Drift(latencies, windowMs, durationMs);
  const tail = lastHalf(samples, durationMs);
  const slopes = cluster.app.map((_, k) => ({
    heap: slopePerMinute(tail.map((s) => ({ t: s.t, y: s.heap[k]! }))),
    rss: slopePerMinute(tail.map((s) => ({ t: s.t, y: s.rss[k]! }))),
  }));
  const unit = windowMs === 60_000 ? 'minute' : '10 s';

  say(`## Soak: ${P.clients} clients, ${P.rate} writes/s for ${P.seconds} s`);
  say();
  say(
    `${P.clients} socket clients (three roles) over the app's two processes, held by ${G} load-generator processes; ${P.rate} PATCH writes/s for ${P.seconds} s, spread over both processes, ` +
      `to ${shelters.length} shelters (the demo's ${demoShelters.length} and ${shelters.length - demoShelters.length} listed for the soak, so that ${P.rate} writes/s x 5 s can be in flight at one write per shelter). ` +
      `Heap (after a full GC) and RSS of each app process read every ${P.sampleEveryMs / 1000} s over IPC (bench/probe.ts); the slope is a least-squares fit over the last half of the run, ` +
      `flat when at most ${KB(FLAT_HEAP_PER_MIN)} KB/min heap and ${KB(FLAT_RSS_PER_MIN)} KB/min RSS in every process (a 256 KB/min leak is 15 MB an hour, visible within a storm's first day). ` +
      `Latency is timed for ${P.timedPerGenerator} clients per generator (from its own send clock); every delivery to every client is counted. ` +
      `p99 is steady when the last half's over the first half's is at most ${STEADY_P99_RATIO}, both as the median of the per-${unit} p99s and pooled.`,
  );
  say();
  say(
    table(
      [
        unit === 'minute' ? 'minute' : 'window (s)',
        'timed deliveries',
        'p99 ms',
        ...cluster.app.flatMap((_, k) => [`heap MB p${k + 1}`, `RSS MB p${k + 1}`]),
      ],
      drift.windows.map((w) => {
        const end = samples.filter((s) => s.t <= w.t + windowMs).at(-1);
        const n = latencies.filter((l) => l.t >= w.t && l.t < w.t + windowMs).length;
        return [
          unit === 'minute' ? String(w.t / 60_000 + 1) : String(w.t / 1000),
          n,
          fmt(w.y),
          ...cluster.app.flatMap((_, k) => [
            fmt((end?.heap[k] ?? NaN) / 2 ** 20),
            fmt((end?.rss[k] ?? NaN) / 2 ** 20),
          ]),
        ];
      }),
    ),
  );
  say();
  const all = summary(r.latencies);
  say(
    table(
      ['process', 'heap slope KB/min', 'RSS slope KB/min', 'samples in last half', ''],
      slopes.map((s, k) => [
        `app ${k + 1}`,
        KB(s.heap),
        KB(s.rss),
        tail.length,
        met(flat([s.heap], FLAT_HEAP_PER_MIN) && flat([s.rss], FLAT_RSS_PER_MIN)),
      ]),
    ),
  );
  say();
  say(
    table(
      ['reading', 'value', 'target', ''],
      [
        [
          'memory flat (every process, heap and RSS)',
          '',
          `<= ${KB(FLAT_HEAP_PER_MIN)} / ${KB(FLAT_RSS_PER_MIN)} KB/min`,
          met(
            flat(
              slopes.map((s) => s.heap),
              FLAT_HEAP_PER_MIN,
            ) &&
              flat(
                slopes.map((s) => s.rss),
                FLAT_RSS_PER_MIN,
              ),
          ),
        ],
        ['p99 last/first half, per window (median)', fmt(drift.perWindow, 2), `<= ${STEADY_P99_RATIO}`, ''],
        [
          'p99 last/first half, pooled',
          fmt(drift.pooled, 2),
          `<= ${STEADY_P99_RATIO}`,
          metAll((x) => x <= STEADY_P99_RATIO, drift.perWindow, drift.pooled),
        ],
        ['lost', String(r.lost), '0', met(r.lost === 0)],
        [
          'clients disconnected by the server (a bench client does not reconnect)',
          String(r.dropped),
          '0',
          met(r.dropped === 0),
        ],
        ['duplicated', String(r.duplicated), '0', met(r.duplicated === 0)],
        [
          'writes committed / refused / late (dropped: not started within 5 s of due)',
          `${r.sent} / ${r.sendErrors}${refusedBy(r.errorsBy)} / ${r.late}`,
          `${P.rate * P.seconds} / 0 / 0`,
          met(r.sendErrors === 0 && r.late === 0),
        ],
      ],
    ),
  );
  say();
  say(
    `Whole run: ${all.n} timed deliveries of ${r.delivered}, p50 ${fmt(all.p50)} ms, p99 ${fmt(all.p99)} ms, max ${fmt(all.max)} ms. The memory reads force a full GC in each process every ${P.sampleEveryMs / 1000} s, which the latencies include.`,
  );
  say(loadLine(before));
  say();
}
