import pg from 'pg';
import type { Logger } from '../logger.js';
import type { Db, SessionTimeouts, SettleOptions } from './db.js';
import { DbUnavailableError, OutcomeUnknownError, isConnectionLost, isStalePlan, wrap } from './errors.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Connections per process in the PostgreSQL pool.
const POOL_MAX = 10;

// Distinct statement texts prepared by name, per process; later ones are sent unnamed. The write
// path has a few dozen fixed ones, and an update's SET list varies with the fields sent, so a
// bound keeps each connection's plans few (PostgreSQL keeps them per connection).
const PREPARED_MAX = 64;

/**
 * Names for the statements of writes (a tx with `prepare`), so that each connection parses and
 * plans them once, not at every call: PostgreSQL planned the shelter update's 23 parameters, the
 * key claim and the event append anew for each write (issue 12, bench/writesOnly.ts interleaved:
 * 1 writer p50 4.3-4.7 ms unnamed, 3.7-4.2 ms named; 8 writers within the noise). A text whose
 * plan can no longer serve (isStalePlan: another process's migration changed its result's
 * columns) is sent unnamed from then on; the write that met it runs again (groupCommit.ts). A
 * pooler between the app and PostgreSQL must keep prepared statements per client (PgBouncer 1.21
 * and later in transaction mode, with max_prepared_statements set; session mode always does).
 */
function statementNames(max: number) {
  const names = new Map<string, string | null>();
  return {
    of(sql: string): string | undefined {
      let name = names.get(sql);
      if (name === undefined) {
        if (names.size >= max) return undefined;
        names.set(sql, (name = `sho_${names.size}`));
      }
      return name ?? undefined;
    },
    drop(sql: string) {
      names.set(sql, null);
    },
  };
}

/** A PostgreSQL pool with session timeouts, dead-connection replacement at BEGIN and COMMIT settling. */
export function postgresDb(url: string, log: Logger, timeouts: SessionTimeouts, settle: SettleOptions): Db {
  // int8 (event seq) fits a JS number for any realistic lifetime; parse it as one.
  pg.types.setTypeParser(20, (v) => Number(v));
  const named = statementNames(PREPARED_MAX);
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
    // Pipelined: a statement is sent without waiting for the answer to the one before (each is
    // still answered in order, and one that fails fails alone). A write's transaction sends its
    // BEGIN and the statement that learns its id together, and a batch a write's savepoint with
    // its first statement (groupCommit.ts): round trips the write no longer waits for (issue 12).
    pipeline: true,
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
      let xid: string | undefined;
      for (let attempt = 0; ; attempt++) {
        client.on('error', onError);
        try {
          // A write learns its transaction id with its BEGIN (one round trip, pipelined): a COMMIT
          // whose connection fails is then settled by asking the database about that id. (So a
          // write's transaction cannot SET TRANSACTION; only the snapshot's does, not settled.)
          const begin = wrap(client.query('BEGIN'));
          const id = opts.settle
            ? wrap(client.query<{ xid: string }>('SELECT txid_current()::text AS xid'))
            : null;
          id?.catch(() => undefined);
          await begin;
          if (id) xid = (await id).rows[0]?.xid;
          break;
        } catch (err) {
          client.off('error', onError);
          client.release(true);
          if (!isConnectionLost(err) || attempt >= POOL_MAX) throw err;
          client = await wrap(pool.connect());
        }
      }
      let broken = false;
      try {
        const result = await fn({
          query: async <R>(sql: string, params?: unknown[]) => {
            // Only statements with parameters: the others (SAVEPOINT) go by the simple protocol.
            const name = opts.prepare && params?.length ? named.of(sql) : undefined;
            const sent = name ? client.query({ name, text: sql, values: params }) : client.query(sql, params);
            const { rows } = await wrap(
              sent.catch((err: unknown) => {
                if (isStalePlan(err)) named.drop(sql);
                throw err;
              }),
            );
            return { rows: rows as R[] };
          },
          exec: async (sql) => {
            await wrap(client.query(sql));
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
