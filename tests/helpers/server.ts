import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../server/app.js';
import type { AppConfig } from '../../server/env.js';
import { DEFAULT_CARE_THRESHOLDS } from '../../shared/domain/careRules.js';
import { loginAll, type ApiClient } from './client.js';
import { freshPostgres, POSTGRES_URL } from './db.js';
import { freePort, waitForProcessUrl } from './net.js';

/** A config for tests: quiet logs, PGlite in a temp folder unless a database URL is given. */
export function testConfig(over: Partial<AppConfig> = {}): AppConfig {
  return {
    databaseUrl: undefined,
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sho-data-')),
    redisUrl: undefined,
    redisPrefix: 'sho',
    demo: true,
    sessionTtlHours: 12,
    cookieSecure: false,
    logLevel: 'silent',
    trustProxy: 0,
    allowedOrigins: [],
    login: { maxPerUser: 10, maxPerAddress: 100, windowSeconds: 900, hashConcurrency: 2, hashQueue: 8 },
    staleHours: { shelter: 12, service: 24 },
    // Tests release incident figures by calling releaseIncidents with their own `now`; the timer stays out of the way.
    incidentRelease: { delayDays: 7, checkMinutes: 24 * 60 },
    // Duty-of-care alerts are evaluated at start only; a test runs the evaluator when it chooses, so a
    // write's stream holds no alerts raised behind the test's back.
    careAlerts: { checkMs: 24 * 3_600_000, thresholds: DEFAULT_CARE_THRESHOLDS, onChange: false },
    shutdownTimeoutMs: 5000,
    staticDir: path.join(os.tmpdir(), 'sho-no-static'),
    production: false,
    socketBufferMaxBytes: 4 * 1024 * 1024,
    socketRecheckMs: 15_000,
    dbTimeouts: { lockTimeoutMs: 5000, statementTimeoutMs: 15_000, idleInTransactionTimeoutMs: 10_000 },
    writeSettleMs: 1000,
    publishTimeoutMs: 1000,
    readyRedisTimeoutMs: 500,
    ...over,
  };
}

/** A running in-process test server. */
export interface TestServer {
  url: string;
  app: App;
  stop(): Promise<void>;
}

/**
 * Where a test server keeps its data unless the test says: a fresh database on the PostgreSQL server
 * at DATABASE_URL when one is set (CI, and the production path), else a fresh PGlite folder. PGlite
 * costs 5-6 s of CPU to start (WebAssembly PostgreSQL, migrations, demo seed) against about 1 s for a
 * new database on a running server, and the suite starts about sixty servers. The embedded path keeps
 * its tests: the suites that loop over STORAGES (storage, shelters, import, export, roles, care
 * alerts, incident releases, the seed, the group commit's property test...) run on both.
 */
export const DEFAULT_TEST_STORAGE: 'pglite' | 'postgres' = POSTGRES_URL ? 'postgres' : 'pglite';

/** Start the real app on port 0 with its own database (fresh PGlite folder or fresh PostgreSQL database). */
export async function startServer(
  opts: { storage?: 'pglite' | 'postgres'; config?: Partial<AppConfig> } = {},
): Promise<TestServer> {
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl = opts.config?.databaseUrl;
  if ((opts.storage ?? DEFAULT_TEST_STORAGE) === 'postgres' && !databaseUrl) {
    const fresh = await freshPostgres();
    databaseUrl = fresh.url;
    drop = fresh.drop;
  }
  const config = testConfig({ ...opts.config, databaseUrl });
  const app = await createApp(config);
  await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', () => r()));
  const { port } = app.http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    async stop() {
      await app.close();
      if (drop) await drop();
      // The data folder testConfig made (PostgreSQL leaves it empty), or the PGlite folder the test gave.
      if (!databaseUrl || !opts.config?.dataDir) fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** A suite's server and its signed-in users, by the name the tests give them. */
export interface ServerSuite<K extends string> {
  srv: TestServer;
  as: Record<K, ApiClient>;
}

/**
 * A server for the enclosing suite: started before its first test (by `start`, default a fresh
 * PGlite server) with `users` signed in at once (the tests' name for each -> its demo username),
 * stopped after its last. Filled in place, so `into` lets module-level helpers share it.
 */
export function useServer<K extends string>(
  users: Readonly<Record<K, string>>,
  opts: { start?: () => Promise<TestServer>; timeoutMs?: number; into?: ServerSuite<K> } = {},
): ServerSuite<K> {
  const suite = opts.into ?? ({ as: {} } as ServerSuite<K>);
  beforeAll(async () => {
    suite.srv = await (opts.start ?? (() => startServer()))();
    const names = Object.keys(users) as K[];
    const clients = await loginAll(
      suite.srv.url,
      names.map((k) => users[k]),
    );
    names.forEach((k, i) => (suite.as[k] = clients[i]!));
  }, opts.timeoutMs ?? 120_000);
  afterAll(async () => {
    await suite.srv?.stop();
  });
  return suite;
}

/** A server running as its own OS process (for multi-process and kill -9 tests). */
export interface ServerProcess {
  url: string;
  port: number;
  proc: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Spawn `server/index.ts` with the given environment and wait until it is ready. */
export async function spawnServer(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  let out = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(p),
      STATIC_DIR: path.join(os.tmpdir(), 'sho-no-static'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${p}`;
  await waitForProcessUrl(proc, `${url}/healthz`, () => out);
  return {
    url,
    port: p,
    proc,
    output: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      // A process killed by a signal has exitCode null but a signalCode: it is gone already.
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
      proc.kill(signal);
      return exited;
    },
  };
}
