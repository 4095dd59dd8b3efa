import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../helpers/server.js';
import { startTwoProcesses, type TwoProcesses } from '../helpers/twoProcesses.js';
import { connectSocket, connected, login, ReplicaClient } from '../helpers/client.js';
import { waitFor } from '../helpers/net.js';
import type { Shelter } from '../../shared/schemas/shelters.js';
import type { Change } from '../../shared/events.js';

/**
 * The production shape: two server processes sharing PostgreSQL and Redis: the server at
 * DATABASE_URL when set (CI), else a private PostgreSQL started for this suite.
 */
describe('two server processes sharing Redis and PostgreSQL', { timeout: 60_000 }, () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let procs: TwoProcesses | undefined;

  beforeAll(async () => {
    // Start together: migrations and seeding must cope with a concurrent start.
    procs = await startTwoProcesses({ together: true });
    ({ a, b } = procs);
  });
  afterAll(async () => {
    await procs?.stop();
  });

  it('both are ready and the demo was seeded once', async () => {
    for (const s of [a, b]) expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    const ops = await login(a.url, 'ops');
    const shelters = (await ops.get<Shelter[]>('/api/shelters')).body.data!;
    expect(new Set(shelters.map((s) => s.name)).size).toBe(shelters.length);
    expect(shelters.length).toBe(25);
  });

  it('a write through A reaches a socket client on B, and a session from A works on B', async () => {
    const opsA = await login(a.url, 'ops');
    const socketB = connectSocket(b.url, opsA.cookie);
    try {
      await connected(socketB);
      const seen = new Promise<Change>((resolve) =>
        socketB.on('change', (c) => c.type === 'shelter:updated' && resolve(c)),
      );
      const s = (await opsA.get<Shelter[]>('/api/shelters')).body.data![0]!;
      const r = await opsA.send('PATCH', `/api/shelters/${s.id}`, { version: s.version, occupancy: 42 });
      expect(r.status).toBe(200);
      const c = await seen;
      expect(c.type === 'shelter:updated' && c.data.id === s.id && c.data.occupancy === 42).toBe(true);
    } finally {
      socketB.disconnect();
    }
  });

  it('writes alternating between A and B keep one gap-free order on every client', async () => {
    const opsA = await login(a.url, 'ops');
    const opsB = await login(b.url, 'ops');
    const head = (await opsA.get<{ seq: number }>('/api/snapshot')).body.data!.seq;
    const sa = connectSocket(a.url, opsA.cookie);
    const sb = connectSocket(b.url, opsB.cookie);
    const ra = new ReplicaClient(sa, head);
    const rb = new ReplicaClient(sb, head);
    try {
      await Promise.all([connected(sa), connected(sb)]);
      const shelters = (await opsA.get<Shelter[]>('/api/shelters')).body.data!.slice(0, 10);
      // Ten shelters, written in parallel through both processes.
      await Promise.all(
        shelters.map((s, i) =>
          (i % 2 ? opsA : opsB).send('PATCH', `/api/shelters/${s.id}`, {
            version: s.version,
            households: 7 + i,
          }),
        ),
      );
      await waitFor(() => ra.lastSeq >= head + 10 && rb.lastSeq >= head + 10, 10_000);
      const order = (r: ReplicaClient) => r.applied.map((c) => c.seq);
      expect(order(ra)).toEqual(Array.from({ length: 10 }, (_, i) => head + 1 + i));
      expect(order(rb)).toEqual(order(ra));
    } finally {
      sa.disconnect();
      sb.disconnect();
    }
  });
});
