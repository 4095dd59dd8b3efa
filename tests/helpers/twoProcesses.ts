import { freshPostgres, POSTGRES_URL } from './db.js';
import { startPostgresServer, type PostgresServer } from './postgres.js';
import { testRedis, uniquePrefix } from './redis.js';
import { spawnServer, type ServerProcess } from './server.js';

/** Two server processes sharing one fresh database and one Redis: the production shape. */
export interface TwoProcesses {
  a: ServerProcess;
  b: ServerProcess;
  dbUrl: string;
  stop(): Promise<void>;
}

/**
 * Start two demo server processes on the server at DATABASE_URL when set (CI), else on a private
 * PostgreSQL. `together` starts both at once (migrations and the seed must cope with that);
 * otherwise the second starts once the first is up.
 */
export async function startTwoProcesses(
  opts: { env?: Record<string, string>; together?: boolean } = {},
): Promise<TwoProcesses> {
  let privatePg: PostgresServer | undefined;
  let db: Awaited<ReturnType<typeof freshPostgres>> | undefined;
  let redis: Awaited<ReturnType<typeof testRedis>> | undefined;
  const started: ServerProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((s) => s.stop()));
    await db?.drop();
    await redis?.stop();
    await privatePg?.destroy();
  };
  try {
    if (!POSTGRES_URL) privatePg = await startPostgresServer();
    [db, redis] = await Promise.all([freshPostgres(POSTGRES_URL ?? privatePg!.url), testRedis()]);
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: uniquePrefix(),
      DEMO: '1',
      ...opts.env,
    };
    const spawn = async () => {
      const s = await spawnServer(env);
      started.push(s);
      return s;
    };
    const [a, b] = opts.together ? await Promise.all([spawn(), spawn()]) : [await spawn(), await spawn()];
    return { a, b, dbUrl: db.url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
