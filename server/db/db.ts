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
  /**
   * Run `fn` in one transaction; commit when it returns, roll back when it throws. With `settle`
   * (writes), a COMMIT whose connection fails is settled: the result when it had committed,
   * DbUnavailableError when it had not, OutcomeUnknownError while that cannot be learned.
   */
  tx<T>(fn: (q: Queryable) => Promise<T>, opts?: { settle?: boolean }): Promise<T>;
  close(): Promise<void>;
}

/**
 * Thrown when the database cannot be reached; the HTTP layer answers 503. `saved` says what is known
 * about the request's changes: 'no' when the failure came before anything could have been committed
 * (a transaction that never sent COMMIT, a connection that was never made), 'maybe' for a single
 * statement whose connection failed after it was sent.
 */
export class DbUnavailableError extends Error {
  override name = 'DbUnavailableError';
  constructor(
    message: string,
    options?: { cause?: unknown },
    readonly saved: 'no' | 'maybe' = 'no',
  ) {
    super(message, options);
  }
}

/** Thrown when a statement gave up on a lock or ran past its time limit (rolled back; retry). */
export class DbBusyError extends Error {
  override name = 'DbBusyError';
}

/**
 * Thrown when the connection failed while COMMIT was on its way or after it was sent and the
 * outcome could not be learned in time: the transaction may or may not have committed. A retry
 * with the same Idempotency-Key tells which.
 */
export class OutcomeUnknownError extends Error {
  override name = 'OutcomeUnknownError';
  constructor(
    message: string,
    options: { cause?: unknown },
    /** Resolves true once the transaction is known to have committed, false once known not to. */
    readonly settled: Promise<boolean>,
  ) {
    super(message, options);
  }
}

/** Per-session limits on the app's PostgreSQL connections (milliseconds; 0 turns one off). */
export interface SessionTimeouts {
  lockTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

/** How long a write waits to learn the outcome of a transaction whose COMMIT lost its connection. */
export interface SettleOptions {
  /** Within the request: the reply waits this long at most. */
  inRequestMs: number;
  /** In the background, after the reply: keep asking this long. */
  backgroundMs: number;
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

// lock_timeout (55P03 lock_not_available) and statement_timeout (57014 query_canceled).
const BUSY_CODES = new Set(['55P03', '57014']);

/** True when a statement gave up waiting for a lock or ran past statement_timeout. */
export function isBusy(err: unknown): boolean {
  if (err instanceof DbBusyError) return true;
  const code = (err as { code?: string } | null)?.code;
  return typeof code === 'string' && BUSY_CODES.has(code);
}

/** True when the failure came before the statement left this process (no connection was made). */
function neverSent(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    /timeout exceeded when trying to connect|connect ECONNREFUSED/i.test((err as Error).message)
  );
}

/**
 * True when an error means the database cannot serve the request now (unreachable, or busy past a
 * time limit) rather than the query being wrong: the HTTP layer answers 503.
 */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof DbUnavailableError || err instanceof DbBusyError || err instanceof OutcomeUnknownError)
    return true;
  return isConnectionLost(err) || isBusy(err);
}

/** True when the connection itself failed (the client cannot be used again). */
function isConnectionLost(err: unknown): boolean {
  if (err instanceof DbUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: string }).code;
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/i.test(
    err.message,
  );
}

/**
 * Map driver errors to ours. `saved` is what a lost connection means for this statement's effects:
 * inside a transaction before COMMIT nothing can have been saved; a single statement may have been.
 */
function wrap<T>(p: Promise<T>, saved: 'no' | 'maybe' = 'no'): Promise<T> {
  return p.catch((err: unknown) => {
    if (isConnectionLost(err))
      throw new DbUnavailableError('database unavailable', { cause: err }, neverSent(err) ? 'no' : saved);
    if (isBusy(err)) throw new DbBusyError('database busy', { cause: err });
    throw err;
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Connections per process in the PostgreSQL pool.
const POOL_MAX = 10;

function postgresDb(url: string, log: Logger, timeouts: SessionTimeouts, settle: SettleOptions): Db {
  // int8 (event seq) fits a JS number for any realistic lifetime; parse it as one.
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_MAX,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    // Sent as session settings at connect: a process frozen inside a transaction cannot hold its
    // locks (the event counter's above all) longer than these, and no statement waits forever.
    lock_timeout: timeouts.lockTimeoutMs,
    statement_timeout: timeouts.statementTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
  });

  /** The status of transaction `xid` once the database answers: 'committed', 'aborted' or 'in progress'. */
  const txStatus = async (xid: string): Promise<string | null> => {
    const { rows } = await pool.query<{ status: string | null }>('SELECT txid_status($1::bigint) AS status', [
      xid,
    ]);
    return rows[0]?.status ?? null;
  };

  /**
   * Ask until the outcome of `xid` is known or `untilMs` passes: true committed, false not committed,
   * null still unknown. 'in progress' means the old session has not finished yet: ask again.
   */
  const learnOutcome = async (xid: string, untilMs: number): Promise<boolean | null> => {
    for (let wait = 50; ; wait = Math.min(wait * 2, 500)) {
      try {
        const status = await txStatus(xid);
        if (status === 'committed') return true;
        // A null status means the xid is too old to tell, which cannot happen seconds after it ran.
        if (status === 'aborted' || status === null) return false;
      } catch (err) {
        log.debug({ err: (err as Error).message, xid }, 'transaction outcome not known yet');
      }
      if (Date.now() + wait > untilMs) return null;
      await sleep(wait);
    }
  };

  // An idle client losing its connection must not crash the process.
  pool.on('error', (err) => log.warn({ err: err.message }, 'postgres idle client error'));
  return {
    kind: 'postgres',
    query: async <R>(sql: string, params?: unknown[]) => ({
      rows: (await wrap(pool.query(sql, params), 'maybe')).rows as R[],
    }),
    exec: async (sql) => {
      await wrap(pool.query(sql), 'maybe');
    },
    async tx(fn, opts = {}) {
      // A connection lost between two statements of a checked-out client is emitted as an event:
      // without a listener it would crash the process. The next statement fails with it anyway.
      const onError = (err: Error) =>
        log.warn({ err: err.message }, 'postgres connection lost in a transaction');
      // Idle pooled connections that died with the last outage fail at BEGIN: nothing was sent, so
      // take a fresh one, as many times as the pool can hold dead ones (then a new connection).
      let client = await wrap(pool.connect());
      for (let attempt = 0; ; attempt++) {
        client.on('error', onError);
        try {
          await wrap(client.query('BEGIN'));
          break;
        } catch (err) {
          client.off('error', onError);
          client.release(true);
          if (!isConnectionLost(err) || attempt >= POOL_MAX) throw err;
          client = await wrap(pool.connect());
        }
      }
      let broken = false;
      let xid: string | undefined;
      try {
        // A write learns its transaction id (after its first statement, so SET TRANSACTION stays
        // first and the event counter's lock is not yet held): a COMMIT whose connection fails is
        // then settled by asking the database about that id.
        const learnXid = async () => {
          if (!opts.settle || xid !== undefined) return;
          const { rows } = await wrap(client.query<{ xid: string }>('SELECT txid_current()::text AS xid'));
          xid = rows[0]?.xid;
        };
        const result = await fn({
          query: async <R>(sql: string, params?: unknown[]) => {
            const { rows } = await wrap(client.query(sql, params));
            await learnXid();
            return { rows: rows as R[] };
          },
          exec: async (sql) => {
            await wrap(client.query(sql));
            await learnXid();
          },
        });
        try {
          await client.query('COMMIT');
        } catch (err) {
          if (!isConnectionLost(err)) throw err;
          broken = true;
          if (!xid) throw new DbUnavailableError('connection lost at COMMIT', { cause: err }, 'maybe');
          // COMMIT may have reached the database: the outcome is not known from here. Ask on
          // another connection, briefly within the request, then on in the background.
          const txid = xid;
          const started = Date.now();
          const first = await learnOutcome(txid, started + settle.inRequestMs);
          if (first === true) {
            log.warn({ xid: txid }, 'connection lost at COMMIT; the transaction had committed');
            return result;
          }
          if (first === false)
            throw new DbUnavailableError('database connection lost before commit', { cause: err }, 'no');
          const settled = learnOutcome(txid, started + settle.backgroundMs).then((v) => v === true);
          throw new OutcomeUnknownError(
            'connection lost at COMMIT; outcome unknown',
            { cause: err },
            settled,
          );
        }
        return result;
      } catch (err) {
        broken ||= isConnectionLost(err);
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

/** Defaults for the session timeouts and the settling of an unknown commit. */
export const DB_DEFAULTS: SessionTimeouts & { settle: SettleOptions } = {
  lockTimeoutMs: 5000,
  statementTimeoutMs: 15_000,
  idleInTransactionTimeoutMs: 10_000,
  settle: { inRequestMs: 1000, backgroundMs: 60_000 },
};

/**
 * Open PostgreSQL when a URL is given, else PGlite on disk in `dataDir` (one process; the session
 * timeouts do not apply to it).
 */
export async function openDb(
  opts: {
    databaseUrl: string | undefined;
    dataDir: string;
    timeouts?: SessionTimeouts;
    settle?: SettleOptions;
  },
  log: Logger,
): Promise<Db> {
  return opts.databaseUrl
    ? postgresDb(opts.databaseUrl, log, opts.timeouts ?? DB_DEFAULTS, opts.settle ?? DB_DEFAULTS.settle)
    : pgliteDb(opts.dataDir);
}
