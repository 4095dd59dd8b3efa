import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startBenchCluster, dbPool, ADMIN_DATABASE_URL, REDIS_URL } from './cluster.js';
import { appShelters, fanoutSegment, type FanoutMode, type FanoutResult } from './fanout.js';
import { apiWriteRate, rawInsertRate, sampleEventRow } from './writes.js';
import { catchUpTrial } from './catchup.js';
import { historyReadTrial } from './history.js';
import { buildClient, chunkSizes } from './clientSize.js';
import { mapBench, type MapResult } from './map.js';
import { slowLinkBench } from './slowLink.js';
import { fmt, median, ROOT, summary, table } from './lib.js';
import { LIMITS } from '../shared/limits.js';

/**
 * `npm run bench [-- --quick | --full] [--clients N] [--rate R] [--no-browser] [--only link]`: every figure
 * that matters is a ratio against a baseline measured in this run, interleaved A, B, A, B.
 */
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    clients: { type: 'string' },
    rate: { type: 'string' },
    'no-browser': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    /** `link` or `map`: only that browser segment (no cluster, docs/BENCHMARKS.md left alone). */
    only: { type: 'string' },
  },
});
const full = args.full && !args.quick;
const P = {
  mode: full ? 'full' : 'quick',
  clients: Number(args.clients ?? (full ? 1000 : 200)),
  rate: Number(args.rate ?? 10),
  fanoutSeconds: full ? 20 : 5,
  rounds: 2,
  writeSeconds: full ? 10 : 3,
  writeLanes: 8,
  awaySeconds: full ? 30 : 5,
  stormClients: Number(args.clients ?? (full ? 1000 : 200)),
  mapSeconds: full ? 10 : 4,
  historyReaders: 20,
  historySeconds: full ? 10 : 4,
};
const out: string[] = [];
const say = (s = '') => {
  console.log(s);
  out.push(s);
};
const KB = (b: number) => fmt(b / 1024, 1);
const CORES = os.cpus().length;
/** The one-minute load average, read before and after each segment. */
const load = () => os.loadavg()[0]!;
/** A segment's load line: noisy when the machine's load rose above its core count during it. */
const loadLine = (before: number) => {
  const after = load();
  const noisy = Math.max(before, after) > CORES;
  return `Load average before/after this segment: ${fmt(before, 2)} / ${fmt(after, 2)} on ${CORES} cores${noisy ? ' (**noisy**: above the core count; read its verdicts with care)' : ''}.`;
};
/** Honest verdicts: a target is met only when every reading of it (per round and pooled) meets it. */
const metAll = (ok: (x: number) => boolean, ...readings: number[]) =>
  readings.every((x) => Number.isFinite(x) && ok(x)) ? 'met' : 'NOT met';

const git = (...a: string[]) => {
  try {
    return execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

const started = new Date();
say(`# Benchmarks`);
say();
say(
  `Written by \`npm run bench${full ? ' -- --full' : ' -- --quick'}\` on ${started.toISOString()} (commit ${git('rev-parse', '--short', 'HEAD')}).`,
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
say(`Parameters: ${JSON.stringify(P)}`);
say();

/** The shelter manager's phone on a 400 ms / 50 KB/s link: time to a usable sign-in form and list, and bytes. */
async function linkSegment(dir: string): Promise<void> {
  const linkLoad = load();
  let r;
  try {
    r = await slowLinkBench({ staticDir: dir, latencyMs: 400, bytesPerSecond: 50 * 1024, rounds: P.rounds });
  } catch (err) {
    say(`Slow-link benchmark did not run: ${(err as Error).message.split('\n')[0]}`);
    return;
  }
  const rs = r.rounds;
  say(`## Shelter manager on a slow link`);
  say();
  say(
    `Headless Chromium on a 390x844 phone profile, the link throttled through CDP \`Network.emulateNetworkConditions\` (${r.latencyMs} ms latency, ${KB(r.bytesPerSecond)} KB/s down and up), ` +
      `a fresh profile per round (cold cache, no service worker yet), ${rs.length} rounds. Sign-in form: from navigation start until the form can be submitted. ` +
      `List: from tapping "sign in" until the first shelter shows. Bytes are as on the wire (compressed, with headers) until the list shows; socket.io left out.`,
  );
  say();
  say(
    table(
      ['round', 'sign-in form ms', 'list ms', 'built files KB', 'API KB', 'code gzip KB'],
      rs.map((x, i) => [
        i + 1,
        fmt(x.signInMs, 0),
        fmt(x.listMs, 0),
        KB(x.staticBytes),
        KB(x.apiBytes),
        KB(x.codeGzip),
      ]),
    ),
  );
  say();
  const signIns = rs.map((x) => x.signInMs);
  const lists = rs.map((x) => x.listMs);
  say(
    `Usable sign-in form: median ${fmt(median(signIns), 0)} ms (target <= 3000 ms in every round: ${metAll((x) => x <= 3000, ...signIns)}); ` +
      `usable list after sign-in: median ${fmt(median(lists), 0)} ms (target <= 6000 ms in every round: ${metAll((x) => x <= 6000, ...lists)}).`,
  );
  const code = rs.map((x) => x.codeGzip);
  say(
    `Code and styles loaded before the list (html, js, css as built, gzip level 9; fonts and icons left out): ` +
      `${KB(Math.max(...code))} KB (target <= 150 KB: ${metAll((x) => x <= 150 * 1024, ...code)}).`,
  );
  say(loadLine(linkLoad));
  say();
}

if (args.only === 'map') {
  // Only the live-map segment, printed as it is measured (docs/BENCHMARKS.md left alone).
  const m = await mapBench({ features: 5000, changesPerSecond: 50, seconds: P.mapSeconds, rounds: P.rounds });
  say(
    `Map, ${m.features} shelters, ${m.changesPerSecond} changes/s: ${JSON.stringify({ static: m.static, live: m.live })}`,
  );
  say(`Frame p95 live/static: ${fmt(m.live.p95 / m.static.p95, 2)} (target <= 2).`);
  say(loadLine(load()));
  process.exit(0);
}
if (args.only === 'link') {
  const built = buildClient(true);
  const sizes = chunkSizes(built.dir);
  say(
    `First screen (entry chunks from index.html, gzip level 9): **${KB(sizes.firstScreenGzip)} KB** (target <= 150 KB: ${sizes.firstScreenGzip <= 150 * 1024 ? 'met' : 'NOT met'}).`,
  );
  say();
  await linkSegment(built.dir);
  process.exit(0);
}

const cluster = await startBenchCluster();
try {
  const shelters = await appShelters(cluster);
  const template = {
    seq: 1,
    type: 'shelter:updated',
    data: shelters[0],
    at: new Date().toISOString(),
    by: { userId: null, orgId: null },
  };

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
      const s = summary(r.latencies);
      console.error(
        `  fan-out ${mode} round ${round + 1}: p50 ${fmt(s.p50)} p99 ${fmt(s.p99)} ms, lost ${r.lost}, dup ${r.duplicated}`,
      );
    }
  }
  const merged = (m: FanoutMode) => {
    const rs = results[m];
    return {
      s: summary(rs.flatMap((r) => r.latencies)),
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
  };
  const [a, b, c] = (['ws', 'sio', 'app'] as const).map(merged) as [
    ReturnType<typeof merged>,
    ReturnType<typeof merged>,
    ReturnType<typeof merged>,
  ];
  const ratio = (x: number[], y: number[]) => median(x.map((v, i) => v / y[i]!));
  const label = {
    ws: '(a) raw ws, 1 node',
    sio: '(b) Socket.IO + Redis adapter, 2 nodes',
    app: '(c) this app, 2 nodes (HTTP PATCH, PostgreSQL, Redis, projection)',
  };
  say(`## Fan-out latency`);
  say();
  say(
    `${P.clients} socket clients in one load-generator process, ${P.rate} changes/s for ${P.fanoutSeconds} s per segment, modes interleaved a, b, c, a, b, c (${P.rounds} rounds). ` +
      `Latency is from just before the sender's HTTP request to each client's receipt, on the load generator's clock, keyed by a counter carried in \`occupancy\`.`,
  );
  say();
  say(
    table(
      [
        'mode',
        'sent',
        'deliveries',
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
  const ca50 = ratio(c.p50s, a.p50s);
  const ca99 = ratio(c.p99s, a.p99s);
  const cb50 = ratio(c.p50s, b.p50s);
  const cb99 = ratio(c.p99s, b.p99s);
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  say(
    table(
      ['ratio', 'per round (median)', 'all rounds pooled', 'target', ''],
      [
        [
          'c/a p50',
          fmt(ca50, 2),
          fmt(c.s.p50 / a.s.p50, 2),
          '<= 1.5',
          metAll((x) => x <= 1.5, ca50, c.s.p50 / a.s.p50),
        ],
        [
          'c/a p99',
          fmt(ca99, 2),
          fmt(c.s.p99 / a.s.p99, 2),
          '<= 2.0',
          metAll((x) => x <= 2.0, ca99, c.s.p99 / a.s.p99),
        ],
        [
          'c/b p50',
          fmt(cb50, 2),
          fmt(c.s.p50 / b.s.p50, 2),
          '<= 1.15',
          metAll((x) => x <= 1.15, cb50, c.s.p50 / b.s.p50),
        ],
        [
          'c/b p99',
          fmt(cb99, 2),
          fmt(c.s.p99 / b.s.p99, 2),
          '<= 1.15',
          metAll((x) => x <= 1.15, cb99, c.s.p99 / b.s.p99),
        ],
        ['lost (c)', String(c.lost), '', '0', met(c.lost === 0)],
      ],
    ),
  );
  say();

  say('A ratio target is met only when both the per-round median and the pooled figure meet it.');
  say(loadLine(fanoutLoad));
  say();
  say(`## Memory per connected client`);
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

  // --- Durable write rate: API, raw, API, raw ---
  if (!args['no-write']) {
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

  // --- Catch-up storm: plain, storm, plain, storm ---
  const stormLoad = load();
  const plain: number[] = [];
  const storm: number[] = [];
  let missed = 0;
  let notCurrent = 0;
  for (let round = 0; round < (full ? 2 : 1); round++) {
    const p = await catchUpTrial(cluster, shelters, {
      clients: P.stormClients,
      awaySeconds: P.awaySeconds,
      rate: P.rate,
      storm: false,
    });
    plain.push(...p.times);
    notCurrent += p.notCurrent;
    const s = await catchUpTrial(cluster, shelters, {
      clients: P.stormClients,
      awaySeconds: P.awaySeconds,
      rate: P.rate,
      storm: true,
    });
    storm.push(...s.times);
    missed = s.missed;
    notCurrent += s.notCurrent;
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
    `${P.stormClients} clients (three roles, split over both nodes) go away for ${P.awaySeconds} s while changes continue at ${P.rate}/s (${missed} events missed), ` +
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
  say(
    `Storm p95 ${fmt(ss.p95)} ms (target <= 1000 ms at 1,000 clients: ${P.stormClients >= 1000 ? met(ss.p95 <= 1000) : `not measured at 1,000 in this mode (${P.stormClients} clients)`}); ` +
      `ratio to a plain reconnect p95: ${fmt(ss.p95 / ps.p95, 2)}. Clients not current within 30 s: ${notCurrent}.`,
  );
  say(stormLoadLine);
  say();

  // --- Server responsiveness while sockets read the whole history: idle, busy, idle, busy ---
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
      `while \`GET /healthz\` on A is probed every 20 ms for ${P.historySeconds} s. Baseline: the same probe with no readers. Interleaved idle, busy (${P.rounds} rounds). ` +
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
} finally {
  await cluster.stop();
}

// --- Client ---
say(`## Client`);
say();
const built = buildClient(full);
const sizes = chunkSizes(built.dir);
say(
  `Gzip (level 9) size of each built chunk (${built.built ? 'fresh build into .tmp/bench-client' : 'existing dist/client'}). "entry" is what index.html loads for the first screen ` +
    `(the shelter manager's list, panel and quick update form); "map" is the lazy MapLibre chunk.`,
);
say();
say(
  table(
    ['file', 'kind', 'KB', 'gzip KB'],
    sizes.chunks.map((c) => [c.file, c.kind, KB(c.bytes), KB(c.gzip)]),
  ),
);
say();
say(
  `First screen without the map: **${KB(sizes.firstScreenGzip)} KB** gzip (target <= 150 KB: ${sizes.firstScreenGzip <= 150 * 1024 ? 'met' : 'NOT met'}); map chunk ${KB(sizes.mapGzip)} KB.`,
);
say();
if (!args['no-browser']) await linkSegment(built.dir);
if (!args['no-browser']) {
  let m: MapResult | null = null;
  try {
    m = await mapBench({ features: 5000, changesPerSecond: 50, seconds: P.mapSeconds, rounds: P.rounds });
  } catch (err) {
    say(`Map benchmark did not run: ${(err as Error).message.split('\n')[0]}`);
  }
  if (m) {
    say(
      `Headless Chromium (SwiftShader WebGL, no GPU), ${m.features} shelter features through the app's shelter layer (client/src/map/layers/shelterLayer.ts) ` +
        `on the offline basemap, via a bench-only page (bench/map/). Live: ${m.changesPerSecond} changes/s into the shelter store; static: the same map with no changes. ` +
        `${P.mapSeconds} s per segment, interleaved static, live, static, live.`,
    );
    say();
    say(
      table(
        [
          '',
          'long tasks (> 50 ms)',
          'long task ms total',
          'frames',
          'frame p50 ms',
          'frame p95 ms',
          'changes applied',
        ],
        [
          [
            'static',
            m.static.longTasks,
            fmt(m.static.longTaskMs, 0),
            m.static.frames,
            fmt(m.static.p50),
            fmt(m.static.p95),
            0,
          ],
          [
            'live',
            m.live.longTasks,
            fmt(m.live.longTaskMs, 0),
            m.live.frames,
            fmt(m.live.p50),
            fmt(m.live.p95),
            m.live.changes,
          ],
        ],
      ),
    );
    say();
    say(`Frame time p95 live/static: ${fmt(m.live.p95 / m.static.p95, 2)}.`);
    say();
  }
}

say(`## How to run`);
say();
say('```');
say('npm run bench              # quick mode (about a minute or two): 200 clients, short segments');
say('npm run bench -- --full    # 1,000 clients, 20 s fan-out segments, 30 s away; writes this file');
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
