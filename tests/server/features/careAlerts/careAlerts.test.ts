import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CARE_THRESHOLDS } from '../../../../shared/domain/careRules.js';
import type { CareAlert, CareAlertRule } from '../../../../shared/schemas/careAlerts.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';
import pg from 'pg';
import { freshPostgres, POSTGRES_URL, STORAGES } from '../../../helpers/db.js';
import { testRedis, uniquePrefix } from '../../../helpers/redis.js';
import {
  spawnServer,
  startServer,
  useServer,
  type ServerProcess,
  type TestServer,
} from '../../../helpers/server.js';
import { connectSocket, connected, login, type ApiClient } from '../../../helpers/client.js';
import { waitFor } from '../../../helpers/net.js';
import type { Change, Snapshot } from '../../../../shared/events.js';
import { buildHaLongFloodAlert, buildShelterCreate } from '../../../helpers/factories.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
// The timer stays out of the way: each test evaluates at its own clock.
const CARE = { checkMs: 24 * HOUR, thresholds: DEFAULT_CARE_THRESHOLDS };
/** The events of an alert raised, acknowledged and then cleared, in order. */
const RAISED_ACKED_CLEARED = ['care-alert:raised', 'care-alert:acknowledged', 'care-alert:cleared'];

describe.each(STORAGES)('duty-of-care alerts on %s', (storage) => {
  let managerOrg: string;
  // The fake clock every evaluation (the bus's, the timer's, the test's) reads.
  let clock = Date.now();
  const t = useServer(
    { ops: 'ops', gbv: 'gbv', manager: 'shelter', viewer: 'viewer', provider: 'provider' },
    {
      start: () => startServer({ storage, config: { careAlerts: { ...CARE, now: () => new Date(clock) } } }),
    },
  );
  const { as } = t;

  beforeAll(async () => {
    const { rows } = await t.srv.app.ctx.db.query<{ org_id: string }>(
      "SELECT org_id FROM users WHERE username = 'shelter'",
    );
    managerOrg = rows[0]!.org_id;
  });

  const evaluate = () => t.srv.app.careAlerts.run();
  const listed = async (c: ApiClient) => (await c.get<CareAlert[]>('/api/care-alerts')).body.data ?? [];
  const find = async (c: ApiClient, rule: CareAlertRule, subjectId: string, item = '') =>
    (await listed(c)).find(
      (a) => a.rule === rule && a.subjectId === subjectId && a.item === item && a.status !== 'cleared',
    ) ??
    (await listed(c)).find((a) => a.rule === rule && a.subjectId === subjectId && a.item === item) ??
    null;
  const rows = async (rule: CareAlertRule, subjectId: string) =>
    (
      await t.srv.app.ctx.db.query<{ status: string }>(
        'SELECT status FROM care_alerts WHERE rule = $1 AND subject_id = $2 ORDER BY created_at',
        [rule, subjectId],
      )
    ).rows.map((r) => r.status);
  const eventsOf = async (id: string) =>
    (
      await t.srv.app.ctx.db.query<{ type: string }>(
        "SELECT type FROM events WHERE entity = 'care-alert' AND entity_id = $1 ORDER BY seq",
        [id],
      )
    ).rows.map((r) => r.type);
  const ack = (c: ApiClient, a: CareAlert) =>
    c.send<CareAlert>('POST', `/api/care-alerts/${a.id}/acknowledge`, { version: a.version });

  async function shelter(over: Record<string, unknown> = {}): Promise<Shelter> {
    const r = await as.ops.send<Shelter>('POST', '/api/shelters', {
      ...buildShelterCreate({ managingOrgId: managerOrg, status: 'open', ...over }),
    });
    expect(r.status).toBe(201);
    return r.body.data!;
  }
  async function patchShelter(id: string, patch: Record<string, unknown>): Promise<Shelter> {
    const cur = (await as.ops.get<Shelter>(`/api/shelters/${id}`)).body.data!;
    const r = await as.ops.send<Shelter>('PATCH', `/api/shelters/${id}`, { version: cur.version, ...patch });
    expect(r.status).toBe(200);
    return r.body.data!;
  }
  /** Patch a shelter, evaluate, and read the statuses of its alerts of `rule`. */
  async function patchAndRows(id: string, patch: Record<string, unknown>, rule: CareAlertRule) {
    await patchShelter(id, patch);
    await evaluate();
    return rows(rule, id);
  }
  async function service(body: Record<string, unknown>): Promise<ServicePoint> {
    const r = await as.gbv.send<ServicePoint>('POST', '/api/services', {
      name: `Care test ${Math.random().toString(36).slice(2, 8)}`,
      provinceCode: '22',
      ...body,
    });
    expect(r.status).toBe(201);
    return r.body.data!;
  }
  async function availability(id: string, body: Record<string, unknown>) {
    const cur = (await as.gbv.get<ServicePoint>(`/api/services/${id}`)).body.data!;
    const r = await as.gbv.send('POST', `/api/services/${id}/availability`, {
      version: cur.version,
      status: 'open',
      ...body,
    });
    expect(r.status).toBe(200);
  }

  it('evaluates without taking a place among the writes when nothing changes (issue 12)', async () => {
    // The rules read whole tables; read inside a write they held the group commit's queue, and
    // every user write behind them waited (an evaluation runs after every relevant commit).
    await evaluate();
    const { stats } = t.srv.app.ctx.writer.commits;
    const before = { ...stats };
    const r = await evaluate();
    expect(r).toEqual({ raised: 0, cleared: 0 });
    expect(stats).toEqual(before);
  });

  it('evaluates a burst of changes at most once a second, the last change included (issue 12)', async () => {
    const s = await shelter({ capacity: 10, occupancy: 1 });
    await new Promise((r) => setTimeout(r, 1100));
    const before = t.srv.app.careAlerts.runs;
    for (let i = 2; i <= 6; i++) await patchShelter(s.id, { occupancy: i });
    await patchShelter(s.id, { occupancy: 20 });
    // No explicit evaluation: the changes' own raise the alert, within the gap.
    await waitFor(async () => (await rows('over_capacity', s.id)).includes('open'), 5000);
    await new Promise((r) => setTimeout(r, 1100));
    // Six changes: the first at once, the rest together at the end of the gap.
    expect(t.srv.app.careAlerts.runs - before).toBeLessThanOrEqual(3);
    expect(t.srv.app.careAlerts.runs - before).toBeGreaterThanOrEqual(1);
  });

  it('raises an over-capacity alert once, to the roles in scope, and clears it when the shelter empties', async () => {
    const s = await shelter({ capacity: 100 });
    await patchShelter(s.id, { occupancy: 111 });
    await evaluate();
    await evaluate();
    expect(await rows('over_capacity', s.id)).toEqual(['open']);
    const a = (await find(as.ops, 'over_capacity', s.id))!;
    expect(a).toMatchObject({ status: 'open', subjectName: s.name, detail: { occupancyPct: 111 } });
    expect((await find(as.gbv, 'over_capacity', s.id))?.id).toBe(a.id);
    // The shelter manager sees its own shelter's alert; a viewer and a provider none at all.
    expect((await find(as.manager, 'over_capacity', s.id))?.id).toBe(a.id);
    expect((await as.viewer.get('/api/care-alerts')).status).toBe(403);
    expect((await as.provider.get('/api/care-alerts')).status).toBe(403);
    expect((await as.viewer.get<Snapshot>('/api/snapshot')).body.data!.careAlerts).toBeUndefined();
    const snap = (await as.ops.get<Snapshot>('/api/snapshot')).body.data!;
    expect(snap.careAlerts?.some((x) => x.id === a.id)).toBe(true);

    const acked = await ack(as.manager, a);
    expect(acked.status).toBe(200);
    expect(acked.body.data).toMatchObject({ status: 'acknowledged', version: a.version + 1 });
    expect((await ack(as.ops, a)).status).toBe(409);

    // Still over: acknowledged, not raised again.
    expect(await patchAndRows(s.id, { occupancy: 115 }, 'over_capacity')).toEqual(['acknowledged']);

    expect(await patchAndRows(s.id, { occupancy: 100 }, 'over_capacity')).toEqual(['cleared']);
    expect((await find(as.ops, 'over_capacity', s.id))?.status).toBe('cleared');
    expect(await eventsOf(a.id)).toEqual(RAISED_ACKED_CLEARED);
  });

  it('raises a critical checklist `no` only after six hours, and a gap without a request at once', async () => {
    const s = await shelter();
    expect(await patchAndRows(s.id, { checklist: { lighting: 'no' } }, 'checklist_no')).toEqual(['pending']);
    expect(await find(as.gbv, 'checklist_no', s.id, 'lighting')).toBeNull();
    const gap = (await find(as.gbv, 'gap_unrequested', s.id, 'lighting'))!;
    expect(gap.status).toBe('open');

    clock += 6 * HOUR + MIN;
    await evaluate();
    const long = (await find(as.gbv, 'checklist_no', s.id, 'lighting'))!;
    expect(long.status).toBe('open');
    expect((await ack(as.gbv, long)).status).toBe(200);
    expect((await ack(as.gbv, gap)).status).toBe(200);

    // A request of the item's kind answers the gap; the item is still `no`.
    const req = await as.ops.send('POST', '/api/requests', {
      kind: 'lighting',
      title: 'Lights for the latrines',
      shelterId: s.id,
      toSector: 'shelter',
    });
    expect(req.status).toBe(201);
    await evaluate();
    expect(await rows('gap_unrequested', s.id)).toEqual(['cleared']);
    expect(await rows('checklist_no', s.id)).toEqual(['acknowledged']);

    expect(await patchAndRows(s.id, { checklist: { lighting: 'yes' } }, 'checklist_no')).toEqual(['cleared']);
    expect(await eventsOf(long.id)).toEqual(RAISED_ACKED_CLEARED);
  });

  it('forgets a checklist `no` put right before six hours, never raising it', async () => {
    const s = await shelter();
    expect(await patchAndRows(s.id, { checklist: { latrinesLock: 'no' } }, 'checklist_no')).toEqual([
      'pending',
    ]);
    expect(await patchAndRows(s.id, { checklist: { latrinesLock: 'yes' } }, 'checklist_no')).toEqual([]);
  });

  it('raises an open shelter with no clinical service within 20 km, and clears it when one opens', async () => {
    // Far from every demo clinic (the Lao border of Dien Bien).
    const s = await shelter({ provinceCode: '11', communeCode: null, lat: 21.4, lon: 102.4 });
    await evaluate();
    const a = (await find(as.ops, 'no_clinic_nearby', s.id))!;
    expect(a.status).toBe('open');
    expect(a.detail.radiusKm).toBe(20);
    expect((await ack(as.ops, a)).status).toBe(200);
    await service({ types: ['health_cmr'], provinceCode: '11', lat: 21.45, lon: 102.45 });
    await evaluate();
    expect(await rows('no_clinic_nearby', s.id)).toEqual(['cleared']);
    expect(await eventsOf(a.id)).toEqual(RAISED_ACKED_CLEARED);
  });

  it('raises a hotline down for more than 30 minutes, and clears it when it works again', async () => {
    const h = await service({ types: ['hotline'], lat: 20.95, lon: 107.08 });
    await availability(h.id, { hotlineWorking: false });
    await evaluate();
    expect(await rows('hotline_down', h.id)).toEqual(['pending']);
    clock += 31 * MIN;
    await evaluate();
    const a = (await find(as.gbv, 'hotline_down', h.id))!;
    expect(a).toMatchObject({ status: 'open', subjectName: h.name, masked: false });
    // A service alert is not a shelter manager's.
    expect(await find(as.manager, 'hotline_down', h.id)).toBeNull();
    expect((await ack(as.ops, a)).status).toBe(200);
    await availability(h.id, { hotlineWorking: true });
    await evaluate();
    expect(await rows('hotline_down', h.id)).toEqual(['cleared']);
  });

  it('raises a service in a level-3 alert area unconfirmed for 24 hours; a safe house stays masked', async () => {
    const real = Date.now();
    clock = real;
    const house = await service({
      types: ['safe_house', 'hotline'],
      communeCode: '06688',
      locationVisibility: 'hidden',
      lat: 20.951,
      lon: 107.081,
    });
    const alert = await as.ops.send('POST', '/api/alerts', buildHaLongFloodAlert(real));
    expect(alert.status).toBe(201);
    await availability(house.id, { hotlineWorking: false });
    // Seen down now (so down for 25 hours at the next evaluation), not yet unconfirmed.
    await evaluate();
    expect(await rows('unconfirmed_in_alert', house.id)).toEqual([]);
    clock = real + 25 * HOUR;
    await evaluate();
    const forGbv = (await find(as.gbv, 'unconfirmed_in_alert', house.id))!;
    expect(forGbv).toMatchObject({ status: 'open', subjectName: house.name, masked: false });
    // Operations officers see the safe house's hotline alert masked, and not which alert area it is in.
    const masked = (await find(as.ops, 'hotline_down', house.id))!;
    expect(masked).toMatchObject({ subjectName: 'Safe house', masked: true, subjectOrgId: null });
    expect(JSON.stringify(await listed(as.ops))).not.toContain(house.name);
    expect(await find(as.ops, 'unconfirmed_in_alert', house.id)).toBeNull();
    expect((await ack(as.ops, forGbv)).status).toBe(404);
    expect((await ack(as.gbv, forGbv)).status).toBe(200);
    const opsSnap = (await as.ops.get<Snapshot>('/api/snapshot')).body.data!;
    expect(JSON.stringify(opsSnap.careAlerts)).not.toContain(house.name);

    // Reconfirmed (a report now): the condition ends.
    clock = Date.now();
    await availability(house.id, { hotlineWorking: true });
    await evaluate();
    expect(await rows('unconfirmed_in_alert', house.id)).toEqual(['cleared']);
    expect(await rows('hotline_down', house.id)).toEqual(['cleared']);
  });

  it('refuses a bad acknowledgement naming the field', async () => {
    const r = await as.ops.send('POST', '/api/care-alerts/00000000-0000-4000-8000-000000000000/acknowledge', {
      version: 'x',
    });
    expect(r.status).toBe(400);
    expect(r.body.error?.message).toContain('version');
    const missing = await as.ops.send(
      'POST',
      '/api/care-alerts/00000000-0000-4000-8000-000000000000/acknowledge',
      { version: 1 },
    );
    expect(missing.status).toBe(404);
  });
});

// Two apps on one PostgreSQL database, each with its own pool and evaluator (PGlite has one writer).
for (const storage of STORAGES.filter((s) => s === 'postgres'))
  describe('duty-of-care alerts with two processes', () => {
    let srv: TestServer;
    let second: TestServer;
    let ops: ApiClient;
    const config = { careAlerts: { ...CARE, now: () => new Date() } };
    beforeAll(async () => {
      srv = await startServer({ storage, config });
      second = await startServer({
        storage,
        config: { ...config, databaseUrl: srv.app.ctx.config.databaseUrl, demo: false },
      });
      ops = await login(srv.url, 'ops');
    }, 120_000);
    afterAll(async () => {
      await second?.stop();
      await srv?.stop();
    });

    it('raises once when two processes evaluate at the same time', async () => {
      const created = await ops.send<Shelter>('POST', '/api/shelters', {
        ...buildShelterCreate({ status: 'open', capacity: 10, occupancy: 20 }),
      });
      expect(created.status).toBe(201);
      const id = created.body.data!.id;
      const runs = [srv, second, srv, second].map((x) => x.app.careAlerts.run());
      const results = await Promise.all(runs);
      const { rows } = await srv.app.ctx.db.query<{ id: string; status: string }>(
        "SELECT id, status FROM care_alerts WHERE rule = 'over_capacity' AND subject_id = $1",
        [id],
      );
      expect(rows.map((r) => r.status)).toEqual(['open']);
      const events = await srv.app.ctx.db.query<{ type: string }>(
        "SELECT type FROM events WHERE entity = 'care-alert' AND entity_id = $1",
        [rows[0]!.id],
      );
      expect(events.rows.map((r) => r.type)).toEqual(['care-alert:raised']);
      expect(results.every((r) => r.cleared === 0)).toBe(true);
    });
  });

// The production shape: two OS processes on one PostgreSQL and Redis; both hear the write on the bus
// and evaluate at once, and the alert is raised once and reaches a socket client on the other process.
for (const url of POSTGRES_URL ? [POSTGRES_URL] : [])
  describe('duty-of-care alerts on two server processes', { timeout: 90_000 }, () => {
    let a: ServerProcess;
    let b: ServerProcess;
    let db: Awaited<ReturnType<typeof freshPostgres>>;
    let redis: Awaited<ReturnType<typeof testRedis>>;
    beforeAll(async () => {
      [db, redis] = await Promise.all([freshPostgres(url), testRedis()]);
      const env = {
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        REDIS_PREFIX: uniquePrefix(),
        DEMO: '1',
        CARE_ALERT_CHECK_SECONDS: '3600',
      };
      [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
    }, 120_000);
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await db?.drop();
      await redis?.stop();
    });

    it('raises once, seen by a socket client on the other process', async () => {
      const opsA = await login(a.url, 'ops');
      const opsB = await login(b.url, 'ops');
      const socketB = connectSocket(b.url, opsB.cookie);
      try {
        await connected(socketB);
        const raised: Change[] = [];
        socketB.on('change', (c) => c.type === 'care-alert:raised' && raised.push(c));
        const created = await opsA.send<Shelter>('POST', '/api/shelters', {
          ...buildShelterCreate({ status: 'open', capacity: 10, occupancy: 30 }),
        });
        expect(created.status).toBe(201);
        const id = created.body.data!.id;
        const mine = () => raised.filter((c) => c.type === 'care-alert:raised' && c.data.subjectId === id);
        await waitFor(
          () => mine().some((c) => c.type === 'care-alert:raised' && c.data.rule === 'over_capacity'),
          20_000,
        );
        // Give the slower process time to finish its evaluation too.
        await new Promise((r) => setTimeout(r, 1000));
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        try {
          const rows = await client.query<{ status: string }>(
            "SELECT status FROM care_alerts WHERE rule = 'over_capacity' AND subject_id = $1",
            [id],
          );
          expect(rows.rows.map((r) => r.status)).toEqual(['open']);
        } finally {
          await client.end();
        }
        expect(
          mine().filter((c) => c.type === 'care-alert:raised' && c.data.rule === 'over_capacity'),
        ).toHaveLength(1);
      } finally {
        socketB.disconnect();
      }
    });
  });
