import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { expectAlive, expectConsistent, finishLoad, readyStatus, sleep, startLoad } from './cluster.js';
import { openReplicas, useCluster } from './cluster.js';

describe('fault: PostgreSQL restarted', () => {
  const c = useCluster();

  it('answers writes during the outage with a quick 503, half-writes nothing, and resumes by itself', async () => {
    const replicas = await openReplicas(c, ['ops'], ['viewer', 'gbv']);
    // The load retries a 503 with the same key for long enough to outlast the outage.
    const { ops, shelters, load } = await startLoad(c, { perSecond: 20, retryFor: 30_000, spare: 5 });
    await c.pg.stop('fast');

    // Probe writes while the database is down: each gets a clear 503, quickly.
    const target = shelters[0]!;
    const key = randomUUID();
    const probes: { status: number; code: string | undefined; ms: number; text: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const url = c.urls[i % 2]!;
      const t0 = Date.now();
      // A fresh connection per probe: a pooled keep-alive socket the server is closing as idle
      // would reset before the request is read, which says nothing about the database.
      const res = await fetch(`${url}/api/shelters/${target.id}`, {
        signal: AbortSignal.timeout(10_000),
        method: 'PATCH',
        headers: {
          cookie: ops.cookie,
          'content-type': 'application/json',
          'Idempotency-Key': key,
          connection: 'close',
        },
        body: JSON.stringify({ version: target.version, occupancy: 999 }),
      });
      const text = await res.text();
      probes.push({
        status: res.status,
        code: (JSON.parse(text) as { error?: { code: string } }).error?.code,
        ms: Date.now() - t0,
        text,
      });
      await sleep(200);
    }
    for (const p of probes) {
      expect(p.status).toBe(503);
      expect(p.code).toBe('unavailable');
      // Bounded by the pool's 3 s connection timeout, plus scheduling slack on a busy machine.
      expect(p.ms).toBeLessThan(4500);
      expect(p.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    for (const url of c.urls) expect(await readyStatus(url)).toBe(503);
    expectAlive(c.servers);

    await c.pg.start();
    // Nobody restarts the app: the pool reconnects on its own.
    const stats = await finishLoad(c, load);
    expect(stats.statuses['503'] ?? 0).toBeGreaterThan(0);
    expect(Math.max(...stats.unavailableMs)).toBeLessThan(4500);
    // The probed write never reached the database; retried now with the same key it is applied once.
    const fresh = (await ops.get<Shelter>(`/api/shelters/${target.id}`)).body.data!;
    expect(fresh.version).toBe(target.version);
    expect(fresh.occupancy).toBe(target.occupancy);
    const send = () =>
      ops.send(
        'PATCH',
        `/api/shelters/${target.id}`,
        { version: target.version, occupancy: 999 },
        { 'Idempotency-Key': key },
      );
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    expect((await ops.get<Shelter>(`/api/shelters/${target.id}`)).body.data!.version).toBe(
      target.version + 1,
    );

    await expectConsistent(c, replicas);
  });
});
