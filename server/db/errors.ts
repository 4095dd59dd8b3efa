// How driver failures map to ours: the HTTP layer answers 503 for any of these.

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

/**
 * True when a prepared statement's plan cannot serve any more: a migration (of another process,
 * mid-deploy) changed the columns its result has. Run again unprepared, it succeeds.
 */
export function isStalePlan(err: unknown): boolean {
  const e = err as { code?: string; routine?: string; message?: string } | null;
  // By the server's function that refused (its message is translated under lc_messages).
  return (
    e?.code === '0A000' &&
    (e.routine === 'RevalidateCachedQuery' ||
      /cached plan must not change result type/i.test(e.message ?? ''))
  );
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
export function isConnectionLost(err: unknown): boolean {
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
export function wrap<T>(p: Promise<T>, saved: 'no' | 'maybe' = 'no'): Promise<T> {
  return p.catch((err: unknown) => {
    if (isConnectionLost(err))
      throw new DbUnavailableError('database unavailable', { cause: err }, neverSent(err) ? 'no' : saved);
    if (isBusy(err)) throw new DbBusyError('database busy', { cause: err });
    throw err;
  });
}
