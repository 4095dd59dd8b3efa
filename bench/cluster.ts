import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freshPostgres } from '../tests/helpers/db.js';
import { spawnNode, type Node } from './lib.js';

/** Where the benchmark finds PostgreSQL and Redis (the README's set-up); each run uses a fresh database and Redis prefix. */
export const ADMIN_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Everything the benchmark runs against, started once and shared by the interleaved segments. */
export interface BenchCluster {
  /** (a) raw ws broadcast, one node. */
  ws: Node;
  /** (b) bare Socket.IO with the Redis adapter, two nodes. */
  sio: [Node, Node];
  /** (c) this app, two nodes over a fresh PostgreSQL database and Redis prefix. */
  app: [Node, Node];
  databaseUrl: string;
  /** Session cookies of demo users, by username. */
  cookies: Record<string, string>;
  stop(): Promise<void>;
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

export async function startBenchCluster(): Promise<BenchCluster> {
  const db = await freshPostgres(ADMIN_DATABASE_URL);
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const env = { DATABASE_URL: db.url, REDIS_URL: REDIS_URL, REDIS_PREFIX: prefix, DEMO: '1' };
  const app1 = await spawnNode('server/index.ts', [], env, '/readyz');
  const app2 = await spawnNode('server/index.ts', [], env, '/readyz');
  const sioKey = `${prefix}-bare#io`;
  const [ws, sio1, sio2] = await Promise.all([
    spawnNode('bench/nodes/ws-node.ts', ['{port}']),
    spawnNode('bench/nodes/sio-node.ts', ['{port}', REDIS_URL, sioKey]),
    spawnNode('bench/nodes/sio-node.ts', ['{port}', REDIS_URL, sioKey]),
  ]);
  const cookies: Record<string, string> = {};
  for (const u of ['ops', 'viewer', 'gbv']) cookies[u] = await login(app1.url, u);
  return {
    ws,
    sio: [sio1, sio2],
    app: [app1, app2],
    databaseUrl: db.url,
    cookies,
    async stop() {
      await Promise.all([ws, sio1, sio2, app1, app2].map((n) => n.stop()));
      await db.drop();
    },
  };
}

/** A pool on the benchmark's database (for the raw-insert baseline). */
export const dbPool = (url: string) => new pg.Pool({ connectionString: url, max: 10 });
