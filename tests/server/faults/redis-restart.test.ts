import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/net.js';
import { expectAlive, expectConsistent, finishLoad, readyStatus, sleep, startLoad } from './cluster.js';
import { openReplicas, useCluster } from './cluster.js';

/** The event log's head, read straight from the database. */
async function dbHead(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number(
      (await c.query<{ seq: string }>('SELECT seq FROM event_counter WHERE id = 1')).rows[0]!.seq,
    );
  } finally {
    await c.end();
  }
}

describe('fault: Redis restarted', () => {
  const c = useCluster();

  it('crashes no process, keeps taking writes, and every client converges once Redis is back', async () => {
    const replicas = await openReplicas(c, ['ops', 'viewer'], ['ops', 'gbv']);
    const { load } = await startLoad(c, { perSecond: 20 });
    await c.redis.kill();
    // Without the bus the processes say they are not ready, but writes still commit to the log.
    await waitFor(
      async () => (await readyStatus(c.urls[0]!)) === 503 && (await readyStatus(c.urls[1]!)) === 503,
      10_000,
      100,
    );
    // While the bus is down, each process polls the log every second: a committed write reaches
    // every client on both processes within about that (before: the 5 s poll).
    const converge: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      const head = await dbHead(c.pg.url);
      await waitFor(() => replicas.every((r) => r.lastSeq >= head), 10_000, 20);
      converge.push(Date.now() - t0);
      await sleep(200);
    }
    console.log('redis-restart: convergence while Redis is down (ms):', JSON.stringify(converge));
    expect(Math.max(...converge)).toBeLessThan(2500);
    expectAlive(c.servers);
    await c.redis.restart();
    const stats = await finishLoad(c, load);
    expect(stats.ok).toBeGreaterThan(40);
    await expectConsistent(c, replicas);
  });
});
