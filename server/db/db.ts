import type { Logger } from '../logger.js';
import { pgliteDb } from './pglite.js';
import { postgresDb } from './postgres.js';

export {
  DataDirLockedError,
  DbBusyError,
  DbUnavailableError,
  OutcomeUnknownError,
  isBusy,
  isUnavailable,
} from './errors.js';

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
   * DbUnavailableError when it had not, OutcomeUnknownError while that cannot be learned. With
   * `prepare` (the group commit's writes, which run again a write that meets a stale plan), its
   * statements with parameters are prepared by name on the connection (PostgreSQL only).
   */
  tx<T>(fn: (q: Queryable) => Promise<T>, opts?: { settle?: boolean; prepare?: boolean }): Promise<T>;
  close(): Promise<void>;
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
