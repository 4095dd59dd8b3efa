import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORAGES } from '../../../helpers/db.js';
import { startServer, type TestServer } from '../../../helpers/server.js';
import {
  client,
  connectSocket,
  connected,
  login,
  ReplicaClient,
  sync,
  type ApiClient,
  type TestSocket,
} from '../../../helpers/client.js';
import { waitFor } from '../../../helpers/net.js';
import { buildShelterCreate } from '../../../helpers/factories.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import type { Change } from '../../../../shared/events.js';

describe.each(STORAGES)('shelters over HTTP and Socket.IO on %s', (storage) => {
  let srv: TestServer;
  let ops: ApiClient;
  let manager: ApiClient;
  let viewer: ApiClient;
  let gbv: ApiClient;
  const sockets: TestSocket[] = [];
  let own: Shelter; // managed by the demo shelter manager's organisation
  let other: Shelter; // managed by another organisation

  const shelters = async (c: ApiClient) => (await c.get<Shelter[]>('/api/shelters')).body.data!;
  const fresh = async (id: string) => (await ops.get<Shelter>(`/api/shelters/${id}`)).body.data!;
  const socketFor = async (c: ApiClient) => {
    const s = connectSocket(srv.url, c.cookie);
    sockets.push(s);
    await connected(s);
    return s;
  };

  beforeAll(async () => {
    srv = await startServer({ storage });
    [ops, manager, viewer, gbv] = await Promise.all([
      login(srv.url, 'ops'),
      login(srv.url, 'shelter'),
      login(srv.url, 'viewer'),
      login(srv.url, 'gbv'),
    ]);
    const me = (await manager.get<{ orgId: string }>('/api/me')).body.data!;
    const all = await shelters(ops);
    own = all.find((s) => s.managingOrgId === me.orgId)!;
    other = all.find((s) => s.managingOrgId !== me.orgId)!;
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await srv?.stop();
  });

  describe('GET /api/snapshot', () => {
    it('returns the seeded Yagi shelters with the seq it is current to', async () => {
      const r = await ops.get<{ seq: number; shelters: Shelter[] }>('/api/snapshot');
      expect(r.status).toBe(200);
      expect(r.body.data!.shelters.length).toBeGreaterThanOrEqual(25);
      expect(new Set(r.body.data!.shelters.map((s) => s.provinceCode))).toEqual(
        new Set(['01', '15', '22', '31']),
      );
      expect(r.body.data!.seq).toBeGreaterThan(0);
    });
    it('gives the viewer the safety score but not the checklist', async () => {
      const v = (await viewer.get<{ shelters: Shelter[] }>('/api/snapshot')).body.data!.shelters;
      expect(v.every((s) => s.checklist === null)).toBe(true);
      expect(v.some((s) => s.safetyScore > 0)).toBe(true);
      const g = (await gbv.get<{ shelters: Shelter[] }>('/api/snapshot')).body.data!.shelters;
      expect(g.every((s) => s.checklist !== null)).toBe(true);
    });
    it('refuses without a session', async () => {
      const r = await client(srv.url).get('/api/snapshot');
      expect(r.status).toBe(401);
      expect(r.body.error?.code).toBe('unauthenticated');
    });
  });

  describe('shelter:update', () => {
    it('applies a manager update, bumps the version and the safety score, and records history', async () => {
      const cur = await fresh(own.id);
      const r = await manager.send<Shelter>('PATCH', `/api/shelters/${own.id}`, {
        version: cur.version,
        occupancy: 123,
        status: 'open',
        checklist: {
          lighting: 'yes',
          separateSleeping: 'yes',
          latrinesSeparated: 'yes',
          latrinesLock: 'yes',
          femaleStaff: 'yes',
          staffBriefed: 'yes',
          concernsChannel: 'yes',
          hotlinesPosted: 'yes',
        },
      });
      expect(r.status).toBe(200);
      expect(r.body.data!.version).toBe(cur.version + 1);
      expect(r.body.data!.occupancy).toBe(123);
      expect(r.body.data!.safetyScore).toBe(8);
      const hist = await manager.get<{ changes: Record<string, unknown> }[]>(
        `/api/shelters/${own.id}/history`,
      );
      expect(hist.body.data!.at(-1)!.changes).toMatchObject({ occupancy: 123, safetyScore: 8 });
    });

    it('pushes the change to every other client without reload, projected per role', async () => {
      const [vs, gs] = await Promise.all([socketFor(viewer), socketFor(gbv)]);
      const got = (s: TestSocket) =>
        new Promise<Change>((resolve) => s.on('change', (c) => c.type === 'shelter:updated' && resolve(c)));
      const [pv, pg] = [got(vs), got(gs)];
      const cur = await fresh(own.id);
      await manager.send('PATCH', `/api/shelters/${own.id}`, { version: cur.version, occupancy: 77 });
      const [cv, cg] = await Promise.all([pv, pg]);
      if (cv.type !== 'shelter:updated' || cg.type !== 'shelter:updated') throw new Error('unexpected type');
      expect(cv.data.occupancy).toBe(77);
      expect(cv.data.checklist).toBeNull();
      expect(cg.data.checklist).not.toBeNull();
      expect(cv.seq).toBe(cg.seq);
    });

    it('refuses a stale version with 409 and the current record', async () => {
      const cur = await fresh(own.id);
      await manager.send('PATCH', `/api/shelters/${own.id}`, { version: cur.version, households: 40 });
      const r = await manager.send('PATCH', `/api/shelters/${own.id}`, {
        version: cur.version,
        households: 41,
      });
      expect(r.status).toBe(409);
      expect(r.body.error?.code).toBe('conflict');
      expect((r.body.error?.current as Shelter).households).toBe(40);
      expect((await fresh(own.id)).households).toBe(40);
    });

    it('lets exactly one of two concurrent writes on one version win', async () => {
      const cur = await fresh(own.id);
      const results = await Promise.all([
        manager.send('PATCH', `/api/shelters/${own.id}`, { version: cur.version, occupancy: 10 }),
        ops.send('PATCH', `/api/shelters/${own.id}`, { version: cur.version, occupancy: 20 }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const after = await fresh(own.id);
      expect(after.version).toBe(cur.version + 1);
      const winner = results.find((r) => r.status === 200)!;
      expect(after.occupancy).toBe((winner.body.data as Shelter).occupancy);
    });

    it('applies an idempotent retry once and answers it the same', async () => {
      const cur = await fresh(own.id);
      const head0 = (await ops.get<{ head: number }>('/api/events?after=0&limit=1')).body.data!.head;
      const key = `retry-${Date.now()}`;
      const body = { version: cur.version, occupancy: 55 };
      const [a, b] = await Promise.all([
        manager.send('PATCH', `/api/shelters/${own.id}`, body, { 'Idempotency-Key': key }),
        manager.send('PATCH', `/api/shelters/${own.id}`, body, { 'Idempotency-Key': key }),
      ]);
      const c = await manager.send('PATCH', `/api/shelters/${own.id}`, body, { 'Idempotency-Key': key });
      expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
      expect(b.body.data).toEqual(a.body.data);
      expect(c.body.data).toEqual(a.body.data);
      expect((await fresh(own.id)).version).toBe(cur.version + 1);
      const head1 = (await ops.get<{ head: number }>('/api/events?after=0&limit=1')).body.data!.head;
      expect(head1).toBe(head0 + 1);
    });

    it('refuses an idempotency key reused for a different request', async () => {
      const cur = await fresh(own.id);
      const key = `reuse-${Date.now()}`;
      expect(
        (
          await manager.send(
            'PATCH',
            `/api/shelters/${own.id}`,
            { version: cur.version, occupancy: 1 },
            { 'Idempotency-Key': key },
          )
        ).status,
      ).toBe(200);
      const r = await manager.send(
        'PATCH',
        `/api/shelters/${own.id}`,
        { version: cur.version + 1, occupancy: 2 },
        { 'Idempotency-Key': key },
      );
      expect(r.status).toBe(422);
      expect((await fresh(own.id)).occupancy).toBe(1);
    });

    it('reconfirm resets staleness without other changes', async () => {
      const cur = await fresh(own.id);
      const r = await manager.send<Shelter>('PATCH', `/api/shelters/${own.id}`, {
        version: cur.version,
        reconfirm: true,
      });
      expect(r.status).toBe(200);
      expect(Date.parse(r.body.data!.lastReportedAt)).toBeGreaterThan(Date.parse(cur.lastReportedAt));
      expect(r.body.data!.occupancy).toBe(cur.occupancy);
    });
  });

  describe('permissions', () => {
    it('the shelter manager cannot edit another organisation’s shelter', async () => {
      const r = await manager.send('PATCH', `/api/shelters/${other.id}`, {
        version: other.version,
        occupancy: 1,
      });
      expect(r.status).toBe(403);
      expect((await fresh(other.id)).occupancy).toBe(other.occupancy);
    });
    it('the viewer and the GBV coordinator cannot write', async () => {
      for (const c of [viewer, gbv]) {
        const cur = await fresh(own.id);
        expect(
          (await c.send('PATCH', `/api/shelters/${own.id}`, { version: cur.version, occupancy: 2 })).status,
        ).toBe(403);
        expect((await c.send('POST', '/api/shelters', buildShelterCreate())).status).toBe(403);
      }
    });
    it('an ops officer creates a shelter and every client sees it', async () => {
      const s = await socketFor(viewer);
      const seen = new Promise<Change>((resolve) =>
        s.on('change', (c) => c.type === 'shelter:created' && resolve(c)),
      );
      const r = await ops.send<Shelter>(
        'POST',
        '/api/shelters',
        buildShelterCreate({ name: 'Trường Tiểu học Hạ Long 2' }),
      );
      expect(r.status).toBe(201);
      const c = await seen;
      expect(c.type === 'shelter:created' && c.data.name).toBe('Trường Tiểu học Hạ Long 2');
    });
    it('an ops officer scoped to one province cannot write in another', async () => {
      const admin = await login(srv.url, 'admin');
      const orgId = (await admin.get<{ orgId: string }>('/api/me')).body.data!.orgId;
      const username = `ops-lc-${Date.now() % 100000}`;
      const created = await admin.send('POST', '/api/users', {
        username,
        displayName: 'Lao Cai ops',
        password: 'violet-harbour-lantern-42',
        role: 'ops_officer',
        orgId,
        scope: ['15'],
      });
      expect(created.status).toBe(201);
      const lc = await login(srv.url, username, 'violet-harbour-lantern-42');
      expect((await lc.send('POST', '/api/shelters', buildShelterCreate())).status).toBe(403);
      expect(
        (
          await lc.send(
            'POST',
            '/api/shelters',
            buildShelterCreate({ provinceCode: '15', communeCode: '04252', lat: 21.7, lon: 104.9 }),
          )
        ).status,
      ).toBe(201);
      const qn = await fresh(own.id);
      expect(
        (await lc.send('PATCH', `/api/shelters/${own.id}`, { version: qn.version, occupancy: 3 })).status,
      ).toBe(403);
    });
    it('a socket without a session is refused', async () => {
      const s = connectSocket(srv.url, '');
      sockets.push(s);
      await expect(connected(s)).rejects.toThrow('unauthenticated');
      const bogus = connectSocket(srv.url, 'sho_sid=forged');
      sockets.push(bogus);
      await expect(connected(bogus)).rejects.toThrow('unauthenticated');
    });
    it('sign-out closes the session’s sockets and the cookie stops working', async () => {
      const temp = await login(srv.url, 'viewer');
      const s = await socketFor(temp);
      const closed = new Promise((r) => s.on('disconnect', r));
      await temp.send('POST', '/api/auth/logout');
      await closed;
      expect((await temp.get('/api/snapshot')).status).toBe(401);
    });
  });

  describe('sync', () => {
    it('a client disconnected while 50 writes happen catches up with exactly those 50, in order, none twice', async () => {
      const snap = (await gbv.get<{ seq: number }>('/api/snapshot')).body.data!;
      const s = connectSocket(srv.url, gbv.cookie, { reconnection: true });
      sockets.push(s);
      const replica = new ReplicaClient(s, snap.seq);
      await connected(s);
      await waitFor(() => replica.lastSeq >= snap.seq);
      s.disconnect();
      const before = replica.lastSeq;
      let cur = await fresh(own.id);
      for (let i = 0; i < 50; i++) {
        const r = await ops.send<Shelter>('PATCH', `/api/shelters/${own.id}`, {
          version: cur.version,
          occupancy: 100 + i,
        });
        expect(r.status).toBe(200);
        cur = r.body.data!;
      }
      expect(replica.applied.filter((c) => c.seq > before)).toHaveLength(0);
      s.connect();
      await waitFor(() => replica.lastSeq >= before + 50, 10_000);
      const caught = replica.applied.filter((c) => c.seq > before);
      expect(caught.map((c) => c.seq)).toEqual(Array.from({ length: 50 }, (_, i) => before + 1 + i));
      expect(caught.map((c) => (c.type === 'shelter:updated' ? c.data.occupancy : -1))).toEqual(
        Array.from({ length: 50 }, (_, i) => 100 + i),
      );
      expect(new Set(replica.applied.map((c) => c.seq)).size).toBe(replica.applied.length);
    });
    it('GET /api/events pages from a seq, oldest first, with the head', async () => {
      const r = await ops.get<{ reset: boolean; events: Change[]; head: number }>(
        '/api/events?after=2&limit=5',
      );
      expect(r.status).toBe(200);
      expect(r.body.data!.events.map((e) => e.seq)).toEqual([3, 4, 5, 6, 7]);
      expect(r.body.data!.head).toBeGreaterThan(7);
    });
    it('sync tells a client from the future to reload the snapshot', async () => {
      const s = await socketFor(ops);
      const r = await sync(s, 10 ** 9);
      expect(r.ok && r.data.reset).toBe(true);
    });
    it('sync answers bad payloads with an error ack naming the field', async () => {
      const s = await socketFor(ops);
      for (const bad of [{ afterSeq: -1 }, { afterSeq: 'x' }, {}, null, 'text', { afterSeq: 1, extra: 1 }]) {
        const r = (await s.timeout(5000).emitWithAck('sync', bad as never)) as Awaited<
          ReturnType<typeof sync>
        >;
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('bad_request');
      }
      const ok = await sync(s, 0);
      expect(ok.ok).toBe(true);
    });
  });
});
