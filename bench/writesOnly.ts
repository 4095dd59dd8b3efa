import os from 'node:os';
import { parseArgs } from 'node:util';
import { startBenchCluster, dbPool } from './cluster.js';
import { appShelters } from './fanout.js';
import { apiWriteRate, rawInsertRate, sampleEventRow } from './writes.js';
import { fmt, loadLine, median, summary } from './lib.js';

/**
 * `node --import tsx bench/writesOnly.ts [--seconds S] [--rounds R]`: only the durable-write segment, at
 * 1 and 8 writers, interleaved API, raw; prints writes/s, the API/raw ratio, p50 latency and the load.
 * Leaves docs/BENCHMARKS.md alone.
 */
const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '2' } },
});
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);
const loadBefore = os.loadavg();
const cluster = await startBenchCluster();
const db = dbPool(cluster.databaseUrl);
try {
  const shelters = await appShelters(cluster);
  // Warm both nodes and leave an event row for the raw baseline.
  await apiWriteRate(cluster, shelters, { lanes: 2, seconds: 1 });
  const row = await sampleEventRow(db);
  for (const lanes of [1, 8]) {
    const api: number[] = [];
    const raw: number[] = [];
    const lat: number[] = [];
    let errors = 0;
    for (let round = 0; round < rounds; round++) {
      const x = await apiWriteRate(cluster, shelters, { lanes, seconds });
      api.push(x.perSecond);
      lat.push(...x.latencies);
      errors += x.errors;
      raw.push((await rawInsertRate(db, row, { lanes, seconds })).perSecond);
    }
    const s = summary(lat);
    console.log(
      `${lanes} writer(s): API ${api.map((v) => fmt(v)).join(', ')} /s, raw ${raw.map((v) => fmt(v)).join(', ')} /s, ` +
        `ratio per round median ${fmt(median(api.map((v, i) => v / raw[i]!)), 3)}, pooled ${fmt(api.reduce((a, b) => a + b) / raw.reduce((a, b) => a + b), 3)}, ` +
        `API latency p50 ${fmt(s.p50, 2)} ms p99 ${fmt(s.p99, 2)} ms, errors ${errors}`,
    );
  }
} finally {
  await db.end();
  await cluster.stop();
}
console.log(loadLine(loadBefore));
process.exit(0);
