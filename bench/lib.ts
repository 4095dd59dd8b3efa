import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { freePort, waitForProcessUrl } from '../tests/helpers/net.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One timed request of a load generator: its body sent as JSON, the reply unzipped and parsed
 * (`text`: read as text). Through undici's `request` on its keep-alive pool, not `fetch`, whose
 * web streams cost the generator about 1 ms of CPU a request on these two cores, which the app's
 * timed writes then waited for (issue 12).
 */
export async function httpJson<T = unknown>(
  url: string,
  init: { method: 'PATCH' | 'POST'; headers?: Record<string, string>; body: unknown; text?: boolean },
): Promise<{ status: number; body: T }> {
  const res = await request(url, {
    method: init.method,
    // Compressed replies asked for as a browser asks, so the server compresses as it does for one.
    headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip', ...init.headers },
    body: JSON.stringify(init.body),
  });
  const raw = Buffer.from(await res.body.arrayBuffer());
  const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
  return { status: res.statusCode, body: (init.text ? text : JSON.parse(text)) as T };
}

/** A process under benchmark, with a memory probe over IPC (bench/probe.ts). */
export interface Node {
  url: string;
  proc: ChildProcess;
  memory(): Promise<{ heapUsed: number; rss: number; cpuMicros: number }>;
  stop(): Promise<void>;
}

/** Spawn `script` (relative to the project) with the memory probe, wait until it answers HTTP. */
export async function spawnNode(
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
  readyPath = '/',
): Promise<Node> {
  const port = await freePort();
  let out = '';
  const proc = spawn(
    process.execPath,
    [
      '--expose-gc',
      // BENCH_CPU_PROF=dir: a V8 CPU profile of each app node, written when it exits.
      ...(process.env.BENCH_CPU_PROF && script === 'server/index.ts'
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
      '--import',
      'tsx',
      '--import',
      './bench/probe.ts',
      script,
      ...args.map((a) => a.replace('{port}', String(port))),
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'error',
        STATIC_DIR: path.join(os.tmpdir(), 'sho-no-static'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  proc.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  proc.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  await waitForProcessUrl(proc, url + readyPath, () => out, script);
  return {
    url,
    proc,
    memory: () =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('memory probe timed out')), 10_000);
        proc.once('message', (m) => {
          clearTimeout(t);
          resolve(m as { heapUsed: number; rss: number; cpuMicros: number });
        });
        proc.send('memory');
      }),
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      // A profiled node shuts down on its own, so V8 writes the profile.
      proc.kill(process.env.BENCH_CPU_PROF ? 'SIGTERM' : 'SIGKILL');
      await exited;
    },
  };
}

/** The q-quantile (nearest rank) of a list of numbers. */
export function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** p50/p95/p99/max of samples. */
export function summary(xs: readonly number[]) {
  return {
    n: xs.length,
    p50: quantile(xs, 0.5),
    p95: quantile(xs, 0.95),
    p99: quantile(xs, 0.99),
    max: xs.length ? xs.reduce((m, x) => (x > m ? x : m), -Infinity) : NaN,
  };
}

/** Median of a list. */
export const median = (xs: readonly number[]) => quantile(xs, 0.5);

/** Format a number for tables. */
export function fmt(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return 'n/a';
  return x.toFixed(digits);
}

/** A markdown table. */
export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  return [
    line(cells[0]!),
    '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |',
    ...cells.slice(1).map(line),
  ].join('\n');
}

/** Run fn over items with at most `limit` at once. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!, i);
    }),
  );
  return out;
}

/** Fire `fn` at a fixed rate for `ms`, on an absolute schedule so a slow call does not shift the rest. */
export async function atRate(perSecond: number, ms: number, fn: (i: number) => Promise<void>): Promise<void> {
  const every = 1000 / perSecond;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; ; i++) {
    // Compare the offset, not due - start: with a fractional start that difference rounds below ms and sends one more.
    if (i * every >= ms) break;
    const due = start + i * every;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inflight.push(fn(i).catch(() => undefined));
  }
  await Promise.all(inflight);
}

/** The load line a segment run alone ends with: the load average before it and now, and the cores. */
export const loadLine = (before: number[]): string =>
  `Load average before: ${before.map((x) => fmt(x, 2)).join(' ')}; after: ${os
    .loadavg()
    .map((x) => fmt(x, 2))
    .join(' ')} on ${os.cpus().length} cores`;
