import { createHash } from 'node:crypto';
import { OutcomeUnknownError, type Db, type Queryable } from '../db/db.js';
import { all, first, json, qb } from '../db/query.js';
import type { Bus } from '../bus/bus.js';
import type { Logger } from '../logger.js';
import type { Viewer } from '../auth/viewer.js';
import { HttpError } from '../http/errors.js';
import { GroupCommit, type GroupCommitOptions } from './groupCommit.js';
import type { ChangeType } from '../../shared/events.js';
import { recordEvent, type NewEvent, type StoredEvent } from './log.js';

/** What a write produces inside its transaction. */
export interface WriteResult<T> {
  status: number;
  body: T;
  events: NewEvent[];
}

/** A create's result: 201, the record as the caller may see it, and the record's `created` event. */
export const created = <T>(type: ChangeType, record: { id: string }, body: T): WriteResult<T> => ({
  status: 201,
  body,
  events: [recordEvent(type, record)],
});

/** An idempotency key and the hash of the request it was first used with. */
export interface Idempotency {
  key: string;
  requestHash: string;
}

/** Hash of a request, so a key reused for a different request is refused. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path} ${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

/**
 * Runs every write: it changes the record, appends its events and records the reply under the
 * idempotency key, all or nothing, in a transaction it may share with the other writes waiting at
 * that moment (group commit, groupCommit.ts); publishes after commit without holding the reply (a publish
 * that fails or times out is logged, and the processes catch up from the log). Tracks writes in
 * flight for shutdown.
 */
export class Writer {
  private inFlight = 0;
  private drained: (() => void)[] = [];

  readonly commits: GroupCommit;

  constructor(
    db: Db,
    private readonly bus: Bus,
    private readonly log: Logger,
    opts?: GroupCommitOptions,
  ) {
    this.commits = new GroupCommit(db, opts);
  }

  async write<T>(
    viewer: Pick<Viewer, 'userId' | 'orgId'> | null,
    idem: Idempotency | null,
    fn: (q: Queryable) => Promise<WriteResult<T>>,
  ): Promise<{ status: number; body: T; replayed: boolean }> {
    this.inFlight++;
    // The events of the current attempt, kept for a commit whose outcome is settled later.
    let appended: StoredEvent[] = [];
    const actor = { userId: viewer?.userId ?? null, orgId: viewer?.orgId ?? null };
    try {
      const { value: outcome, stored } = await this.commits.run(
        async (q) => {
          if (idem && viewer) {
            const rows = await all(
              q,
              qb
                .insertInto('idempotency_keys')
                .values({
                  user_id: viewer.userId,
                  key: idem.key,
                  request_hash: idem.requestHash,
                  status: 0,
                  body: json(null),
                })
                .onConflict((oc) => oc.doNothing())
                .returning('key'),
            );
            if (rows.length === 0) {
              // The key was used before (a concurrent first attempt has committed by now: the
              // insert waited on its row lock; or it is an earlier write of the same batch).
              const p = (await first(
                q,
                qb
                  .selectFrom('idempotency_keys')
                  .select(['request_hash', 'status', 'body'])
                  .where('user_id', '=', viewer.userId)
                  .where('key', '=', idem.key),
              ))!;
              if (p.request_hash !== idem.requestHash) {
                throw new HttpError(
                  422,
                  'idempotency_mismatch',
                  'This Idempotency-Key was already used for a different request.',
                );
              }
              return { value: { status: p.status, body: p.body as T, replayed: true }, events: [], actor };
            }
          }
          const result = await fn(q);
          if (idem && viewer) {
            await all(
              q,
              qb
                .updateTable('idempotency_keys')
                .set({ status: result.status, body: json(result.body) })
                .where('user_id', '=', viewer.userId)
                .where('key', '=', idem.key),
            );
          }
          // The events are appended by the batch, last: the event counter's row lock is then
          // held only until the commit.
          return {
            value: { status: result.status, body: result.body, replayed: false },
            events: result.events,
            actor,
          };
        },
        (s) => {
          appended = s;
        },
      );
      this.publish(stored);
      return outcome;
    } catch (err) {
      if (err instanceof OutcomeUnknownError) {
        // The reply says "unknown"; once the database tells, a committed write is fanned out
        // here (a same-key retry meanwhile gets the stored reply).
        const events = appended;
        void err.settled.then((committed) => {
          this.log.warn({ committed, seq: events.map((e) => e.seq) }, 'unknown commit outcome settled');
          if (committed) this.publish(events);
        });
      }
      throw err;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.drained.splice(0).forEach((r) => r());
    }
  }

  /** Fan committed events out without waiting: the bus bounds its own time and logs failures. */
  private publish(stored: StoredEvent[]) {
    if (!stored.length) return;
    this.log.info({ seq: stored.map((e) => e.seq), type: stored.map((e) => e.type) }, 'events committed');
    this.bus.publish(stored).catch((err: unknown) => {
      this.log.warn({ err: (err as Error).message, seq: stored[0]?.seq }, 'event publish failed');
    });
  }

  /** Resolves once no write is in flight. */
  drain(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((r) => this.drained.push(r));
  }
}
