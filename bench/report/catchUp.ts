import type { BenchCluster } from '../cluster.js';
import { catchUpTrial, STORM_PROCESSES } from '../catchup.js';
import type { appShelters } from '../fanout.js';
import { fmt, summary, table } from '../lib.js';
import { load, loadLine, metAll, say, type BenchParams } from './say.js';

type Shelters = Awaited<ReturnType<typeof appShelters>>;

/** Catch-up storm: plain reconnects against reconnects after time away, interleaved. */
export async function catchUpReport(
  cluster: BenchCluster,
  shelters: Shelters,
  P: BenchParams,
  full: boolean,
): Promise<void> {
  const stormLoad = load();
  const plain: number[] = [];
  const storm: number[] = [];
  const rounds: { plain: number; storm: number }[] = [];
  let missed = 0;
  let notCurrent = 0;
  const trial = (storm: boolean) =>
    catchUpTrial(cluster, shelters, {
      clients: P.stormClients,
      awaySeconds: P.awaySeconds,
      rate: P.rate,
      storm,
    });
  for (let round = 0; round < (full ? 2 : 1); round++) {
    const p = await trial(false);
    plain.push(...p.times);
    notCurrent += p.notCurrent;
    const s = await trial(true);
    storm.push(...s.times);
    missed = s.missed;
    notCurrent += s.notCurrent;
    rounds.push({ plain: summary(p.times).p95, storm: summary(s.times).p95 });
    console.error(
      `  catch-up round ${round + 1}: plain p95 ${fmt(summary(p.times).p95)} ms, storm p95 ${fmt(summary(s.times).p95)} ms (missed ${s.missed})`,
    );
  }
  const ps = summary(plain);
  const ss = summary(storm);
  const stormLoadLine = loadLine(stormLoad);
  say(`## Catch-up storm`);
  say();
  say(
    `${P.stormClients} clients (three roles, split over both nodes, held by ${STORM_PROCESSES} client processes so that no one event loop parses every reply) go away for ${P.awaySeconds} s while changes continue at ${P.rate}/s (${missed} events missed), ` +
      `then all reconnect at once and \`sync\`; changes keep coming. Time from the reconnect until each client has applied everything up to the head at that moment. ` +
      `Baseline: the same reconnect with nothing missed. Interleaved plain, storm${full ? ', plain, storm' : ''}.`,
  );
  say();
  say(
    table(
      ['', 'clients current', 'p50 ms', 'p95 ms', 'max ms'],
      [
        ['plain reconnect', ps.n, fmt(ps.p50), fmt(ps.p95), fmt(ps.max)],
        [`after ${P.awaySeconds} s away`, ss.n, fmt(ss.p50), fmt(ss.p95), fmt(ss.max)],
      ],
    ),
  );
  say();
  // Honest verdicts: met only when the pooled figure and every round's meet the target.
  const ratios = rounds.map((r) => r.storm / r.plain);
  const perRound = rounds.map((r, i) => `${fmt(r.storm)} ms / ${fmt(ratios[i]!, 2)}`).join(', ');
  say(
    `Storm p95 ${fmt(ss.p95)} ms (target <= 1000 ms at 1,000 clients: ${P.stormClients >= 1000 ? metAll((x) => x <= 1000, ss.p95, ...rounds.map((r) => r.storm)) : `not measured at 1,000 in this mode (${P.stormClients} clients)`}); ` +
      `ratio to a plain reconnect p95: ${fmt(ss.p95 / ps.p95, 2)} (target <= 1.3: ${metAll((x) => x <= 1.3, ss.p95 / ps.p95, ...ratios)}); ` +
      `per round (storm p95 / ratio): ${perRound}. Clients not current within 30 s: ${notCurrent}.`,
  );
  say(stormLoadLine);
  say();
}
