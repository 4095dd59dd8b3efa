import type pg from 'pg';
import { httpJson } from './lib.js';
import type { BenchCluster } from './cluster.js';

interface Shelter {
  id: string;
  version: number;
}

/** Writes per second through the API: `lanes` concurrent writers, each on its own shelters, alternating nodes. */
export async function apiWriteRate(
  c: BenchCluster,
  shelters: Shelter[],
  opts: { lanes: number; seconds: number },
): Promise<{ perSecond: number; errors: number; latencies: number[] }> {
  const latencies: number[] = [];
  const end = performance.now() + opts.seconds * 1000;
  const start = performance.now();
  let ok = 0;
  let errors = 0;
  let n = 0;
  await Promise.all(
    Array.from({ length: opts.lanes }, async (_, lane) => {
      const mine = shelters.filter((_, i) => i % opts.lanes === lane);
      for (let i = 0; performance.now() < end; i++) {
        const s = mine[i % mine.length]!;
        const node = c.app[(lane + i) % 2]!;
        const t0 = performance.now();
        const res = await httpJson<{ data?: Shelter }>(`${node.url}/api/shelters/${s.id}`, {
          method: 'PATCH',
          headers: {
            cookie: c.cookies.ops!,
            'Idempotency-Key': `bench-${process.pid}-${lane}-${n++}-${Date.now()}`,
          },
          body: { version: s.version, occupancy: (n % 5000) + 1 },
        });
        const body = res.body;
        latencies.push(performance.now() - t0);
        if (res.status === 200 && body.data) {
          s.version = body.data.version;
          ok++;
        } else errors++;
      }
    }),
  );
  return { perSecond: ok / ((performance.now() - start) / 1000), errors, latencies };
}

/** The event row a write appends, copied from the log, for the raw baseline. */
export async function sampleEventRow(db: pg.Pool): Promise<unknown[]> {
  await db.query('CREATE TABLE IF NOT EXISTS bench_events (LIKE events INCLUDING ALL)');
  await db.query('CREATE SEQUENCE IF NOT EXISTS bench_events_seq');
  const { rows } = await db.query<{
    type: string;
    entity: string;
    entity_id: string;
    data: unknown;
    changes: unknown;
    actor_user_id: string;
    actor_org_id: string;
  }>(
    `SELECT type, entity, entity_id, data, changes, actor_user_id, actor_org_id FROM events WHERE type = 'shelter:updated' ORDER BY seq DESC LIMIT 1`,
  );
  const r = rows[0]!;
  return [
    r.type,
    r.entity,
    r.entity_id,
    JSON.stringify(r.data),
    JSON.stringify(r.changes),
    r.actor_user_id,
    r.actor_org_id,
  ];
}

/** Raw durable INSERTs of the same event row into the same database: one autocommitted statement each, same concurrency. */
export async function rawInsertRate(
  db: pg.Pool,
  row: unknown[],
  opts: { lanes: number; seconds: number },
): Promise<{ perSecond: number }> {
  const end = performance.now() + opts.seconds * 1000;
  const start = performance.now();
  let ok = 0;
  await Promise.all(
    Array.from({ length: opts.lanes }, async () => {
      while (performance.now() < end) {
        await db.query(
          `INSERT INTO bench_events (seq, type, entity, entity_id, data, changes, actor_user_id, actor_org_id)
           VALUES (nextval('bench_events_seq'), $1, $2, $3, $4::jsonb, $5::jsonb, $6, $7)`,
          row,
        );
        ok++;
      }
    }),
  );
  return { perSecond: ok / ((performance.now() - start) / 1000) };
}
