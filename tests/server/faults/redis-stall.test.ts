import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { login } from '../../helpers/client.js';
import { waitFor } from '../../helpers/net.js';
import { expectAlive, expectConsistent, expectConverged, readyStatus, sleep } from './cluster.js';
import { openReplicas, useCluster, waitAllReady } from './cluster.js';

const STALL_MS = 5000;

describe('fault: Redis frozen (SIGSTOP), not gone', () => {
  const c = useCluster((cluster) => cluster.redis.resume());

  it('answers writes without waiting for the publish, turns unready during the stall, ready again after', async () => {
    const replicas = await openReplicas(c, ['ops'], ['ops']);
    const figures: Record<string, number> = {};
    const ops = await login(c.urls[0]!, 'ops');
    const shelters = (await ops.get<Shelter[]>('/api/shelters')).body.data!.slice(0, 6);
    const write = async (i: number) => {
      const s = shelters[i % shelters.length]!;
      const t0 = Date.now();
      const res = await fetch(`${c.urls[i % 2]}/api/shelters/${s.id}`, {
        method: 'PATCH',
        headers: {
          cookie: ops.cookie,
          'content-type': 'application/json',
          'Idempotency-Key': randomUUID(),
        },
        body: JSON.stringify({ version: s.version, occupancy: (i % 500) + 1 }),
      });
      const ms = Date.now() - t0;
      const json = (await res.json()) as { data?: Shelter };
      expect(res.status, JSON.stringify(json)).toBe(200);
      s.version = json.data!.version;
      return ms;
    };
    for (let i = 0; i < 4; i++) await write(i);

    c.redis.pause();
    const stalledAt = Date.now();
    const replyMs: number[] = [];
    let n = 4;
    // Writes right from the first moment of the stall: each publish hangs, no reply may wait on it.
    while (Date.now() - stalledAt < 1500) replyMs.push(await write(n++));
    await waitFor(
      async () => (await readyStatus(c.urls[0]!)) === 503 && (await readyStatus(c.urls[1]!)) === 503,
      3000,
      50,
    );
    // Measured from the start of the stall, which includes the 1.5 s of writes above.
    figures.unreadyAfterMs = Date.now() - stalledAt;
    const body = (await (await fetch(`${c.urls[0]}/readyz`)).json()) as { data: { bus: boolean } };
    expect(body.data.bus).toBe(false);
    // Changes still reach the other process's clients during the stall, through the 1 s log poll.
    const t1 = Date.now();
    replyMs.push(await write(n++));
    await expectConverged(c.urls, replicas, 4000);
    figures.convergedDuringStallMs = Date.now() - t1;
    while (Date.now() - stalledAt < STALL_MS) {
      replyMs.push(await write(n++));
      await sleep(100);
    }
    expect(await readyStatus(c.urls[0]!)).toBe(503);
    c.redis.resume();
    const resumedAt = Date.now();
    await waitAllReady(c, 10_000, 50);
    figures.readyAgainAfterMs = Date.now() - resumedAt;
    for (let i = 0; i < 4; i++) await write(n++);

    const sorted = [...replyMs].sort((x, y) => x - y);
    figures.writesDuringStall = replyMs.length;
    figures.replyMaxMs = sorted.at(-1)!;
    figures.replyMedianMs = sorted[Math.floor(sorted.length / 2)]!;
    console.log('redis-stall figures (ms):', JSON.stringify(figures));
    // The target is 100 ms; the bound is generous for a loaded shared machine. Before: 4,977 ms.
    expect(figures.replyMaxMs).toBeLessThan(1000);
    expect(figures.convergedDuringStallMs).toBeLessThan(3000);
    expectAlive(c.servers);
    await expectConsistent(c, replicas);
  });
});
