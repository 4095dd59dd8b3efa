import { createHash } from 'node:crypto';
import { OutcomeUnknownError, type Db, type Queryable } from '../db/db.js';
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
      // The key is claimed by the batch (claimKeys, one statement for all its writes) and the
      // reply stored under it by the batch's last statement (appendEventGroups): a key costs the
      // write no round trip of its own.
      const claim =
        idem && viewer ? { userId: viewer.userId, key: idem.key, requestHash: idem.requestHash } : null;
      const ran = await this.commits.run(
        async (q) => {
          const result = await fn(q);
          // The events are appended by the batch, last: the event counter's row lock is then
          // held only until the commit.
          return {
            value: { status: result.status, body: result.body, replayed: false },
            events: result.events,
            actor,
            reply: { status: result.status, body: result.body },
          };
        },
        (s) => {
          appended = s;
        },
        claim,
      );
      if (ran.prior) {
        // The key was used before (a concurrent first attempt has committed by now: the claim
        // waited on its row).
        if (ran.prior.requestHash !== idem!.requestHash) {
          throw new HttpError(
            422,
            'idempotency_mismatch',
            'This Idempotency-Key was already used for a different request.',
          );
        }
        return { status: ran.prior.status, body: ran.prior.body as T, replayed: true };
      }
      const { value: outcome, stored } = ran;
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
