import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbBusyError, openDb, type Db } from '../../server/db/db.js';
import { migrate } from '../../server/db/migrations.js';
import { createLogger } from '../../server/logger.js';
import { freshPostgres } from '../helpers/db.js';
import { startPostgresServer, type PostgresServer } from '../helpers/postgres.js';

const log = createLogger('silent');

describe('PostgreSQL session timeouts on the app connections', () => {
  let own: PostgresServer | null = null;
  let drop: () => Promise<void> = () => Promise.resolve();
  let db: Db;
  let other: Db;

  beforeAll(async () => {
    let url: string;
    if (process.env.DATABASE_URL) ({ url, drop } = await freshPostgres());
    else url = (own = await startPostgresServer()).url;
    const timeouts = { lockTimeoutMs: 300, statementTimeoutMs: 600, idleInTransactionTimeoutMs: 2000 };
    db = await openDb({ databaseUrl: url, dataDir: '', timeouts }, log);
    other = await openDb({ databaseUrl: url, dataDir: '', timeouts }, log);
    await migrate(db, log);
  });
  afterAll(async () => {
    await db?.close();
    await other?.close();
    await drop();
    await own?.destroy();
  });

  it('sets the three limits on each connection', async () => {
    const { rows } = await db.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('lock_timeout', 'statement_timeout', 'idle_in_transaction_session_timeout') ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: 'idle_in_transaction_session_timeout', setting: '2000' },
      { name: 'lock_timeout', setting: '300' },
      { name: 'statement_timeout', setting: '600' },
    ]);
  });

  it('a statement past statement_timeout fails as busy (503 retry), not as an internal error', async () => {
    await expect(db.query('SELECT pg_sleep(2)')).rejects.toBeInstanceOf(DbBusyError);
  });

  it('a write waiting on a held lock gives up after lock_timeout as busy, and the holder is unaffected', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let locked: () => void = () => undefined;
    const hasLock = new Promise<void>((r) => (locked = r));
    const holder = db.tx(async (q) => {
      await q.query('UPDATE event_counter SET seq = seq WHERE id = 1');
      locked();
      await held;
    });
    // The holder has the row lock before the other connection asks for it (not a fixed pause).
    await hasLock;
    const t0 = Date.now();
    await expect(
      other.tx((q) => q.query('UPDATE event_counter SET seq = seq WHERE id = 1'), { settle: true }),
    ).rejects.toBeInstanceOf(DbBusyError);
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(2000);
    release();
    await holder;
    // The connection that timed out was rolled back and is usable again.
    await other.tx((q) => q.query('UPDATE event_counter SET seq = seq WHERE id = 1'));
  });
});
