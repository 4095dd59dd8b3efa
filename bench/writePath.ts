import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { DB_DEFAULTS, type Queryable } from '../server/db/db.js';
import { postgresDb } from '../server/db/postgres.js';
import { migrate } from '../server/db/migrations.js';
import { memoryBus } from '../server/bus/bus.js';
import { createLogger } from '../server/logger.js';
import { Writer } from '../server/events/writer.js';
import { freshPostgres } from '../tests/helpers/db.js';
import { ADMIN_DATABASE_URL } from './cluster.js';
import { fmt, loadLine, median, summary } from './lib.js';

/**
 * `node --import tsx bench/writePath.ts [seconds]`: the write path without HTTP, in one process over
 * two pools (two "processes"): idempotency row, row lock and version-checked update, event, stored
 * reply; against raw autocommitted INSERTs of the event row. Interleaved write path, raw, per round.
 * To compare with the writer before group commit: git show 48dfa8a:server/events/writer.ts >
 * server/events/writerBefore.ts (not to be committed).
 */
interface W {
  write: Writer['write'];
}
const seconds = Number(process.argv[2] ?? 4);
const variants: Record<string, (db: ReturnType<typeof postgresDb>) => W> = {
  groupcommit: (db) => new Writer(db, memoryBus(), log),
  'groupcommit x2': (db) => new Writer(db, memoryBus(), log, { maxBatch: 32, concurrency: 2 }),
};
const log = createLogger('silent');
try {
  // An uncommitted copy of the previous writer, when present, to compare in the same run.
  const previous = '../server/events/writerBefore.js';
  const { Writer: Before } = (await import(previous)) as {
    Writer: typeof Writer;
  };
  variants.before = (db) => new Before(db, memoryBus(), log);
} catch {
  /* only the current one */
}
const loadBefore = os.loadavg();
const pg = await freshPostgres(ADMIN_DATABASE_URL);
const dbs = [0, 1].map(() => postgresDb(pg.url, log, DB_DEFAULTS, DB_DEFAULTS.settle));
await migrate(dbs[0]!, log);
await dbs[0]!.exec(
  'CREATE TABLE bench_records (id uuid PRIMARY KEY, version int NOT NULL, value int NOT NULL)',
);
await dbs[0]!.exec('CREATE TABLE bench_events (LIKE events INCLUDING ALL); CREATE SEQUENCE bench_events_seq');
const ids = Array.from({ length: 64 }, () => randomUUID());
for (const id of ids) await dbs[0]!.query('INSERT INTO bench_records VALUES ($1, 1, 0)', [id]);
const viewer = { userId: randomUUID(), orgId: randomUUID() };
const data = { name: 'Nhà văn hoá thôn 3', occupancy: 120, capacity: 300, needs: { water: true } };

async function run(lanes: number, op: (lane: number, i: number) => Promise<void>) {
  const lat: number[] = [];
  let ok = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        await op(lane, i);
        lat.push(performance.now() - t);
        ok++;
      }
    }),
  );
  return { perSecond: ok / ((performance.now() - start) / 1000), p50: summary(lat).p50 };
}

const versions = new Map(ids.map((id) => [id, 1]));
const writeOp = (ws: W[], lanes: number) => async (lane: number, i: number) => {
  const id = ids[(lane + i * lanes) % ids.length]!;
  const base = versions.get(id)!;
  const r = await ws[(lane + i) % 2]!.write(
    viewer,
    { key: randomUUID(), requestHash: 'h' },
    async (q: Queryable) => {
      const { rows } = await q.query<{ version: number }>(
        'SELECT version FROM bench_records WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (rows[0]!.version !== base) throw new Error('conflict');
      await q.query('UPDATE bench_records SET version = version + 1, value = $2 WHERE id = $1', [id, i]);
      const body = { ...data, id, version: base + 1 };
      return {
        status: 200,
        body,
        events: [{ type: 'shelter:updated', entity: 'shelter', entityId: id, data: body }],
      };
    },
  );
  versions.set(id, r.body.version);
};
const rawOp = async (lane: number) => {
  await dbs[lane % 2]!.query(
    `INSERT INTO bench_events (seq, type, entity, entity_id, data, actor_user_id, actor_org_id)
     VALUES (nextval('bench_events_seq'), 'shelter:updated', 'shelter', $1, $2::jsonb, $3, $4)`,
    [ids[0], JSON.stringify(data), viewer.userId, viewer.orgId],
  );
};

for (const lanes of [1, 8]) {
  const res: Record<string, { perSecond: number; p50: number }[]> = { raw: [] };
  for (let round = 0; round < 2; round++) {
    for (const [name, make] of Object.entries(variants)) {
      const ws = dbs.map(make);
      (res[name] ??= []).push(await run(lanes, writeOp(ws, lanes)));
    }
    res.raw!.push(await run(lanes, rawOp));
  }
  for (const [name, rs] of Object.entries(res)) {
    const ratio = median(rs.map((r, i) => r.perSecond / res.raw![i]!.perSecond));
    console.log(
      `${lanes} writer(s) ${name}: ${rs.map((r) => fmt(r.perSecond)).join(', ')} /s, p50 ${rs.map((r) => fmt(r.p50, 2)).join(', ')} ms` +
        (name === 'raw' ? '' : `, ratio to raw ${fmt(ratio, 3)}`),
    );
  }
}
for (const db of dbs) await db.close();
await pg.drop();
console.log(loadLine(loadBefore));
