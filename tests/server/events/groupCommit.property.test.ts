import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../../server/db/db.js';
import { pgliteDb } from '../../../server/db/pglite.js';
import { postgresDb } from '../../../server/db/postgres.js';
import { DB_DEFAULTS } from '../../../server/db/db.js';
import { migrate } from '../../../server/db/migrations.js';
import { memoryBus } from '../../../server/bus/bus.js';
import { createLogger } from '../../../server/logger.js';
import { HttpError } from '../../../server/http/errors.js';
import type { StoredEvent } from '../../../server/events/log.js';
import { Writer, requestHash, type Idempotency, type WriteResult } from '../../../server/events/writer.js';
import { freshPostgres, STORAGES } from '../../helpers/db.js';

// The write path against a real database, checked against a sequential model: many writes in
// flight at once (through two writers, as two processes, on PostgreSQL), some on a stale version,
// some refused after they changed the record, some retried with the same Idempotency-Key.

const RECORDS = 3;
const log = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Op {
  writer: number;
  record: number;
  /** fresh: based on the version read just before; stale: one older; refuse: changes, then throws. */
  kind: 'fresh' | 'stale' | 'refuse';
  /** When set, send again with the Idempotency-Key and request of this earlier op. */
  retryOf: number | null;
  delayMs: number;
}

const opArb = (writers: number) =>
  fc.record({
    writer: fc.integer({ min: 0, max: writers - 1 }),
    record: fc.integer({ min: 0, max: RECORDS - 1 }),
    kind: fc.constantFrom('fresh', 'fresh', 'stale', 'refuse'),
    retryOf: fc.option(fc.nat(), { nil: null, freq: 3 }),
    delayMs: fc.integer({ min: -2, max: 4 }),
  }) as fc.Arbitrary<Op>;

type Body = { op: number; version: number; value: number };
type Reply =
  | { ok: true; status: number; body: Body; replayed: boolean }
  | { ok: false; status: number; current?: unknown };

/** The body of one write: a version-checked update of a test record, with one event. */
const update =
  (id: string, base: number, op: number, refuse: boolean) =>
  async (q: Queryable): Promise<WriteResult<Body>> => {
    const { rows } = await q.query<{ version: number }>(
      'SELECT version FROM prop_records WHERE id = $1 FOR UPDATE',
      [id],
    );
    const current = rows[0]!.version;
    if (current !== base) throw new HttpError(409, 'conflict', 'stale', undefined, { version: current });
    const next = { op, version: current + 1, value: op };
    await q.query('UPDATE prop_records SET version = $2, value = $3 WHERE id = $1', [id, next.version, op]);
    // A refusal after the change: the savepoint must take the change back.
    if (refuse) throw new HttpError(422, 'bad_request', 'refused');
    return {
      status: 200,
      body: next,
      events: [{ type: 'shelter:updated', entity: 'prop', entityId: id, data: next }],
    };
  };

/**
 * A Db that records the first word of each statement a transaction sends into `sent` (and `TX` as
 * each transaction opens, with `transactions`).
 */
function recordingDb(base: Db, sent: string[], opts: { transactions?: boolean } = {}): Db {
  return {
    ...base,
    tx: (fn, txOpts) => {
      if (opts.transactions) sent.push('TX');
      return base.tx(
        (q) =>
          fn({
            query: (sql, params) => (
              sent.push(sql.trim().split(/\s+/)[0]!.toUpperCase()),
              q.query(sql, params)
            ),
            exec: (sql) => (sent.push(sql), q.exec(sql)),
          }),
        txOpts,
      );
    },
  };
}

describe.each(STORAGES)('group commit against a sequential model on %s', (storage) => {
  const dbs: Db[] = [];
  const writers: Writer[] = [];
  const published: StoredEvent[][] = [];
  let cleanup: () => Promise<void> = () => Promise.resolve();
  const viewer = { userId: randomUUID(), orgId: randomUUID() };

  beforeAll(async () => {
    if (storage === 'pglite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sho-gc-'));
      dbs.push(await pgliteDb(dir));
      cleanup = () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true }));
    } else {
      const pg = await freshPostgres();
      // Two pools, as two server processes: their batches meet at the event counter's row lock.
      for (let i = 0; i < 2; i++) dbs.push(postgresDb(pg.url, log, DB_DEFAULTS, DB_DEFAULTS.settle));
      cleanup = pg.drop;
    }
    await migrate(dbs[0]!, log);
    await dbs[0]!.exec(
      'CREATE TABLE prop_records (id uuid PRIMARY KEY, version int NOT NULL, value int NOT NULL)',
    );
    for (const db of dbs) {
      const bus = memoryBus();
      bus.subscribe((events) => published.push(events));
      writers.push(new Writer(db, bus, log));
    }
  }, 120_000);
  afterAll(async () => {
    for (const db of dbs) await db.close();
    await cleanup();
  });

  it('keeps seq gap-free, one event per accepted write, retries answered once, refusals leaving nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb(writers.length), { minLength: 1, maxLength: 24 }), async (ops) => {
        const ids: string[] = Array.from({ length: RECORDS }, () => randomUUID());
        for (const id of ids) await dbs[0]!.query('INSERT INTO prop_records VALUES ($1, 1, 0)', [id]);
        // A retry names an earlier op; the first op of a chain owns the key and the request.
        const owner = ops.map((o, i) => (o.retryOf !== null && i > 0 ? owner_(o.retryOf % i) : i));
        function owner_(j: number): number {
          const o = ops[j]!;
          return o.retryOf !== null && j > 0 ? owner_(o.retryOf % j) : j;
        }
        const keys = ops.map((_, i) => `prop-${ids[0]}-${owner[i]}`);
        // Every chain is based on the version its record had when the writes began (one older when
        // stale): of the fresh writes on one record, the first to commit wins and the others conflict.
        const bases = new Map<number, number>();
        for (const [i, o] of ops.entries()) if (owner[i] === i) bases.set(i, o.kind === 'stale' ? 0 : 1);
        const replies: Reply[] = await Promise.all(
          ops.map(async (o, i) => {
            if (o.delayMs > 0) await sleep(o.delayMs); // 0: sent in the same turn as the first
            const first = ops[owner[i]!]!;
            const id = ids[first.record]!;
            const base = bases.get(owner[i]!)!;
            const idem: Idempotency = {
              key: keys[i]!,
              requestHash: requestHash('PATCH', `/prop/${id}`, { base }),
            };
            const w = writers[o.writer]!;
            try {
              const r = await w.write(viewer, idem, update(id, base, owner[i]!, first.kind === 'refuse'));
              return { ok: true, ...r };
            } catch (err) {
              if (!(err instanceof HttpError)) throw err;
              return { ok: false, status: err.status, current: err.current };
            }
          }),
        );
        await sleep(5); // the memory bus delivers on the next turn

        // The whole log: seq 1..head with no gap, each published exactly once.
        const { rows: all } = await dbs[0]!.query<{ seq: number | string; n: number | string }>(
          'SELECT max(seq) AS seq, count(*) AS n FROM events',
        );
        expect(Number(all[0]!.n)).toBe(Number(all[0]!.seq));
        const { rows: head } = await dbs[0]!.query<{ seq: number | string }>('SELECT seq FROM event_counter');
        expect(Number(head[0]!.seq)).toBe(Number(all[0]!.seq));

        const { rows: evs } = await dbs[0]!.query<{ seq: number | string; entity_id: string; data: Body }>(
          `SELECT seq, entity_id, data FROM events WHERE entity = 'prop' AND entity_id = ANY($1::uuid[]) ORDER BY seq`,
          [ids],
        );
        const pubSeqs = published.flat().map((e) => e.seq);
        for (const e of evs) expect(pubSeqs.filter((s) => s === Number(e.seq))).toHaveLength(1);

        // One event per accepted first attempt; every other attempt on its key answers the same.
        const accepted = new Map<number, Body>();
        replies.forEach((r, i) => {
          if (!r.ok) return;
          const prior = accepted.get(owner[i]!);
          if (prior) expect(r.body).toEqual(prior);
          else accepted.set(owner[i]!, r.body);
        });
        for (const [op, body] of accepted) {
          const fresh = replies.filter((r, i) => owner[i] === op && r.ok && !r.replayed);
          expect(fresh).toHaveLength(1);
          expect(evs.filter((e) => e.data.op === op).map((e) => e.data)).toEqual([body]);
        }
        expect(evs).toHaveLength(accepted.size);

        // Replay the log in seq order on the model: each record's versions go 1, 2, 3, ... (no
        // lost update, commit order = seq order) and the table ends where the model does.
        const model = ids.map(() => ({ version: 1, value: 0 }));
        for (const e of evs) {
          const m = model[ids.indexOf(e.entity_id)]!;
          expect(e.data.version).toBe(m.version + 1);
          Object.assign(m, { version: e.data.version, value: e.data.value });
        }
        const { rows: final } = await dbs[0]!.query<{ id: string; version: number; value: number }>(
          'SELECT id, version, value FROM prop_records WHERE id = ANY($1::uuid[])',
          [ids],
        );
        for (const r of final)
          expect({ version: r.version, value: r.value }).toEqual(model[ids.indexOf(r.id)]);

        // Refusals and stale writes left nothing: no event, no stored reply under their key.
        for (const [i, r] of replies.entries()) {
          const kind = ops[owner[i]!]!.kind;
          if (kind === 'refuse') expect(r.ok ? 200 : r.status).toBeOneOf([409, 422]);
          if (kind === 'stale') expect(r).toMatchObject({ ok: false, status: 409 });
          if (!r.ok && r.status === 409)
            expect((r.current as { version: number }).version).not.toBe(bases.get(owner[i]!));
        }
        const refusedKeys = keys.filter((_, i) => !accepted.has(owner[i]!));
        const { rows: stray } = await dbs[0]!.query(
          'SELECT key FROM idempotency_keys WHERE key = ANY($1::text[])',
          [refusedKeys],
        );
        expect(stray).toEqual([]);
      }),
      { numRuns: storage === 'pglite' ? 25 : 40 },
    );
    // The writes did share transactions.
    const stats = writers.map((w) => w.commits.stats);
    expect(stats.reduce((a, s) => a + s.writes, 0)).toBeGreaterThan(stats.reduce((a, s) => a + s.batches, 0));
    expect(Math.max(...stats.map((s) => s.largest))).toBeGreaterThan(1);
  }, 300_000);

  it('answers a write that waits alone at once, in a transaction of its own with no savepoint', async () => {
    // The statements a write sends, through a Db that records them.
    const sent: string[] = [];
    const base = dbs[0]!;
    const recording = recordingDb(base, sent);
    const w = new Writer(recording, memoryBus(), log);
    const id: string = randomUUID();
    await base.query('INSERT INTO prop_records VALUES ($1, 1, 0)', [id]);
    await w.write(viewer, { key: randomUUID(), requestHash: 'h' }, update(id, 1, -1, false));
    expect(w.commits.stats).toEqual({ batches: 1, writes: 1, largest: 1 });
    // Its key, its body (the record's lock and update), then one statement for its events and
    // the reply stored under its key (issue 12: the reply no longer takes a round trip of its own).
    expect(sent).toEqual(['INSERT', 'SELECT', 'UPDATE', 'WITH']);
  });

  it("claims a batch's keys in one statement, and answers a key sent twice in one batch as a retry", async () => {
    // The statements of each transaction, through a Db that records them ('TX' opens one).
    const sent: string[] = [];
    const base = dbs[0]!;
    const recording = recordingDb(base, sent, { transactions: true });
    const w = new Writer(recording, memoryBus(), log);
    const ids: string[] = Array.from({ length: 4 }, () => randomUUID());
    for (const id of ids) await base.query('INSERT INTO prop_records VALUES ($1, 1, 0)', [id]);
    const idem = (i: number): Idempotency => ({ key: `batch-${ids[0]}-${i}`, requestHash: `h${i}` });
    // The first write holds its batch open until the others wait in the queue: they share the next.
    let open!: () => void;
    const held = new Promise<void>((r) => (open = r));
    const first = w.write(viewer, idem(0), async (q) => {
      await held;
      return update(ids[0]!, 1, 0, false)(q);
    });
    await sleep(20);
    const rest = [1, 2, 3].map((i) => w.write(viewer, idem(i), update(ids[i]!, 1, i, false)));
    const again = w.write(viewer, idem(1), update(ids[1]!, 1, 1, false));
    open();
    const replies = await Promise.all([first, ...rest, again]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(replies.map((r) => r.replayed)).toEqual([false, false, false, false, true]);
    expect(replies[4]?.body).toEqual(replies[1]?.body);
    const txs = sent
      .join(' ')
      .split('TX')
      .map((t) => t.trim().split(' '))
      .slice(1);
    // The shared batch: one claim for its three keys, then each write's savepoint and statements,
    // then one statement for the events and the replies (the old path took two per key).
    const each = ['SAVEPOINT', 'SELECT', 'UPDATE'];
    expect(txs[1]).toEqual(['INSERT', ...each, ...each, ...each, 'WITH']);
    // The repeated key waited for the next batch and read the reply stored by the first.
    expect(txs[2]).toEqual(['INSERT', 'SELECT']);
    const { rows } = await base.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events WHERE entity_id = ANY($1::uuid[])',
      [ids],
    );
    expect(rows[0]!.n).toBe(4);
  });
});
