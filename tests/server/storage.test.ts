import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, DataDirLockedError, type Db } from '../../server/db/db.js';
import { migrate, MIGRATIONS } from '../../server/db/migrations.js';
import { createLogger } from '../../server/logger.js';
import { appendEvents, headSeq, readEventsAfter } from '../../server/events/log.js';
import { freshPostgres, POSTGRES_URL, STORAGES } from '../helpers/db.js';
import { spawnServer } from '../helpers/server.js';
import { startServer } from '../helpers/server.js';
import { login } from '../helpers/client.js';
import type { Shelter } from '../../shared/schemas/shelters.js';

const log = createLogger('silent');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sho-store-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function open(storage: 'pglite' | 'postgres'): Promise<Db> {
  if (storage === 'postgres') {
    const fresh = await freshPostgres();
    const db = await openDb({ databaseUrl: fresh.url, dataDir: '' }, log);
    cleanups.push(async () => {
      await db.close();
      await fresh.drop();
    });
    return db;
  }
  const dir = tmp();
  const db = await openDb({ databaseUrl: undefined, dataDir: dir }, log);
  cleanups.push(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

describe.runIf(POSTGRES_URL)('migrations from several processes at once', { timeout: 120_000 }, () => {
  it('six processes starting together on an empty database apply each migration once, none failing', async () => {
    // Each its own pool, as separate processes are: the first statements race on an empty database.
    for (let round = 0; round < 3; round++) {
      const fresh = await freshPostgres();
      const dbs = await Promise.all(
        Array.from({ length: 6 }, () => openDb({ databaseUrl: fresh.url, dataDir: '' }, log)),
      );
      try {
        const applied = await Promise.all(dbs.map((db) => migrate(db, log)));
        expect(applied.reduce((a, b) => a + b, 0)).toBe(MIGRATIONS.length);
        const { rows } = await dbs[0]!.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
        expect(Number(rows[0]!.n)).toBe(MIGRATIONS.length);
      } finally {
        await Promise.all(dbs.map((db) => db.close()));
        await fresh.drop();
      }
    }
  });
});

describe.each(STORAGES)('storage on %s', { timeout: 90_000 }, (storage) => {
  it('applies every migration once; a second run applies none', async () => {
    const db = await open(storage);
    expect(await migrate(db, log)).toBe(MIGRATIONS.length);
    expect(await migrate(db, log)).toBe(0);
    const { rows } = await db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('gives concurrent transactions gap-free seqs in commit order', async () => {
    const db = await open(storage);
    await migrate(db, log);
    const id = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
    const start = await headSeq(db);
    // Forty transactions at once, some rolled back after taking a seq.
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        db.tx(async (q) => {
          const [e] = await appendEvents(
            q,
            [{ type: 'shelter:updated', entity: 'test', entityId: id, data: { i }, changes: null }],
            { userId: null, orgId: null },
          );
          if (i % 7 === 3) throw new Error('roll back');
          return e!.seq;
        }),
      ),
    );
    const committed = results.filter((r) => r.status === 'fulfilled').length;
    const events = await readEventsAfter(db, start, 1000);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: committed }, (_, i) => start + 1 + i));
    expect(await headSeq(db)).toBe(start + committed);
  });

  it('rolls back the record with its event: a failed write leaves nothing half-written', async () => {
    const srv = await startServer({ storage });
    cleanups.push(() => srv.stop());
    const ops = await login(srv.url, 'ops');
    const s = (await ops.get<Shelter[]>('/api/shelters')).body.data![0]!;
    const head = await headSeq(srv.app.ctx.db);
    // Ask the writer to change a shelter and then fail inside the same transaction.
    await expect(
      srv.app.ctx.writer.write(null, null, async (q) => {
        await q.query('UPDATE shelters SET occupancy = 999 WHERE id = $1', [s.id]);
        throw new Error('boom after the update');
      }),
    ).rejects.toThrow('boom');
    expect(await headSeq(srv.app.ctx.db)).toBe(head);
    expect((await ops.get<Shelter>(`/api/shelters/${s.id}`)).body.data!.occupancy).toBe(s.occupancy);
  });
});

describe('embedded PGlite', { timeout: 120_000 }, () => {
  it('refuses a second process on the same data folder, clearly', async () => {
    const dir = tmp();
    const first = await spawnServer({ DATA_DIR: dir, DEMO: '0' });
    try {
      await expect(spawnServer({ DATA_DIR: dir, DEMO: '0' })).rejects.toThrow(/in use by process \d+/);
    } finally {
      await first.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'pglite.lock'), '999999');
    const db = await openDb({ databaseUrl: undefined, dataDir: dir }, log);
    await db.close();
    expect(fs.existsSync(path.join(dir, 'pglite.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('throws DataDirLockedError in-process too', async () => {
    const dir = tmp();
    const db = await openDb({ databaseUrl: undefined, dataDir: dir }, log);
    fs.writeFileSync(path.join(dir, 'pglite.lock'), String(process.ppid));
    await expect(openDb({ databaseUrl: undefined, dataDir: dir }, log)).rejects.toBeInstanceOf(
      DataDirLockedError,
    );
    fs.writeFileSync(path.join(dir, 'pglite.lock'), String(process.pid));
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps data across restarts and seeds the demo only once', async () => {
    const dir = tmp();
    const one = await spawnServer({ DATA_DIR: dir });
    const ops = await login(one.url, 'ops');
    const s = (await ops.get<Shelter[]>('/api/shelters')).body.data![0]!;
    await ops.send('PATCH', `/api/shelters/${s.id}`, { version: s.version, occupancy: 31 });
    expect(await one.stop()).toBe(0);
    const two = await spawnServer({ DATA_DIR: dir });
    try {
      const ops2 = await login(two.url, 'ops');
      const all = (await ops2.get<Shelter[]>('/api/shelters')).body.data!;
      expect(all).toHaveLength(25);
      expect(all.find((x) => x.id === s.id)!.occupancy).toBe(31);
    } finally {
      await two.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
