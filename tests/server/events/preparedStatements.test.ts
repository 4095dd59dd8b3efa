import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_DEFAULTS, type Db, type Queryable } from '../../../server/db/db.js';
import { postgresDb } from '../../../server/db/postgres.js';
import { migrate } from '../../../server/db/migrations.js';
import { memoryBus } from '../../../server/bus/bus.js';
import { createLogger } from '../../../server/logger.js';
import { Writer, type WriteResult } from '../../../server/events/writer.js';
import { freshPostgres, POSTGRES_URL } from '../../helpers/db.js';

// A transaction's statements are prepared by name on the connection that runs them (parsed and
// planned once, not at every write). When a migration of another process changes the columns a
// prepared statement returns, PostgreSQL refuses to run its cached plan: the write that meets it
// runs again with the statement unnamed, and commits once.

const log = createLogger('silent');

describe.runIf(POSTGRES_URL)('prepared statements in transactions', () => {
  let url = '';
  let admin!: Db;
  let drop: () => Promise<void> = () => Promise.resolve();
  const opened: Db[] = [];
  const open = () => {
    const db = postgresDb(url, log, DB_DEFAULTS, DB_DEFAULTS.settle);
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    const pg = await freshPostgres();
    url = pg.url;
    drop = pg.drop;
    admin = open();
    await migrate(admin, log);
  }, 60_000);
  afterAll(async () => {
    for (const db of opened) await db.close();
    await drop();
  });

  it("prepares a write's statements with parameters on its connection, and only a write's", async () => {
    const db = open();
    const prepared = (opts: { prepare?: boolean }) =>
      db.tx(async (q) => {
        await q.query('SELECT $1::int + 1 AS n', [1]);
        await q.query('SELECT 2 AS n', []);
        return (
          await q.query<{ name: string; statement: string }>(
            'SELECT name, statement FROM pg_prepared_statements',
          )
        ).rows;
      }, opts);
    // A read's transaction (a snapshot, an import's dry run) has no retry for a stale plan.
    expect(await prepared({})).toEqual([]);
    const names = await prepared({ prepare: true });
    expect(names.map((r) => r.statement)).toEqual(['SELECT $1::int + 1 AS n']);
    expect(names[0]!.name).toMatch(/^sho_\d+$/);
  });

  /** Bump one record, reading it whole first (its columns are what a migration changes). */
  const bump =
    (table: string, id: string) =>
    async (q: Queryable): Promise<WriteResult<number>> => {
      const { rows } = await q.query<{ n: number }>(`SELECT * FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
      await q.query(`UPDATE ${table} SET n = n + 1 WHERE id = $1`, [id]);
      return {
        status: 200,
        body: rows[0]!.n + 1,
        events: [{ type: 'shelter:updated', entity: table, entityId: id, data: { n: rows[0]!.n + 1 } }],
      };
    };

  /** A table of `count` records at n = 0 and a writer on a pool of its own; returns their ids. */
  const records = async (table: string, count: number) => {
    await admin.exec(`CREATE TABLE ${table} (id uuid PRIMARY KEY, n int NOT NULL)`);
    const ids = Array.from({ length: count }, () => randomUUID());
    for (const id of ids) await admin.query(`INSERT INTO ${table} VALUES ($1, 0)`, [id]);
    return { ids, writer: new Writer(open(), memoryBus(), log) };
  };

  it('runs a write alone again when a migration changed what its record statement returns', async () => {
    const {
      ids: [id],
      writer,
    } = await records('ps_a', 1);
    expect((await writer.write(null, null, bump('ps_a', id!))).body).toBe(1);
    // Another process migrates: the prepared SELECT * would now return one more column.
    await admin.exec('ALTER TABLE ps_a ADD COLUMN extra int');
    expect((await writer.write(null, null, bump('ps_a', id!))).body).toBe(2);
    expect((await writer.write(null, null, bump('ps_a', id!))).body).toBe(3);
    // Three writes, one of them run twice: the retry happened, and nothing was applied twice.
    expect(writer.commits.stats.writes).toBe(4);
    const { rows } = await admin.query<{ n: number }>('SELECT n FROM ps_a WHERE id = $1', [id!]);
    expect(rows[0]!.n).toBe(3);
    const { rows: evs } = await admin.query<{ n: string }>(
      `SELECT data->>'n' AS n FROM events WHERE entity = 'ps_a' ORDER BY seq`,
    );
    expect(evs.map((e) => Number(e.n))).toEqual([1, 2, 3]);
  });

  /** Run `a` and `b` in one batch: a first write holds the running batch, so they wait and run together. */
  const together = async <T>(writer: Writer, a: Parameters<Writer['write']>[2], b: typeof a) => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const hold = writer.write(null, null, async () => {
      await gate;
      return { status: 200, body: 0, events: [] };
    });
    const both = [writer.write(null, null, a), writer.write(null, null, b)];
    release();
    await hold;
    return (await Promise.all(both)).map((r) => r.body as T);
  };

  it('runs a write of a batch again when a migration changed what its record statement returns', async () => {
    const { ids, writer } = await records('ps_c', 2);
    await writer.write(null, null, bump('ps_c', ids[0]!));
    await admin.exec('ALTER TABLE ps_c ADD COLUMN extra int');
    // The first of the two meets the stale plan inside its savepoint and runs again in the next
    // batch; the second, sent unnamed by then, commits in the first.
    expect(await together<number>(writer, bump('ps_c', ids[0]!), bump('ps_c', ids[1]!))).toEqual([2, 1]);
    expect(writer.commits.stats.largest).toBe(2);
    // Warm-up, hold, the two, and the first again.
    expect(writer.commits.stats.writes).toBe(5);
    const { rows } = await admin.query<{ n: number }>('SELECT n FROM ps_c ORDER BY n DESC');
    expect(rows.map((r) => r.n)).toEqual([2, 1]);
    const { rows: evs } = await admin.query<{ n: string }>(
      `SELECT data->>'n' AS n FROM events WHERE entity = 'ps_c' ORDER BY seq`,
    );
    expect(evs.map((e) => Number(e.n))).toEqual([1, 1, 2]);
  });

  it("runs a whole batch again when a migration changed what the batch's event append returns", async () => {
    const { ids, writer } = await records('ps_b', 2);
    await writer.write(null, null, bump('ps_b', ids[0]!));
    // The append returns every column of events: a new one makes its prepared plan stale.
    await admin.exec('ALTER TABLE events ADD COLUMN extra int');
    try {
      expect(await together<number>(writer, bump('ps_b', ids[0]!), bump('ps_b', ids[1]!))).toEqual([2, 1]);
      expect(writer.commits.stats.largest).toBe(2);
      // Four writes; the batch of two ran twice.
      expect(writer.commits.stats.writes).toBe(6);
      const { rows } = await admin.query<{ n: number }>('SELECT n FROM ps_b ORDER BY n DESC');
      expect(rows.map((r) => r.n)).toEqual([2, 1]);
      const { rows: evs } = await admin.query<{ seq: string }>(
        `SELECT seq FROM events WHERE entity = 'ps_b' ORDER BY seq`,
      );
      expect(evs).toHaveLength(3);
    } finally {
      await admin.exec('ALTER TABLE events DROP COLUMN extra');
    }
  });
});
