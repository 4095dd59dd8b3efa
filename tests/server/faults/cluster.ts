import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { io as ioClient } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Change } from '../../../shared/events.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { receive, startStream, type StreamState } from '../../../shared/sync.js';
import { login, sync, type ApiClient, type TestSocket } from '../../helpers/client.js';
import { waitFor } from '../../helpers/net.js';
import { startPostgresServer, type PostgresServer } from '../../helpers/postgres.js';
import { startRedisServer } from '../../helpers/redis.js';
import { spawnServer, type ServerProcess } from '../../helpers/server.js';
import { uniquePrefix } from '../../helpers/redis.js';
import { startPgProxy, type PgProxy } from './pgProxy.js';

/** Resolve after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The HTTP status of a server's readiness probe. */
export const readyStatus = async (url: string) => (await fetch(`${url}/readyz`)).status;

/** A private Redis that the test may kill and start again on the same port. */
export interface PrivateRedis {
  url: string;
  kill(): Promise<void>;
  restart(): Promise<void>;
  /** Freeze it (SIGSTOP): connections stay open, nothing is answered. */
  pause(): void;
  /** Let a frozen Redis run again (SIGCONT). */
  resume(): void;
  stop(): Promise<void>;
}

async function privateRedis(): Promise<PrivateRedis> {
  let r = await startRedisServer();
  const port = r.port;
  return {
    url: r.url,
    kill: () => r.stop(),
    async restart() {
      r = await startRedisServer(port);
    },
    pause: () => void r.proc.kill('SIGSTOP'),
    resume: () => void r.proc.kill('SIGCONT'),
    stop: () => r.stop(),
  };
}

/**
 * The production shape for fault tests: two server processes over a private PostgreSQL and a
 * private Redis, all started here so the test may kill any of them.
 */
export interface Cluster {
  pg: PostgresServer;
  redis: PrivateRedis;
  servers: ServerProcess[];
  urls: string[];
  stop(): Promise<void>;
}

export async function startCluster(): Promise<Cluster> {
  const [pg, redis] = await Promise.all([startPostgresServer(), privateRedis()]);
  const env = {
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: uniquePrefix(),
    DEMO: '1',
    LOG_LEVEL: 'error',
  };
  // One first so migrations and the seed run once without racing (a concurrent start is covered elsewhere).
  const a = await spawnServer(env);
  const b = await spawnServer(env);
  const servers = [a, b];
  return {
    pg,
    redis,
    servers,
    urls: servers.map((s) => s.url),
    async stop() {
      await Promise.all(servers.map((s) => s.stop('SIGKILL')));
      await redis.stop();
      await pg.destroy();
    },
  };
}

/** A cluster for this file's tests: started before the first, stopped after the last. */
export function useCluster(beforeStop?: (c: Cluster) => void): Cluster {
  // Filled in by beforeAll; empty (no stop) when the start failed.
  const c = {} as Partial<Cluster> as Cluster;
  beforeAll(async () => void Object.assign(c, await startCluster()));
  afterEach(() => {
    opened.get(c)?.forEach((r) => r.close());
    opened.delete(c);
  });
  afterAll(async () => {
    if (!('stop' in c)) return;
    beforeStop?.(c);
    await c.stop();
  });
  return c;
}

/** The replicas each cluster's current test opened; `useCluster` closes them after the test. */
const opened = new WeakMap<Cluster, FailoverReplica[]>();

/**
 * Failover replicas for the usernames given per server (the first list starts on the first server,
 * the next on the second), opened at once and in that order. They are closed after the test,
 * whether it passed or not.
 */
export async function openReplicas(c: Cluster, ...perServer: string[][]): Promise<FailoverReplica[]> {
  const who = perServer.flatMap((usernames, at) => usernames.map((u) => [u, at] as const));
  const replicas = await Promise.all(who.map(([username, at]) => FailoverReplica.open(c.urls, username, at)));
  opened.set(c, [...(opened.get(c) ?? []), ...replicas]);
  return replicas;
}

/** The ops officer signed in on server `on` (default the first), and every shelter as ops sees them. */
export async function opsAndShelters(c: Cluster, on = 0): Promise<{ ops: ApiClient; shelters: Shelter[] }> {
  const ops = await login(c.urls[on]!, 'ops');
  return { ops, shelters: (await ops.get<Shelter[]>('/api/shelters')).body.data! };
}

/** Wait until every process of the cluster says it is ready again (polling every `everyMs`). */
export async function waitAllReady(c: Cluster, timeoutMs: number, everyMs: number): Promise<void> {
  await waitFor(
    async () => (await Promise.all(c.urls.map(readyStatus))).every((s) => s === 200),
    timeoutMs,
    everyMs,
  );
}

/**
 * Writes flowing before the fault: the ops officer signed in on server `on` (default the first)
 * writes through both servers to every shelter but the first `spare` (kept for the test's own
 * writes), and the load has run for `warmMs` (default one second).
 */
export async function startLoad(
  c: Cluster,
  opts: ConstructorParameters<typeof WriteLoad>[3] & { on?: number; spare?: number; warmMs?: number },
): Promise<{ ops: ApiClient; shelters: Shelter[]; load: WriteLoad }> {
  const { on = 0, spare = 0, warmMs = 1000, ...rate } = opts;
  const { ops, shelters } = await opsAndShelters(c, on);
  const load = new WriteLoad(c.urls, ops.cookie, shelters.slice(spare), rate);
  load.start();
  await sleep(warmMs);
  return { ops, shelters, load };
}

/**
 * After a fault is repaired: wait until every process says it is ready again, let the load run a
 * second more, stop it, and check no process died and no write failed.
 */
export async function finishLoad(c: Cluster, load: WriteLoad): Promise<WriteStats> {
  await waitAllReady(c, 15_000, 100);
  await sleep(1000);
  const stats = await load.stop();
  expectAlive(c.servers);
  expect(stats.errors).toEqual([]);
  return stats;
}

/** The checks that end a fault test: every replica converged, and the log in the database is whole. */
export async function expectConsistent(c: Cluster, replicas: FailoverReplica[]): Promise<{ head: number }> {
  await expectConverged(c.urls, replicas);
  return checkLog(c.pg.url);
}

/**
 * Two server processes over a private PostgreSQL and Redis, for faults of the database connection:
 * `a` reaches PostgreSQL through a proxy the test controls, `b` directly; `db` is the test's own
 * direct connection for checks. `env` goes to both processes, `envA` to `a` only.
 */
export interface ProxiedPair {
  pg: PostgresServer;
  proxy: PgProxy;
  a: ServerProcess;
  b: ServerProcess;
  db: pg.Client;
}

/** A proxied pair for this file's tests: started before the first, stopped after the last. */
export function useProxiedPair(
  opts: {
    env?: Record<string, string>;
    envA?: Record<string, string>;
    beforeStop?: (p: ProxiedPair) => void;
  } = {},
): ProxiedPair {
  // Filled in by beforeAll; only what started is stopped.
  const p = {} as Partial<ProxiedPair> as ProxiedPair;
  let redisStop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    p.pg = await startPostgresServer();
    const redis = await startRedisServer();
    redisStop = redis.stop;
    p.proxy = await startPgProxy({ host: '127.0.0.1', port: p.pg.port });
    const env = {
      REDIS_URL: redis.url,
      REDIS_PREFIX: uniquePrefix(),
      DEMO: '1',
      LOG_LEVEL: 'error',
      ...opts.env,
    };
    p.b = await spawnServer({ ...env, DATABASE_URL: p.pg.url });
    p.a = await spawnServer({ ...env, DATABASE_URL: p.proxy.url, ...opts.envA });
    p.db = new pg.Client({ connectionString: p.pg.url });
    await p.db.connect();
  });
  afterAll(async () => {
    if ('a' in p) opts.beforeStop?.(p);
    await p.db?.end();
    await Promise.all([p.a?.stop('SIGKILL'), p.b?.stop('SIGKILL')]);
    await p.proxy?.close();
    await redisStop?.();
    await p.pg?.destroy();
  });
  return p;
}

/** GET /api/snapshot through whichever server answers. */
async function snapshotVia(urls: string[], cookie: string): Promise<{ seq: number; shelters: Shelter[] }> {
  let last: unknown;
  for (let attempt = 0; attempt < 20; attempt++) {
    for (const url of urls) {
      try {
        const res = await fetch(`${url}/api/snapshot`, { headers: { cookie } });
        if (res.status === 200)
          return ((await res.json()) as { data: { seq: number; shelters: Shelter[] } }).data;
        last = res.status;
      } catch (err) {
        last = err;
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no snapshot: ${String(last)}`);
}

/**
 * A dashboard-like client that knows every server: it applies changes through the shared stream
 * reconciler, syncs on every (re)connect and gap, and when its server stops answering it moves to
 * the next one (socket.io-client reconnects to the same URL a few times first).
 */
export class FailoverReplica {
  shelters = new Map<string, Shelter>();
  stream: StreamState = startStream(0);
  appliedSeqs: number[] = [];
  /** Seqs that reached apply a second time (must stay empty). */
  duplicates: number[] = [];
  /** Servers this client has been connected to, in order. */
  connections: string[] = [];
  socket: TestSocket | null = null;
  /** Called with every pushed change as it arrives (before reconciling), for latency measurements. */
  onPush: ((c: Change) => void) | null = null;
  private applied = new Set<number>();
  private syncing = false;
  private again = false;
  private closed = false;
  private urlIndex: number;

  private constructor(
    readonly urls: string[],
    readonly api: ApiClient,
    startIndex: number,
  ) {
    this.urlIndex = startIndex;
  }

  static async open(urls: string[], username: string, startIndex: number): Promise<FailoverReplica> {
    const api = await login(urls[startIndex]!, username);
    const r = new FailoverReplica(urls, api, startIndex);
    const snap = await snapshotVia([urls[startIndex]!], api.cookie);
    r.loadSnapshot(snap);
    r.connect();
    await waitFor(() => r.socket?.connected === true, 10_000);
    return r;
  }

  get url(): string {
    return this.urls[this.urlIndex]!;
  }
  get lastSeq(): number {
    return this.stream.lastSeq;
  }

  private loadSnapshot(snap: { seq: number; shelters: Shelter[] }) {
    this.shelters = new Map(snap.shelters.map((s) => [s.id, s]));
    this.stream = startStream(snap.seq);
  }

  private connect() {
    if (this.closed) return;
    const url = this.url;
    const socket: TestSocket = ioClient(url, {
      transports: ['websocket'],
      extraHeaders: { cookie: this.api.cookie },
      reconnection: true,
      reconnectionAttempts: 3,
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
      timeout: 3000,
      forceNew: true,
      // As the dashboard: where the stream stands, read at each (re)connect, answered in the hello.
      auth: (cb) => cb({ afterSeq: this.stream.lastSeq }),
    });
    this.socket = socket;
    socket.on('change', (c) => {
      this.onPush?.(c);
      this.offer([c]);
    });
    socket.on('connect', () => {
      this.connections.push(url);
      // The hello brings the catch-up; a gap meanwhile waits for it.
      this.syncing = true;
    });
    socket.on('hello', (hello) => {
      this.syncing = false;
      const r = hello.catchUp;
      if (r?.reset)
        return void snapshotVia([this.url], this.api.cookie).then(
          (snap) => {
            this.loadSnapshot(snap);
            void this.catchUp();
          },
          () => setTimeout(() => void this.catchUp(), 300),
        );
      if (r) this.offer(r.events);
      if (!r || this.again || this.stream.lastSeq < r.head) void this.catchUp();
    });
    // This server is gone for good (as far as we can tell): move to the next one.
    socket.io.on('reconnect_failed', () => {
      socket.removeAllListeners();
      socket.close();
      if (this.socket !== socket) return;
      this.urlIndex = (this.urlIndex + 1) % this.urls.length;
      this.connect();
    });
  }

  private offer(changes: readonly Change[]) {
    const step = receive(this.stream, changes);
    this.stream = step.state;
    for (const c of step.apply) {
      if (this.applied.has(c.seq)) this.duplicates.push(c.seq);
      this.applied.add(c.seq);
      this.appliedSeqs.push(c.seq);
      if (c.type === 'shelter:updated' || c.type === 'shelter:created') this.shelters.set(c.data.id, c.data);
    }
    if (step.gap) void this.catchUp();
  }

  /** Sync from lastSeq; repeats while asked again meanwhile, retries on failure. */
  async catchUp(): Promise<void> {
    if (this.syncing) {
      this.again = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.again = false;
        const socket = this.socket;
        if (!socket?.connected) return;
        try {
          const reply = await sync(socket, this.stream.lastSeq);
          if (!reply.ok) {
            setTimeout(() => void this.catchUp(), 300);
            return;
          }
          if (reply.data.reset) this.loadSnapshot(await snapshotVia([this.url], this.api.cookie));
          else this.offer(reply.data.events);
        } catch {
          setTimeout(() => void this.catchUp(), 300);
          return;
        }
      } while (this.again);
    } finally {
      this.syncing = false;
    }
  }

  close() {
    this.closed = true;
    this.socket?.removeAllListeners();
    this.socket?.close();
  }
}

/** Outcome counts of the load generator. */
export interface WriteStats {
  ok: number;
  conflicts: number;
  retried: number;
  statuses: Record<string, number>;
  /** Time to the answer of every 503, in ms. */
  unavailableMs: number[];
  /** Bodies of non-2xx, non-409 replies, for diagnosis. */
  errors: unknown[];
}

/**
 * Writes flowing: PATCHes at a steady rate, alternating between servers, each with an
 * Idempotency-Key that is reused when the same write is retried (after a dropped connection or a
 * 503) on the next server. Each shelter is written by one lane only, so versions are known.
 */
export class WriteLoad {
  stats: WriteStats = { ok: 0, conflicts: 0, retried: 0, statuses: {}, unavailableMs: [], errors: [] };
  private running = false;
  private lanes: Promise<void>[] = [];
  private n = 0;

  constructor(
    private readonly urls: string[],
    private readonly cookie: string,
    private readonly shelters: Shelter[],
    private readonly opts: { perSecond: number; lanes?: number; retryFor?: number } = { perSecond: 20 },
  ) {}

  start() {
    this.running = true;
    const lanes = this.opts.lanes ?? 2;
    for (let lane = 0; lane < lanes; lane++) {
      const mine = this.shelters
        .filter((_, i) => i % lanes === lane)
        .map((s) => ({ id: s.id, version: s.version }));
      this.lanes.push(this.lane(lane, mine, (1000 * lanes) / this.opts.perSecond));
    }
  }

  async stop(): Promise<WriteStats> {
    this.running = false;
    await Promise.all(this.lanes);
    return this.stats;
  }

  private async lane(lane: number, mine: { id: string; version: number }[], everyMs: number) {
    let server = lane;
    while (this.running) {
      const started = Date.now();
      const s = mine[this.n++ % mine.length]!;
      const body = { version: s.version, occupancy: (this.n % 5000) + 1 };
      const key = randomUUID();
      const deadline = Date.now() + (this.opts.retryFor ?? 15_000);
      for (;;) {
        const url = this.urls[server++ % this.urls.length]!;
        const t0 = Date.now();
        let status: number;
        let json: { ok: boolean; data?: Shelter; error?: { code: string; current?: Shelter } } | undefined;
        try {
          const res = await fetch(`${url}/api/shelters/${s.id}`, {
            method: 'PATCH',
            headers: { cookie: this.cookie, 'content-type': 'application/json', 'Idempotency-Key': key },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(8000),
          });
          status = res.status;
          json = (await res.json()) as typeof json;
        } catch {
          status = 0;
        }
        this.stats.statuses[status] = (this.stats.statuses[status] ?? 0) + 1;
        if (status === 503) this.stats.unavailableMs.push(Date.now() - t0);
        if (status === 200 && json?.data) {
          s.version = json.data.version;
          this.stats.ok++;
          break;
        }
        if (status === 409 && json?.error?.current) {
          s.version = json.error.current.version;
          this.stats.conflicts++;
          break;
        }
        if (status !== 0 && status !== 503) {
          this.stats.errors.push({ status, json });
          break;
        }
        // Connection lost or database unavailable: the same write, same key, on the next server.
        if (Date.now() > deadline || !this.running) break;
        this.stats.retried++;
        await new Promise((r) => setTimeout(r, 150));
      }
      const wait = everyMs - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** Log checks straight from the database: gap-free seqs, and each shelter's version matches its events. */
export async function checkLog(pgUrl: string): Promise<{ head: number }> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    const { rows: counter } = await c.query<{ seq: string }>('SELECT seq FROM event_counter WHERE id = 1');
    const head = Number(counter[0]!.seq);
    const { rows: agg } = await c.query<{ n: string; min: string; max: string }>(
      'SELECT count(*) n, min(seq) min, max(seq) max FROM events',
    );
    expect(Number(agg[0]!.n)).toBe(head);
    expect(Number(agg[0]!.max)).toBe(head);
    // A shelter's version counts its writes: every committed update has exactly one event, and no event lacks its update.
    const { rows: mismatched } = await c.query(
      `SELECT s.id, s.version, (SELECT count(*) FROM events e WHERE e.entity = 'shelter' AND e.entity_id::text = s.id::text AND e.type = 'shelter:updated') AS updates
       FROM shelters s WHERE s.version <> 1 + (SELECT count(*) FROM events e WHERE e.entity = 'shelter' AND e.entity_id::text = s.id::text AND e.type = 'shelter:updated')`,
    );
    expect(mismatched).toEqual([]);
    // And the last event of each shelter carries its stored state.
    const { rows: stale } = await c.query(
      `SELECT s.id FROM shelters s JOIN LATERAL (SELECT data FROM events e WHERE e.entity = 'shelter' AND e.entity_id::text = s.id::text ORDER BY seq DESC LIMIT 1) last ON true
       WHERE (last.data->>'version')::int <> s.version OR (last.data->>'occupancy')::int <> s.occupancy`,
    );
    expect(stale).toEqual([]);
    return { head };
  } finally {
    await c.end();
  }
}

/**
 * Wait until every replica is current with the database, then compare each one's shelters with
 * the snapshot its role gets, and check no event was applied twice.
 */
export async function expectConverged(
  urls: string[],
  replicas: FailoverReplica[],
  timeoutMs = 20_000,
): Promise<void> {
  const viewerApi = replicas[0]!.api;
  const head = (await snapshotVia(urls, viewerApi.cookie)).seq;
  await waitFor(() => replicas.every((r) => r.lastSeq >= head), timeoutMs, 50).catch(() => {
    throw new Error(
      `not converged on seq ${head}: ${replicas.map((r) => `${r.url} at ${r.lastSeq}`).join(', ')}`,
    );
  });
  for (const r of replicas) {
    const snap = await snapshotVia(urls, r.api.cookie);
    expect(r.lastSeq).toBe(snap.seq);
    const mine = [...r.shelters.values()].sort((x, y) => x.id.localeCompare(y.id));
    const theirs = [...snap.shelters].sort((x, y) => x.id.localeCompare(y.id));
    expect(mine).toEqual(theirs);
    expect(r.duplicates).toEqual([]);
    // Contiguous: what it applied since its snapshot is one unbroken run of seqs.
    const seqs = r.appliedSeqs;
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
  }
}

/** Every server process still running. */
export function expectAlive(servers: ServerProcess[]) {
  for (const s of servers) {
    if (s.proc.exitCode !== null)
      throw new Error(`server on ${s.url} exited (${s.proc.exitCode}):\n${s.output()}`);
  }
}
