import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from '../logger.js';

/** Anything that runs a parameterised query. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Run a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** The database: PostgreSQL (pool) or embedded PGlite, behind one interface. */
export interface Db extends Queryable {
  kind: 'postgres' | 'pglite';
  /** Run `fn` in one transaction; commit when it returns, roll back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Thrown when the database cannot be reached; the HTTP layer answers 503. */
export class DbUnavailableError extends Error {
  override name = 'DbUnavailableError';
}

/** Thrown when another process holds the embedded database. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

// Connection-level failures: the server is down, restarting or unreachable.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** True when an error means the database is unreachable rather than the query being wrong. */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof DbUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: string }).code;
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/i.test(
    err.message,
  );
}

function wrap<T>(p: Promise<T>): Promise<T> {
  return p.catch((err: unknown) => {
    if (isUnavailable(err)) throw new DbUnavailableError('database unavailable', { cause: err });
    throw err;
  });
}

function postgresDb(url: string, log: Logger): Db {
  // int8 (event seq) fits a JS number for any realistic lifetime; parse it as one.
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', (err) => log.warn({ err: err.message }, 'postgres idle client error'));
  return {
    kind: 'postgres',
    query: async <R>(sql: string, params?: unknown[]) => ({
      rows: (await wrap(pool.query(sql, params))).rows as R[],
    }),
    exec: async (sql) => {
      await wrap(pool.query(sql));
    },
    async tx(fn) {
      const client = await wrap(pool.connect());
      // A connection lost between two statements of a checked-out client is emitted as an event:
      // without a listener it would crash the process. The next statement fails with it anyway.
      const onError = (err: Error) =>
        log.warn({ err: err.message }, 'postgres connection lost in a transaction');
      client.on('error', onError);
      let broken = false;
      try {
        await wrap(client.query('BEGIN'));
        const result = await fn({
          query: async <R>(sql: string, params?: unknown[]) => ({
            rows: (await wrap(client.query(sql, params))).rows as R[],
          }),
          exec: async (sql) => {
            await wrap(client.query(sql));
          },
        });
        await wrap(client.query('COMMIT'));
        return result;
      } catch (err) {
        broken = isUnavailable(err);
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.off('error', onError);
        // A client whose connection failed is destroyed, not returned to the pool.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** Take the data folder's lock file, refusing clearly when a live process holds it. */
function lockDataDir(dir: string): () => void {
  const lockPath = path.join(dir, 'pglite.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
        throw new DataDirLockedError(
          `The embedded database in ${dir} is in use by process ${holder}. PGlite cannot be shared: stop that process, use another DATA_DIR, or set DATABASE_URL to a PostgreSQL server to run several processes.`,
        );
      }
      // A stale lock from a process that died: take it over.
      fs.unlinkSync(lockPath);
    }
  }
  throw new DataDirLockedError(`Could not lock ${lockPath}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function pgliteDb(dataDir: string): Promise<Db> {
  const dir = path.resolve(dataDir, 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(path.resolve(dataDir));
  let db: PGlite;
  try {
    db = await PGlite.create(dir);
  } catch (err) {
    unlock();
    throw err;
  }
  return {
    kind: 'pglite',
    query: (sql, params) => db.query(sql, params),
    exec: async (sql) => {
      await db.exec(sql);
    },
    tx: (fn) =>
      db.transaction((t) =>
        fn({
          query: (sql, params) => t.query(sql, params),
          exec: async (sql) => {
            await t.exec(sql);
          },
        }),
      ),
    async close() {
      await db.close();
      unlock();
    },
  };
}

/** Open PostgreSQL when a URL is given, else PGlite on disk in `dataDir`. */
export async function openDb(
  opts: { databaseUrl: string | undefined; dataDir: string },
  log: Logger,
): Promise<Db> {
  return opts.databaseUrl ? postgresDb(opts.databaseUrl, log) : pgliteDb(opts.dataDir);
}
