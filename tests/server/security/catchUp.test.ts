import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/schemas/incidents.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { LIMITS } from '../../../shared/limits.js';
import { releaseIncidents } from '../../../server/features/incidents/releases.js';
import { startServer, type TestServer } from '../../helpers/server.js';
import { buildIncidentCounts } from '../../helpers/factories.js';
import {
  connectSocket,
  connected,
  login,
  ReplicaClient,
  sync,
  type ApiClient,
} from '../../helpers/client.js';
import { stalledClient } from '../../helpers/stalled.js';
import { waitFor } from '../../helpers/net.js';

/** Issue 7, findings 9 and 11: catch-up is paged and bounded per socket, and socket reads of incident data are audited. */
describe('bounded catch-up and audited socket reads', () => {
  let srv: TestServer;
  let ops: ApiClient;
  let admin: ApiClient;
  let head = 0;

  beforeAll(async () => {
    // The smallest buffer the configuration allows, so the demo's history is enough to exceed it.
    srv = await startServer({ config: { socketBufferMaxBytes: 64 * 1024 } });
    ops = await login(srv.url, 'ops');
    admin = await login(srv.url, 'admin');
    const shelters = (await ops.get<Shelter[]>('/api/shelters')).body.data!;
    // Grow the log past one sync page.
    for (let i = 0; i < LIMITS.syncPageMax + 100; i++) {
      const s = shelters[i % shelters.length]!;
      const r = await ops.send<Shelter>('PATCH', `/api/shelters/${s.id}`, {
        version: s.version,
        occupancy: i,
      });
      expect(r.status).toBe(200);
      s.version = r.body.data!.version;
    }
    head = (await ops.get<{ seq: number }>('/api/snapshot')).body.data!.seq;
  });
  afterAll(async () => {
    await srv?.stop();
  });

  it('answers sync a page at a time, and a client asking again from each page end reaches the head', async () => {
    const socket = connectSocket(srv.url, ops.cookie);
    try {
      await connected(socket);
      const first = await sync(socket, 0);
      expect(first.ok && !first.data.reset).toBe(true);
      if (!first.ok || first.data.reset) return;
      expect(first.data.events.length).toBeLessThanOrEqual(LIMITS.syncPageMax);
      expect(first.data.events.at(-1)!.seq).toBeLessThan(first.data.head);
      const replica = new ReplicaClient(socket, 0);
      await replica.catchUp();
      expect(replica.lastSeq).toBe(head);
      // Every seq once, in order.
      expect(replica.applied.map((c) => c.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    } finally {
      socket.disconnect();
    }
  });

  it('cuts off a socket that stops reading and keeps asking for the whole history, by bytes queued', async () => {
    // Sockets of the earlier cases are gone first, so the count below is this client's alone.
    await waitFor(() => srv.app.io.of('/').sockets.size === 0, 5000);
    const before = 0;
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, srv.app.io.of('/').sockets.size)), 5);
    // 40 requests for the whole history, 50 ms apart so each is answered: tens of MB it cannot deliver.
    const stalled = await stalledClient(srv.url, ops.cookie, 40, 50);
    try {
      clearInterval(watch);
      expect(peak).toBe(before + 1);
      // Cut off within a few sweeps, long before 40 full replays pile up.
      await waitFor(() => srv.app.io.of('/').sockets.size === before, 5000);
      // The server is still there for everyone else.
      expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
    } finally {
      stalled.destroy();
    }
  });

  it('audits incident reads over socket sync and pushes, once per socket and month', async () => {
    const gbv = await login(srv.url, 'gbv');
    const auditRows = async () =>
      (await admin.get<AuditEntry[]>('/api/audit?limit=500')).body.data!.filter((r) =>
        r.resource.startsWith('socket.'),
      );
    const socket = connectSocket(srv.url, gbv.cookie);
    try {
      await connected(socket);
      const replica = new ReplicaClient(socket, 0);
      await replica.catchUp();
      const syncRowsOf = (rows: AuditEntry[]) =>
        rows.filter((r) => r.resource === 'socket.sync.incidents' && r.username === 'gbv');
      // The audit rows are written after the reply is sent (one insert per month), so wait for them.
      await waitFor(async () => syncRowsOf(await auditRows()).length >= 2, 5000);
      const afterSync = await auditRows();
      const syncRows = syncRowsOf(afterSync);
      // The demo's released months (August and September 2024), one row each.
      expect(syncRows.map((r) => r.detail.month).sort()).toEqual(['2024-08', '2024-09']);
      expect(JSON.stringify(afterSync)).not.toMatch(/byType|bySex|"total"/);
      // Reading the same months again on the same socket adds no row.
      await replica.catchUp();
      const again = await sync(socket, 0);
      expect(again.ok).toBe(true);
      expect((await auditRows()).length).toBe(afterSync.length);

      // A release pushes a cell: the push is audited for the socket that received it.
      const counts = buildIncidentCounts({ physical_assault: 7 }, [7, 0], [0, 0, 7, 0], [7, 0, 0, 0], 0);
      const r = await gbv.send('POST', '/api/incident-reports', {
        period: '2024-07',
        provinceCode: '22',
        counts,
      });
      expect(r.status).toBe(201);
      expect((await releaseIncidents(srv.app.ctx)).cells).toBe(1);
      await waitFor(
        async () => (await auditRows()).some((x) => x.resource === 'socket.push.incidents'),
        5000,
      );
      const pushRows = (await auditRows()).filter((x) => x.resource === 'socket.push.incidents');
      expect(pushRows.map((x) => [x.username, x.detail.month])).toEqual([['gbv', '2024-07']]);
    } finally {
      socket.disconnect();
    }
  });
});
