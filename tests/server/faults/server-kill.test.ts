import { describe, expect, it } from 'vitest';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { login } from '../../helpers/client.js';
import {
  checkLog,
  expectAlive,
  expectConverged,
  sleep,
  WriteLoad,
  type Cluster,
  useCluster,
  openReplicas,
} from './cluster.js';

describe('fault: kill -9 of one server process', () => {
  const c = useCluster();

  it('moves its clients to the other process, which catches them up with nothing lost or applied twice', async () => {
    const [a, b] = c.servers as [NonNullable<Cluster['servers'][0]>, NonNullable<Cluster['servers'][1]>];
    const replicas = await openReplicas(c, [
      ['ops', 0],
      ['viewer', 0],
      ['gbv', 0],
      ['ops', 1],
      ['viewer', 1],
    ]);
    const ops = await login(b.url, 'ops');
    const shelters = (await ops.get<Shelter[]>('/api/shelters')).body.data!;
    const load = new WriteLoad(c.urls, ops.cookie, shelters, { perSecond: 25, lanes: 3 });
    load.start();
    await sleep(1500);
    a.proc.kill('SIGKILL');
    await sleep(2500);
    const stats = await load.stop();

    expect(a.proc.signalCode ?? a.proc.exitCode).not.toBeNull();
    expectAlive([b]);
    expect(stats.errors).toEqual([]);
    expect(stats.ok).toBeGreaterThan(40);
    await expectConverged(c.urls, replicas);
    // Those that started on A now live on B.
    for (const r of replicas.slice(0, 3)) expect(r.connections).toEqual([a.url, b.url]);
    for (const r of replicas.slice(3)) expect(r.connections).toEqual([b.url]);
    const { head } = await checkLog(c.pg.url);
    // Every acknowledged write is in the log once (retries of the same key were not applied again).
    expect(head).toBeGreaterThanOrEqual(stats.ok);
  });
});
