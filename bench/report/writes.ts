import { dbPool, type BenchCluster } from '../cluster.js';
import { apiWriteRate, rawInsertRate, sampleEventRow } from '../writes.js';
import type { appShelters } from '../fanout.js';
import { fmt, median, table } from '../lib.js';
import { load, loadLine, metAll, say, type BenchParams } from './say.js';

type Shelters = Awaited<ReturnType<typeof appShelters>>;

/** Durable write rate: the API against a raw INSERT of the same event row, interleaved. */
export async function writesReport(cluster: BenchCluster, shelters: Shelters, P: BenchParams): Promise<void> {
  const db = dbPool(cluster.databaseUrl);
  try {
    const writeLoad = load();
    const row = await sampleEventRow(db);
    const api: number[] = [];
    const raw: number[] = [];
    let errors = 0;
    for (let round = 0; round < P.rounds; round++) {
      const x = await apiWriteRate(cluster, shelters, { lanes: P.writeLanes, seconds: P.writeSeconds });
      api.push(x.perSecond);
      errors += x.errors;
      raw.push((await rawInsertRate(db, row, { lanes: P.writeLanes, seconds: P.writeSeconds })).perSecond);
      console.error(`  writes round ${round + 1}: api ${fmt(api[round]!)} /s, raw ${fmt(raw[round]!)} /s`);
    }
    const r = median(api.map((v, i) => v / raw[i]!));
    say(`## Durable write rate`);
    say();
    say(
      `${P.writeLanes} concurrent writers for ${P.writeSeconds} s per segment, interleaved API, raw, API, raw. API: PATCH /api/shelters/:id with an Idempotency-Key ` +
        `(one transaction: idempotency row, row lock and update, event counter, event row, stored reply; then publish). Raw: one autocommitted INSERT of the same event row ` +
        `into a copy of the events table in the same database, through a 10-connection pool like the app's.`,
    );
    say();
    say(
      table(
        ['', 'writes/s (per round)', 'median'],
        [
          ['API', api.map((v) => fmt(v)).join(', '), fmt(median(api))],
          ['raw INSERT', raw.map((v) => fmt(v)).join(', '), fmt(median(raw))],
        ],
      ),
    );
    say();
    const pooledWrites = api.reduce((x, y) => x + y, 0) / raw.reduce((x, y) => x + y, 0);
    say(
      `Ratio API/raw: **${fmt(r, 2)}** per round (median), ${fmt(pooledWrites, 2)} pooled (target >= 0.5 in both: ${metAll((x) => x >= 0.5, r, pooledWrites)}). API errors: ${errors}.`,
    );
    say(loadLine(writeLoad));
    say();
  } finally {
    await db.end();
  }
}
