import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_DEFAULTS, type Db, type Queryable } from '../../../server/db/db.js';
import { postgresDb } from '../../../server/db/postgres.js';
import { migrate } from '../../../server/db/migrations.js';
import { memoryBus } from '../../../server/bus/bus.js';
import { createLogger } from '../../../server/logger.js';
import { Writer, type WriteResult } from '../../../server/events/writer.js';
import { freshPostgres, POSTGRES_URL } from '../../helpers/db.js';

// Two processes whose batches lock the same two records in opposite orders deadlock; PostgreSQL
// cancels one statement, and that write alone is rolled back to its savepoint and run again.

const log = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(POSTGRES_URL)('group commit across two processes', () => {
  let dbs: Db[] = [];
  let drop: () => Promise<void> = () => Promise.resolve();

  beforeAll(async () => {
    const pg = await freshPostgres();
    drop = pg.drop;
    dbs = [0, 1].map(() => postgresDb(pg.url, log, DB_DEFAULTS, DB_DEFAULTS.settle));
    await migrate(dbs[0]!, log);
    await dbs[0]!.exec('CREATE TABLE dl_records (id uuid PRIMARY KEY, n int NOT NULL)');
  }, 60_000);
  afterAll(async () => {
    for (const db of dbs) await db.close();
    await drop();
  });

  it('runs the victim of a deadlock between two batches again; every write commits once', async () => {
    const [x, y] = [randomUUID(), randomUUID()];
    for (const id of [x, y]) await dbs[0]!.query('INSERT INTO dl_records VALUES ($1, 0)', [id]);
    const writers = dbs.map((db) => new Writer(db, memoryBus(), log));
    /** Bump one record, then wait a little holding its row lock. */
    const bump =
      (id: string, tag: string) =>
      async (q: Queryable): Promise<WriteResult<string>> => {
        await q.query('UPDATE dl_records SET n = n + 1 WHERE id = $1', [id]);
        await sleep(150);
        return {
          status: 200,
          body: tag,
          events: [{ type: 'shelter:updated', entity: 'dl', entityId: id, data: { tag } }],
        };
      };
    // A first write on each holds its process's only running batch, so the next two queue into one.
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const hold = async (): Promise<WriteResult<string>> => {
      await gate;
      return { status: 200, body: 'hold', events: [] };
    };
    const holds = writers.map((w) => w.write(null, null, hold));
    const a = [writers[0]!.write(null, null, bump(x, 'a1')), writers[0]!.write(null, null, bump(y, 'a2'))];
    const b = [writers[1]!.write(null, null, bump(y, 'b1')), writers[1]!.write(null, null, bump(x, 'b2'))];
    open();
    await Promise.all(holds);
    const replies = await Promise.all([...a, ...b]);

    expect(replies.map((r) => r.body)).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(writers.map((w) => w.commits.stats.largest)).toEqual([2, 2]);
    // Each record was bumped exactly twice, once by each process: nothing lost, nothing twice.
    const { rows } = await dbs[0]!.query<{ n: number }>(
      'SELECT n FROM dl_records WHERE id = ANY($1::uuid[])',
      [[x, y]],
    );
    expect(rows.map((r) => r.n)).toEqual([2, 2]);
    const { rows: evs } = await dbs[0]!.query<{ seq: string; tag: string }>(
      `SELECT seq, data->>'tag' AS tag FROM events WHERE entity = 'dl' ORDER BY seq`,
    );
    expect(evs.map((e) => e.tag).sort()).toEqual(['a1', 'a2', 'b1', 'b2']);
    const seqs = evs.map((e) => Number(e.seq));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
  }, 60_000);
});
