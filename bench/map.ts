import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromiumPath, launchBrowser } from '../tests/helpers/chromium.js';
import { quantile, ROOT } from './lib.js';

export interface MapSegment {
  longTasks: number;
  longTaskMs: number;
  longTaskMax: number;
  frames: number;
  p50: number;
  p95: number;
  changes: number;
  /** Changes on screen within 1 s of being made. */
  drawnWithin1s: number;
  /** Frames in which the map repainted its canvas. */
  repaints: number;
}
/**
 * What the bench page draws: the shelters alone; every layer (services and request badges too, and
 * the changes spread over them); or the data of `all` with only the service or request layer mounted.
 */
export type MapLayers = 'shelters' | 'all' | 'services' | 'requests';

export interface MapResult {
  features: number;
  changesPerSecond: number;
  static: MapSegment;
  live: MapSegment;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.geojson': 'application/json',
};

// What the bench page is built from: it is rebuilt only when one of these changed.
const MAP_INPUTS = ['bench/map', 'client/src', 'shared', 'package-lock.json'];
const MAP_OUT = path.join(ROOT, '.tmp', 'bench-map');
const MAP_STAMP = path.join(MAP_OUT, '.inputs.sha256');

/** A hash over the names and contents of every file the bench page is built from. */
function mapInputsHash(): string {
  const h = createHash('sha256');
  const walk = (rel: string) => {
    const abs = path.join(ROOT, rel);
    if (fs.statSync(abs).isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) walk(path.join(rel, name));
    } else {
      h.update(rel).update('\0').update(fs.readFileSync(abs)).update('\0');
    }
  };
  MAP_INPUTS.forEach(walk);
  return h.digest('hex');
}

/** Build the bench page unless the last build was made from the same files (the quick mode's minute). */
function buildMapPage(): void {
  const hash = mapInputsHash();
  if (fs.existsSync(MAP_STAMP) && fs.readFileSync(MAP_STAMP, 'utf8') === hash) return;
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'bench/map/vite.config.ts',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  fs.writeFileSync(MAP_STAMP, hash);
}

/** What a BENCH_MAP_TRACE trace records: the renderer's tasks and the GPU process's, with their waits. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'gpu', 'toplevel'];

/** Build bench/map, serve it on 127.0.0.1 and measure long tasks and frame times in headless Chromium, static and live interleaved. */
export async function mapBench(opts: {
  features: number;
  changesPerSecond: number;
  seconds: number;
  rounds: number;
  /** Which layers the page mounts (shelters alone when left out). */
  layers?: MapLayers;
}): Promise<MapResult> {
  // No Chromium: say so before the slow build.
  chromiumPath();
  buildMapPage();
  const dir = MAP_OUT;
  const server = createServer((req, res) => {
    const p = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = p.endsWith('/') ? path.join(p, 'index.html') : p;
    if (!file.startsWith(dir) || !fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (
        !r.url().startsWith(`http://127.0.0.1:${port}/`) &&
        !r.url().startsWith('data:') &&
        !r.url().startsWith('blob:')
      )
        foreign.push(r.url());
    });
    await page.goto(
      `http://127.0.0.1:${port}/index.html?features=${opts.features}&layers=${opts.layers ?? 'shelters'}`,
    );
    await page.waitForFunction(
      () => window.benchReady === true || window.benchError !== undefined,
      undefined,
      { timeout: 120_000 },
    );
    const error = await page.evaluate(() => window.benchError);
    if (error) throw new Error(error);
    if (foreign.length) throw new Error(`the page requested other hosts: ${foreign.join(', ')}`);
    const acc = {
      static: [] as Awaited<ReturnType<typeof run>>[],
      live: [] as Awaited<ReturnType<typeof run>>[],
    };
    const run = (live: boolean) =>
      page.evaluate(([l, s, r]) => window.runSegment!(l, s, r), [
        live,
        opts.seconds,
        opts.changesPerSecond,
      ] as const);
    // BENCH_MAP_PROF=file: a V8 CPU profile of the page's live segments (open it in Chrome's DevTools).
    const prof = process.env.BENCH_MAP_PROF;
    const cdp = prof ? await page.context().newCDPSession(page) : null;
    if (cdp) await cdp.send('Profiler.enable');
    for (let i = 0; i < opts.rounds; i++) {
      acc.static.push(await run(false));
      if (cdp) await cdp.send('Profiler.start');
      // BENCH_MAP_TRACE=file: a Chromium trace of the first live segment, every thread (what is not
      // JavaScript: GPU command waits, compositor commits); open it in Perfetto or DevTools.
      const trace = i === 0 ? process.env.BENCH_MAP_TRACE : undefined;
      if (trace) await browser.startTracing(page, { path: trace, categories: TRACE_CATEGORIES });
      acc.live.push(await run(true));
      if (trace) await browser.stopTracing();
      if (cdp && prof) {
        const { profile } = await cdp.send('Profiler.stop');
        fs.writeFileSync(`${prof}.${opts.layers ?? 'shelters'}.${i}.cpuprofile`, JSON.stringify(profile));
      }
    }
    const merge = (xs: typeof acc.static): MapSegment => {
      const frames = xs.flatMap((x) => x.frames);
      return {
        longTasks: xs.reduce((a, x) => a + x.longTasks, 0),
        longTaskMs: xs.reduce((a, x) => a + x.longTaskMs, 0),
        longTaskMax: xs.reduce((a, x) => Math.max(a, x.longTaskMax), 0),
        frames: frames.length,
        p50: quantile(frames, 0.5),
        p95: quantile(frames, 0.95),
        changes: xs.reduce((a, x) => a + x.changes, 0),
        drawnWithin1s: xs.reduce((a, x) => a + x.drawnWithin1s, 0),
        repaints: xs.reduce((a, x) => a + x.repaints, 0),
      };
    };
    return {
      features: opts.features,
      changesPerSecond: opts.changesPerSecond,
      static: merge(acc.static),
      live: merge(acc.live),
    };
  } finally {
    await browser.close();
    server.close();
  }
}
