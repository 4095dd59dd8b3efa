import { describe, expect, it } from 'vitest';
import { expectAlive, expectConsistent, sleep, startLoad, type Cluster } from './cluster.js';
import { openReplicas, useCluster } from './cluster.js';

describe('fault: kill -9 of one server process', () => {
  const c = useCluster();

  it('moves its clients to the other process, which catches them up with nothing lost or applied twice', async () => {
    const [a, b] = c.servers as [NonNullable<Cluster['servers'][0]>, NonNullable<Cluster['servers'][1]>];
    const replicas = await openReplicas(c, ['ops', 'viewer', 'gbv'], ['ops', 'viewer']);
    const { load } = await startLoad(c, { perSecond: 25, lanes: 3, on: 1, warmMs: 1500 });
    a.proc.kill('SIGKILL');
    await sleep(2500);
    const stats = await load.stop();

    expect(a.proc.signalCode ?? a.proc.exitCode).not.toBeNull();
    expectAlive([b]);
    expect(stats.errors).toEqual([]);
    expect(stats.ok).toBeGreaterThan(40);
    const { head } = await expectConsistent(c, replicas);
    // Those that started on A now live on B.
    for (const r of replicas.slice(0, 3)) expect(r.connections).toEqual([a.url, b.url]);
    for (const r of replicas.slice(3)) expect(r.connections).toEqual([b.url]);
    // Every acknowledged write is in the log once (retries of the same key were not applied again).
    expect(head).toBeGreaterThanOrEqual(stats.ok);
  });
});
