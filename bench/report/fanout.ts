import { fanoutSegment, type appShelters, type FanoutMode, type FanoutResult } from '../fanout.js';
import type { BenchCluster } from '../cluster.js';
import { fmt, median, summary, table } from '../lib.js';
import { KB, load, loadLine, met, metAll, say, type BenchParams } from './say.js';

type Shelters = Awaited<ReturnType<typeof appShelters>>;

/** One row of the ratio table: per-round median and pooled ratio, both held to `<= limit`. */
const ratioRow = (label: string, perRound: number, pooled: number, limit: string) => [
  label,
  fmt(perRound, 2),
  fmt(pooled, 2),
  `<= ${limit}`,
  metAll((x) => x <= Number(limit), perRound, pooled),
];

/** The rounds of one mode merged: pooled latencies and counts, per-round p50/p99 for the per-round ratios. */
function merged(rs: readonly FanoutResult[]) {
  return {
    s: summary(rs.flatMap((r) => r.latencies)),
    delivered: rs.reduce((a, r) => a + r.delivered, 0),
    lost: rs.reduce((a, r) => a + r.lost, 0),
    dup: rs.reduce((a, r) => a + r.duplicated, 0),
    sent: rs.reduce((a, r) => a + r.sent, 0),
    errors: rs.reduce((a, r) => a + r.sendErrors, 0),
    heap: median(rs.map((r) => r.heapPerClient)),
    rss: median(rs.map((r) => r.rssPerClient)),
    // Ratios are per round (each mode next to its baseline), then the median over rounds.
    p50s: rs.map((r) => summary(r.latencies).p50),
    p99s: rs.map((r) => summary(r.latencies).p99),
  };
}
type Merged = ReturnType<typeof merged>;

const label = {
  ws: '(a) raw ws, 1 node',
  sio: '(b) Socket.IO + Redis adapter, 2 nodes',
  app: '(c) this app, 2 nodes (HTTP PATCH, PostgreSQL, Redis, projection)',
};

/** Print each mode's round summary to stderr as it is measured. */
export const progress = (name: string, round: number, r: FanoutResult) => {
  const s = summary(r.latencies);
  console.error(
    `  ${name} ${r.mode} round ${round + 1}: p50 ${fmt(s.p50)} p99 ${fmt(s.p99)} ms, lost ${r.lost}, dup ${r.duplicated}`,
  );
};

/**
 * The latency table (pooled over rounds), the ratio table (per-round median and pooled, both held
 * to the target) and the memory-per-client table, for raw ws, bare Socket.IO and this app.
 */
export function fanoutTables(
  results: Record<FanoutMode, FanoutResult[]>,
  before: number,
  memoryHeading: string,
): void {
  const [a, b, c] = (['ws', 'sio', 'app'] as const).map((m) => merged(results[m])) as [
    Merged,
    Merged,
    Merged,
  ];
  say(
    table(
      [
        'mode',
        'sent',
        'deliveries',
        'timed',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'lost',
        'duplicated',
        'send errors',
      ],
      (['ws', 'sio', 'app'] as const).map((m, i) => {
        const x = [a, b, c][i]!;
        return [
          label[m],
          x.sent,
          x.delivered,
          x.s.n,
          fmt(x.s.p50),
          fmt(x.s.p95),
          fmt(x.s.p99),
          fmt(x.s.max),
          x.lost,
          x.dup,
          x.errors,
        ];
      }),
    ),
  );
  say();
  const ratio = (x: number[], y: number[]) => median(x.map((v, i) => v / y[i]!));
  say(
    table(
      ['ratio', 'per round (median)', 'all rounds pooled', 'target', ''],
      [
        ratioRow('c/a p50', ratio(c.p50s, a.p50s), c.s.p50 / a.s.p50, '1.5'),
        ratioRow('c/a p99', ratio(c.p99s, a.p99s), c.s.p99 / a.s.p99, '2.0'),
        ratioRow('c/b p50', ratio(c.p50s, b.p50s), c.s.p50 / b.s.p50, '1.15'),
        ratioRow('c/b p99', ratio(c.p99s, b.p99s), c.s.p99 / b.s.p99, '1.15'),
        ['lost (c)', String(c.lost), '', '0', met(c.lost === 0)],
        ['duplicated (c)', String(c.dup), '', '0', met(c.dup === 0)],
        // The ratios compare like with like only when the app carried the same load as the baselines.
        ['changes sent c/a', fmt(c.sent / a.sent, 2), '', '>= 0.95', met(c.sent >= 0.95 * a.sent)],
      ],
    ),
  );
  say();
  say('A ratio target is met only when both the per-round median and the pooled figure meet it.');
  say(loadLine(before));
  say();
  say(memoryHeading);
  say();
  say(
    `Server heap (after a full GC) and RSS before and after connecting the clients, summed over the mode's nodes, divided by the clients; median over rounds. ` +
      `Read through a bench-only preload (bench/probe.ts, IPC), not an endpoint.`,
  );
  say();
  say(
    table(
      ['mode', 'heap KB/client', 'RSS KB/client (noisy: GC returns pages)'],
      (['ws', 'sio', 'app'] as const).map((m, i) => [
        label[m],
        KB([a, b, c][i]!.heap),
        KB([a, b, c][i]!.rss),
      ]),
    ),
  );
  say();
  say(`Ratio app/bare Socket.IO: heap ${fmt(c.heap / b.heap, 2)}, RSS ${fmt(c.rss / b.rss, 2)}.`);
  say();
}

/** The bare baselines' message: a change shaped like the app's, carrying a shelter. */
export const templateFor = (shelters: Shelters) => ({
  seq: 1,
  type: 'shelter:updated',
  data: shelters[0],
  at: new Date().toISOString(),
  by: { userId: null, orgId: null },
});

/** Fan-out latency and memory per client: raw ws, bare Socket.IO and this app, interleaved a, b, c, a, b, c. */
export async function fanoutReport(cluster: BenchCluster, shelters: Shelters, P: BenchParams): Promise<void> {
  const template = templateFor(shelters);

  // --- Fan-out latency and memory per client: a, b, c, a, b, c ---
  const fanoutLoad = load();
  const results: Record<FanoutMode, FanoutResult[]> = { ws: [], sio: [], app: [] };
  for (let round = 0; round < P.rounds; round++) {
    for (const mode of ['ws', 'sio', 'app'] as const) {
      const r = await fanoutSegment(cluster, mode, {
        clients: P.clients,
        rate: P.rate,
        seconds: P.fanoutSeconds,
        template,
        shelters,
      });
      results[mode].push(r);
      progress('fan-out', round, r);
    }
  }
  say(`## Fan-out latency`);
  say();
  say(
    `${P.clients} socket clients in one load-generator process, ${P.rate} changes/s for ${P.fanoutSeconds} s per segment, modes interleaved a, b, c, a, b, c (${P.rounds} rounds). ` +
      `Latency is from just before the sender's HTTP request to each client's receipt, on the load generator's clock, keyed by a counter carried in \`occupancy\`.`,
  );
  say();
  fanoutTables(results, fanoutLoad, `## Memory per connected client`);
}
