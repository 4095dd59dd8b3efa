import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchCluster, ADMIN_DATABASE_URL, REDIS_URL } from './cluster.js';
import { appShelters } from './fanout.js';
import { apiWriteRate } from './writes.js';
import { buildClient, chunkSizes } from './clientSize.js';
import { fmt, ROOT, table } from './lib.js';
import { git, KB, met, out, say, type BenchParams } from './report/say.js';
import { fanoutReport } from './report/fanout.js';
import { writesReport } from './report/writes.js';
import { catchUpReport } from './report/catchUp.js';
import { historyReport } from './report/history.js';
import { clientReport, linkSegment, mapSection } from './report/client.js';
import { scaleReport, soakReport, type ScaleParams, type SoakParams } from './report/scale.js';

/**
 * `npm run bench [-- --quick | --full] [--clients N] [--rate R] [--no-browser] [--away S] [--only link|map|storm|history]`: every figure
 * that matters is a ratio against a baseline measured in this run, interleaved A, B, A, B.
 * `--scale` (5,000 clients) and `--soak S` (2,000 clients, 50 writes/s for S seconds) run alone
 * (printed, docs/BENCHMARKS.md left alone; `--clients` and `--rate` override their sizes);
 * `--full` runs both too (the soak for 600 s unless `--soak S` says otherwise) and writes them.
 */
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    clients: { type: 'string' },
    rate: { type: 'string' },
    /** Seconds away in the catch-up storm (30 in full mode, 5 in quick). */
    away: { type: 'string' },
    'no-browser': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    /** `link`, `map`, `storm` or `history`: only that segment (docs/BENCHMARKS.md left alone). */
    only: { type: 'string' },
    /** With --only map: these layer sets only, comma-separated (shelters, all, services, requests). */
    layers: { type: 'string' },
    /** The scale segment alone: 5,000 clients (or --clients) at 10 changes/s (or --rate). */
    scale: { type: 'boolean', default: false },
    /** The soak alone, for this many seconds: 2,000 clients (or --clients), 50 writes/s (or --rate). */
    soak: { type: 'string' },
  },
});
const full = args.full && !args.quick;
const P: BenchParams = {
  mode: full ? 'full' : 'quick',
  clients: Number(args.clients ?? (full ? 1000 : 200)),
  rate: Number(args.rate ?? 10),
  // Quick mode's segments are as short as their figures allow, to stay under two minutes with
  // room (119 s of 120 with 5 s fan-out, 4 s map and history segments, 2026-12-02).
  fanoutSeconds: full ? 20 : 3,
  rounds: 2,
  writeSeconds: full ? 10 : 3,
  writeLanes: 8,
  awaySeconds: Number(args.away ?? (full ? 30 : 5)),
  stormClients: Number(args.clients ?? (full ? 1000 : 200)),
  mapSeconds: full ? 10 : 3,
  historyReaders: 20,
  historySeconds: full ? 10 : 3,
};

const alone = !full && (args.scale || args.soak !== undefined);
const S: ScaleParams = {
  clients: Number((alone && args.clients) || 5000),
  rate: Number((alone && args.rate) || 10),
  seconds: 15,
  rounds: 2,
};
const soakSeconds = Number(args.soak ?? 600);
const K: SoakParams = {
  clients: Number((alone && args.clients) || 2000),
  rate: Number((alone && args.rate) || 50),
  seconds: soakSeconds,
  sampleEveryMs: 10_000,
  timedPerGenerator: 100,
};

const started = new Date();
say(`# Benchmarks`);
say();
say(
  `Written by \`npm run bench -- ${process.argv.slice(2).join(' ') || '--quick'}\` on ${started.toISOString()} (commit ${git('rev-parse', '--short', 'HEAD')}).`,
);
say();
say(
  `Machine: ${os.cpus()[0]?.model ?? 'unknown'} x ${os.cpus().length}, ${fmt(os.totalmem() / 2 ** 30, 1)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}. ` +
    `PostgreSQL and Redis from the README's set-up (${new URL(ADMIN_DATABASE_URL).host}, ${new URL(REDIS_URL).host}), a fresh database and Redis prefix per run. ` +
    `Load average at start: ${os
      .loadavg()
      .map((x) => fmt(x, 2))
      .join(' ')} (the machine is shared, so absolute times drift; compare the ratios).`,
);
say();
say(
  `Parameters: ${JSON.stringify(alone ? { ...(args.scale ? { scale: S } : {}), ...(args.soak ? { soak: K } : {}) } : P)}`,
);
say();

if (args.only === 'map') {
  // Only the live-map segments: shelters, every layer, then the service and the request layer each
  // beside the shelters, to tell which one costs what (docs/BENCHMARKS.md left alone).
  const sets = ['shelters', 'all', 'services', 'requests'] as const;
  const asked = args.layers?.split(',');
  const unknown = asked?.find((l) => !(sets as readonly string[]).includes(l));
  if (unknown) throw new Error(`--layers: ${unknown} is not one of ${sets.join(', ')}`);
  for (const layers of sets) if (!asked || asked.includes(layers)) await mapSection(P, layers);
  process.exit(0);
}
if (args.only === 'link') {
  const built = buildClient(true);
  const sizes = chunkSizes(built.dir);
  // The entry alone is not the 150 KB target (the list needs the shell and the validation chunk too):
  // the target's verdict is the slow-link segment's, on what the browser fetched before the list.
  say(
    `Entry chunks from index.html (up to the sign-in form), gzip level 9: ${KB(sizes.firstScreenGzip)} KB; the 150 KB first-load target is judged below on everything loaded before the list.`,
  );
  say();
  await linkSegment(built.dir, P);
  process.exit(0);
}

if (alone) {
  // Only the scale and/or soak segments, printed as they are measured (docs/BENCHMARKS.md left alone).
  const cluster = await startBenchCluster();
  try {
    const shelters = await appShelters(cluster);
    if (args.scale) await scaleReport(cluster, shelters, S);
    if (args.soak !== undefined) await soakReport(cluster, shelters, K);
  } finally {
    await cluster.stop();
  }
  say(`Finished in ${fmt((Date.now() - started.getTime()) / 1000, 0)} s.`);
  process.exit(0);
}

if (args.only === 'history') {
  // Only the history readers, as in a full run when --full (docs/BENCHMARKS.md left alone).
  const cluster = await startBenchCluster();
  try {
    // The log as a full run leaves it before this segment: thousands of updates to the same shelters,
    // so most of the replayable history compacts to placeholders.
    await apiWriteRate(cluster, await appShelters(cluster), { lanes: P.writeLanes, seconds: 20 });
    await historyReport(cluster, P);
  } finally {
    await cluster.stop();
  }
  process.exit(0);
}

if (args.only === 'storm') {
  // Only the catch-up storm, interleaved as in a full run when --full (docs/BENCHMARKS.md left alone).
  const cluster = await startBenchCluster();
  try {
    await catchUpReport(cluster, await appShelters(cluster), P, full);
  } finally {
    await cluster.stop();
  }
  process.exit(0);
}

/** How long each segment took, for the quick mode's two-minute goal. */
const took: [string, number][] = [];
const timed = async (name: string, run: () => Promise<void>) => {
  const t0 = Date.now();
  await run();
  took.push([name, (Date.now() - t0) / 1000]);
};

const clusterStarted = Date.now();
const cluster = await startBenchCluster();
took.push(['start two app nodes', (Date.now() - clusterStarted) / 1000]);
try {
  const shelters = await appShelters(cluster);
  await timed('fan-out', () => fanoutReport(cluster, shelters, P));
  if (!args['no-write']) await timed('durable writes', () => writesReport(cluster, shelters, P));
  await timed('catch-up storm', () => catchUpReport(cluster, shelters, P, full));
  await timed('history readers', () => historyReport(cluster, P));
  if (full) {
    await timed('scale', () => scaleReport(cluster, shelters, S));
    await timed('soak', () => soakReport(cluster, shelters, K));
  }
} finally {
  await cluster.stop();
}

await timed('client (sizes, slow link, live map)', () => clientReport(P, full, !args['no-browser']));

const total = (Date.now() - started.getTime()) / 1000;
say(`## Time per segment`);
say();
say(
  table(
    ['segment', 's'],
    took.map(([name, s]) => [name, fmt(s, 1)]),
  ),
);
say();
say(
  full
    ? `Total ${fmt(total, 0)} s.`
    : `Total ${fmt(total, 0)} s (quick mode target < 120 s${args['no-browser'] ? ', without the browser segments' : ''}: ${met(total < 120)}).`,
);
say();

say(`## How to run`);
say();
say('```');
say('npm run bench              # quick mode (about a minute or two): 200 clients, short segments');
say(
  'npm run bench -- --full    # 1,000 clients, 20 s fan-out segments, 30 s away, scale at 5,000 clients, a 600 s soak; writes this file (about 20 minutes)',
);
say(
  'npm run bench -- --scale   # only the scale segment (5,000 clients over several generator processes); --clients N for fewer',
);
say(
  'npm run bench -- --soak 600  # only the soak: 2,000 clients, 50 writes/s for 600 s; --clients and --rate override',
);
say('npm run bench -- --clients 500 --rate 20 --no-browser');
say('```');
say();
say(
  `Needs PostgreSQL and Redis as in the README (DATABASE_URL and REDIS_URL override the local defaults) and, for the map figures, Chromium at /usr/bin/chromium. ` +
    `Finished in ${fmt((Date.now() - started.getTime()) / 1000, 0)} s.`,
);

const docs = path.join(ROOT, 'docs', 'BENCHMARKS.md');
fs.mkdirSync(path.dirname(docs), { recursive: true });
const notes = fs.existsSync(docs)
  ? /<!-- notes -->[\s\S]*$/.exec(fs.readFileSync(docs, 'utf8'))?.[0]
  : undefined;
fs.writeFileSync(
  docs,
  out.join('\n') + '\n\n' + (notes ?? '<!-- notes -->\n') + (notes?.endsWith('\n') ? '' : '\n'),
);
console.log(`\nwrote ${path.relative(ROOT, docs)}`);
process.exit(0);
