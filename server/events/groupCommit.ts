import type { Db, Queryable } from '../db/db.js';
import { isConnectionLost } from '../db/errors.js';
import { appendEventGroups, type Actor, type NewEvent, type StoredEvent } from './log.js';

/** What one write produced inside the shared transaction: its value and the events it appends. */
export interface Work<T> {
  value: T;
  events: readonly NewEvent[];
  actor: Actor;
}

interface Job {
  work: (q: Queryable) => Promise<Work<unknown>>;
  /** Told the write's stored events once they are inserted (before the commit). */
  appended: (stored: StoredEvent[]) => void;
  resolve: (r: { value: unknown; stored: StoredEvent[] }) => void;
  reject: (err: unknown) => void;
  attempts: number;
}

/** What became of one write inside a batch, told to its caller once the batch has committed. */
type Outcome = { job: Job; work: Work<unknown> } | { job: Job; err: unknown };

export interface GroupCommitOptions {
  /**
   * Writes per transaction at most. Kept under PostgreSQL's 64 cached subtransactions per
   * backend (each write is one savepoint), past which every snapshot in the cluster gets slower.
   */
  maxBatch: number;
  /**
   * Batches of this process running their writes at once (each on its own connection). A batch
   * past its writes (appending and committing) no longer counts: the next one starts meanwhile.
   */
  concurrency: number;
}

// A write chosen as the victim of a deadlock between two batches (of two processes, touching the
// same records in another order) is rolled back to its savepoint and run again, this often at most.
const DEADLOCK = '40P01';
const DEADLOCK_RETRIES = 3;
const SAVEPOINT = 'group_commit_write';
// Batches of one process past their writes at once (each holds a pooled connection).
const MAX_COMMITTING = 4;

const isDeadlock = (err: unknown) => (err as { code?: string } | null)?.code === DEADLOCK;

/**
 * Group commit: the writes of this process that are waiting when a transaction starts run in that
 * one transaction, one after the other, each inside its own savepoint (a refused write rolls back
 * to it and leaves nothing, the others go on); then their events are appended in one statement
 * that takes the event counter once, and the batch commits once. The counter is taken last, so
 * its row lock (which serialises batches across processes and keeps seq gap-free in commit
 * order) is held only for that statement and the commit. Callers are answered only after the
 * commit, in seq order; a write that arrives when nothing is in flight starts at once, alone and
 * without a savepoint.
 */
export class GroupCommit {
  private readonly queue: Job[] = [];
  /** Batches running their writes, and batches past them (appending and committing). */
  private running = 0;
  private committing = 0;
  /** Transactions started and writes run in them (a write run again after a deadlock counts twice). */
  readonly stats = { batches: 0, writes: 0, largest: 0 };

  constructor(
    private readonly db: Db,
    private readonly opts: GroupCommitOptions = { maxBatch: 32, concurrency: 1 },
  ) {}

  /** Run `work` in the next batch; resolves after the commit with its value and stored events. */
  run<T>(
    work: (q: Queryable) => Promise<Work<T>>,
    appended: (stored: StoredEvent[]) => void = () => undefined,
  ): Promise<{ value: T; stored: StoredEvent[] }> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        work,
        appended,
        resolve: resolve as Job['resolve'],
        reject,
        attempts: 0,
      });
      this.pump();
    });
  }

  private pump() {
    while (
      this.running < this.opts.concurrency &&
      this.committing < MAX_COMMITTING &&
      this.queue.length > 0
    ) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.running++;
      this.stats.batches++;
      this.stats.writes += batch.length;
      this.stats.largest = Math.max(this.stats.largest, batch.length);
      // The next batch may start its writes as soon as this one is past its own: their round
      // trips then overlap this batch's wait for the counter and its commit.
      let phase: 'writes' | 'commit' = 'writes';
      const wrote = () => {
        if (phase === 'commit') return;
        phase = 'commit';
        this.running--;
        this.committing++;
        this.pump();
      };
      void this.commit(batch, wrote).finally(() => {
        if (phase === 'writes') this.running--;
        else this.committing--;
        this.pump();
      });
    }
  }

  /** Run one batch to its commit and answer each of its writes. */
  private async commit(batch: Job[], wrote: () => void): Promise<void> {
    const outcomes: Outcome[] = [];
    const again: Job[] = [];
    const storedOf = new Map<Job, StoredEvent[]>();
    try {
      await this.db.tx(
        async (q) => {
          for (const job of batch) {
            // Alone, a write needs no savepoint: its failure rolls the transaction back.
            if (batch.length === 1) outcomes.push({ job, work: await job.work(q) });
            else await this.runInSavepoint(q, job, outcomes, again);
          }
          wrote();
          const accepted = outcomes.flatMap((o) => ('work' in o ? [o] : []));
          const stored = await appendEventGroups(
            q,
            accepted.map((o) => o.work),
          );
          accepted.forEach((o, i) => {
            storedOf.set(o.job, stored[i]!);
            o.job.appended(stored[i]!);
          });
        },
        { settle: true },
      );
    } catch (err) {
      for (const job of batch) {
        if (batch.length === 1 && isDeadlock(err) && job.attempts++ < DEADLOCK_RETRIES) again.push(job);
        else if (!again.includes(job)) job.reject(err);
      }
      this.queue.unshift(...again);
      return;
    }
    this.queue.unshift(...again);
    for (const o of outcomes) {
      if ('work' in o) o.job.resolve({ value: o.work.value, stored: storedOf.get(o.job) ?? [] });
      else o.job.reject(o.err);
    }
  }

  /** One write of a batch inside its savepoint; a refused write rolls back to it. */
  private async runInSavepoint(q: Queryable, job: Job, outcomes: Outcome[], again: Job[]): Promise<void> {
    // Savepoints are not released: each write's nests in the one before, and rolling back to the
    // newest undoes only the write that failed (one round trip fewer per write).
    await q.query(`SAVEPOINT ${SAVEPOINT}`);
    try {
      outcomes.push({ job, work: await job.work(q) });
    } catch (err) {
      // A lost connection ends the whole batch: nothing of it was committed.
      if (isConnectionLost(err)) throw err;
      await q.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      if (isDeadlock(err) && job.attempts++ < DEADLOCK_RETRIES) again.push(job);
      else outcomes.push({ job, err });
    }
  }
}
