import type { Db, Queryable } from '../db/db.js';
import { isConnectionLost, isStalePlan } from '../db/errors.js';
import {
  appendEventGroups,
  claimKeys,
  type Actor,
  type KeyClaim,
  type NewEvent,
  type PriorReply,
  type StoredEvent,
} from './log.js';

/** What one write produced inside the shared transaction: its value and the events it appends. */
export interface Work<T> {
  value: T;
  events: readonly NewEvent[];
  actor: Actor;
  /** The reply to store under the write's Idempotency-Key (when it has one). */
  reply?: { status: number; body: unknown };
}

/** How a write ended: run (its value and stored events), or answered from its key's stored reply. */
export type Ran<T> = { value: T; stored: StoredEvent[]; prior?: undefined } | { prior: PriorReply };

interface Job {
  work: (q: Queryable) => Promise<Work<unknown>>;
  /** The write's Idempotency-Key, claimed for it at the start of its batch. */
  claim: KeyClaim | null;
  /** Told the write's stored events once they are inserted (before the commit). */
  appended: (stored: StoredEvent[]) => void;
  resolve: (r: Ran<unknown>) => void;
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
   * past its writes (appending and committing) no longer counts, but no batch starts while one is
   * committing (MAX_COMMITTING).
   */
  concurrency: number;
}

// A write chosen as the victim of a deadlock between two batches (of two processes, touching the
// same records in another order), or one that met a prepared statement whose plan a migration
// made stale (postgres.ts: sent unnamed from then on), is rolled back to its savepoint and run
// again, this often at most.
const DEADLOCK = '40P01';
const RETRIES = 3;
const SAVEPOINT = 'group_commit_write';
// A new batch starts only when no batch of this process is past its writes (waiting for the event
// counter or committing). Every commit holds the counter's row lock through its WAL flush, so
// commits are one at a time across all processes and a write's cost is mostly its share of one
// flush (issue 12: at 8 writers on two processes a commit took 5-10 ms on a loaded disk, the
// statements ~1 ms each). Started meanwhile, batches of one or two writes each queued for their own
// flush (4 allowed: 140-180 writes/s in bench/writePath.ts-style probes); held back, the writes that
// arrive during a commit go into the next batch together (1 allowed: 250/s, same machine, minutes
// apart). This process's next batch still runs its writes while the other processes commit.
const MAX_COMMITTING = 1;

const runAgain = (err: unknown) => (err as { code?: string } | null)?.code === DEADLOCK || isStalePlan(err);

/**
 * Group commit: the writes of this process that are waiting when a transaction starts run in that
 * one transaction: their Idempotency-Keys claimed in one statement (claimKeys), then the writes
 * one after the other, each inside its own savepoint (a refused write rolls back to it and leaves
 * nothing, the others go on; its key is given up); then their events are appended and their
 * replies stored in one statement that takes the event counter once, and the batch commits once. The counter is taken last, so
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

  /**
   * Run `work` in the next batch; resolves after the commit with its value and stored events, or
   * (when `claim`'s key was used before) with the reply stored under it, without running `work`.
   */
  run<T>(
    work: (q: Queryable) => Promise<Work<T>>,
    appended: (stored: StoredEvent[]) => void = () => undefined,
    claim: KeyClaim | null = null,
  ): Promise<Ran<T>> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        work,
        claim,
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
      // The next batch starts once this one has committed (MAX_COMMITTING), with every write
      // that arrived meanwhile; with `concurrency` above 1, others run their writes beside it.
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
    const priorOf = new Map<Job, PriorReply>();
    try {
      await this.db.tx(
        async (q) => {
          // The batch's keys in one statement (two when some were used before), not two round
          // trips per write: each write's own are then only its savepoint and its statements.
          const claimed = batch.filter((j) => j.claim);
          const { prior, later } = claimed.length
            ? await claimKeys(
                q,
                claimed.map((j) => j.claim!),
              )
            : { prior: new Map<number, PriorReply>(), later: new Set<number>() };
          const runs: Job[] = [];
          claimed.forEach((job, i) => {
            const p = prior.get(i);
            // A key twice in one batch: the later write runs in the next batch, once the first has
            // committed (or not), and is answered as a retry of it.
            if (later.has(i)) again.push(job);
            else if (p) priorOf.set(job, p);
          });
          for (const job of batch) if (!again.includes(job) && !priorOf.has(job)) runs.push(job);
          for (const job of runs) {
            // Alone, a write needs no savepoint: its failure rolls the transaction back.
            if (batch.length === 1) outcomes.push({ job, work: await job.work(q) });
            else await this.runInSavepoint(q, job, outcomes, again);
          }
          wrote();
          const accepted = outcomes.flatMap((o) => ('work' in o ? [o] : []));
          // A claimed key whose write did not go through is given up (it was claimed outside the
          // write's savepoint), in the same statement that stores the others' replies.
          const kept = new Set(accepted.map((o) => o.job));
          const stored = await appendEventGroups(
            q,
            accepted.map((o) => o.work),
            {
              replies: accepted.flatMap((o) =>
                o.job.claim && o.work.reply ? [{ ...o.job.claim, ...o.work.reply }] : [],
              ),
              released: runs.filter((j) => j.claim && !kept.has(j)).map((j) => j.claim!),
            },
          );
          accepted.forEach((o, i) => {
            storedOf.set(o.job, stored[i]!);
            o.job.appended(stored[i]!);
          });
        },
        { settle: true, prepare: true },
      );
    } catch (err) {
      // Nothing of the batch was committed: a deadlock or a stale plan at one of its own
      // statements (or of a write alone in it, without a savepoint) runs its writes again.
      for (const job of batch) {
        if (again.includes(job)) continue;
        if (runAgain(err) && job.attempts++ < RETRIES) again.push(job);
        else job.reject(err);
      }
      this.queue.unshift(...again);
      return;
    }
    this.queue.unshift(...again);
    for (const [job, prior] of priorOf) job.resolve({ prior });
    for (const o of outcomes) {
      if ('work' in o) o.job.resolve({ value: o.work.value, stored: storedOf.get(o.job) ?? [] });
      else o.job.reject(o.err);
    }
  }

  /** One write of a batch inside its savepoint; a refused write rolls back to it. */
  private async runInSavepoint(q: Queryable, job: Job, outcomes: Outcome[], again: Job[]): Promise<void> {
    // Savepoints are not released: each write's nests in the one before, and rolling back to the
    // newest undoes only the write that failed (one round trip fewer per write).
    // Sent with the write's first statement (the pool pipelines: postgres.ts), not waited for on
    // its own; answered before it, so a failed savepoint fails the write's statements too.
    const savepoint = q.query(`SAVEPOINT ${SAVEPOINT}`);
    savepoint.catch(() => undefined);
    try {
      const work = await job.work(q);
      await savepoint;
      outcomes.push({ job, work });
    } catch (err) {
      // A lost connection ends the whole batch: nothing of it was committed.
      if (isConnectionLost(err)) throw err;
      await q.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      if (runAgain(err) && job.attempts++ < RETRIES) again.push(job);
      else outcomes.push({ job, err });
    }
  }
}
