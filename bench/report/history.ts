import type { BenchCluster } from '../cluster.js';
import { historyReadTrial } from '../history.js';
import { fmt, summary, table } from '../lib.js';
import { LIMITS } from '../../shared/limits.js';
import { load, loadLine, met, say, type BenchParams } from './say.js';

/** Server responsiveness while sockets read the whole history: idle, busy, idle, busy. */
export async function historyReport(cluster: BenchCluster, P: BenchParams): Promise<void> {
  const historyLoad = load();
  const idleRounds: number[][] = [];
  const busyRounds: number[][] = [];
  let historyEvents = 0;
  let historyPages = 0;
  for (let round = 0; round < P.rounds; round++) {
    idleRounds.push((await historyReadTrial(cluster, { readers: 0, seconds: P.historySeconds })).health);
    const busy = await historyReadTrial(cluster, { readers: P.historyReaders, seconds: P.historySeconds });
    busyRounds.push(busy.health);
    historyEvents += busy.events;
    historyPages += busy.pages;
    console.error(
      `  history round ${round + 1}: /healthz p99 idle ${fmt(summary(idleRounds.at(-1)!).p99)} ms, busy ${fmt(summary(busy.health).p99)} ms (${busy.pages} pages)`,
    );
  }
  const idle = summary(idleRounds.flat());
  const busyAll = summary(busyRounds.flat());
  const perRound = busyRounds.map((r) => summary(r).p99);
  // A verdict counts only when every reading meets it: each round and the pooled figure.
  const historyMet = busyAll.p99 <= 50 && perRound.every((p) => p <= 50);
  say(`## Responsiveness while sockets read the whole history`);
  say();
  say(
    `${P.historyReaders} sockets on node A (three roles) read the last ${LIMITS.syncReplayMax} events again and again, a \`sync\` page (${LIMITS.syncPageMax} events) at a time, ` +
      `while \`GET /healthz\` on A is probed every 20 ms for ${P.historySeconds} s from a worker thread of its own (in the readers' event loop it timed their parsing of 5,000-placeholder pages, not the server). Baseline: the same probe with no readers. Interleaved idle, busy (${P.rounds} rounds). ` +
      `Pages read: ${historyPages} (${historyEvents} events).`,
  );
  say();
  say(
    table(
      ['', 'probes', 'p50 ms', 'p99 ms', 'max ms'],
      [
        ['idle', idle.n, fmt(idle.p50), fmt(idle.p99), fmt(idle.max)],
        [
          `${P.historyReaders} history readers`,
          busyAll.n,
          fmt(busyAll.p50),
          fmt(busyAll.p99),
          fmt(busyAll.max),
        ],
      ],
    ),
  );
  say();
  say(
    `/healthz p99 while reading: pooled ${fmt(busyAll.p99)} ms, per round ${perRound.map((p) => fmt(p)).join(', ')} ms (target <= 50 ms in every reading: ${met(historyMet)}).`,
  );
  say(loadLine(historyLoad));
  say();
}
