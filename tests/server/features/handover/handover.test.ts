import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../../shared/enums.js';
import { HandoverSchema, type Handover } from '../../../../shared/schemas/handover.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';
import type { CoordinationRequest } from '../../../../shared/schemas/requests.js';
import type { Snapshot } from '../../../../shared/events.js';
import { startServer, type TestServer } from '../../../helpers/server.js';
import { STORAGES } from '../../../helpers/db.js';
import { login, type ApiClient, DEMO_USERS } from '../../../helpers/client.js';

/**
 * The shift handover brief (issue 11 item 2) over real HTTP: what moved since the start of the
 * shift, per role only what the role may read, and notes for the next shift of the same desk.
 */

let srv: TestServer;
const as = {} as Record<Role, ApiClient>;
const DESKS = (Object.keys(DEMO_USERS) as Role[]).filter((r) => r !== 'admin');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function brief(who: Role, since?: string): Promise<Handover> {
  const r = await as[who].get<Handover>(`/api/handover${since ? `?since=${encodeURIComponent(since)}` : ''}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return HandoverSchema.parse(r.body.data);
}

describe.each(STORAGES)('handover brief on %s', (storage) => {
  let started = 0;
  beforeAll(async () => {
    started = Date.now();
    srv = await startServer({ storage });
    for (const r of Object.keys(DEMO_USERS) as Role[]) as[r] = await login(srv.url, DEMO_USERS[r]);
  }, 60_000);
  afterAll(async () => {
    await srv?.stop();
  });

  it('on the demo, the default start of the shift is not before the seed, so the brief shows real movement', async () => {
    // The seed ran as the server started, well within the default 12 hours: comparing against the
    // empty picture before it would count every seeded shelter as this shift's movement.
    const b = await brief('ops_officer');
    expect(Date.parse(b.since)).toBeGreaterThanOrEqual(started - 1000);
    expect(Date.parse(b.since)).toBeLessThanOrEqual(Date.parse(b.preparedAt));
    expect(b.figures.since.peopleSheltered).toBeGreaterThan(0);
    expect(b.figures.now).toEqual(b.figures.since);
    expect(b.alerts.inForce.length).toBeGreaterThan(0);
    expect(b.alerts.inForce.every((a) => !a.newSince)).toBe(true);
    expect(b.requests!.opened).toEqual([]);

    // One change after the seed is the brief's only movement.
    const s = (await as.ops_officer.get<Shelter[]>('/api/shelters')).body.data!.find(
      (x) => x.status === 'open' && x.capacity > x.occupancy + 5,
    )!;
    const up = await as.ops_officer.send('PATCH', `/api/shelters/${s.id}`, {
      version: s.version,
      occupancy: s.occupancy + 5,
    });
    expect(up.status).toBe(200);
    const after = await brief('ops_officer');
    expect(after.since).toBe(b.since);
    expect(after.figures.now.peopleSheltered - after.figures.since.peopleSheltered).toBe(5);
    expect({ ...after.figures.now, peopleSheltered: 0 }).toEqual({
      ...after.figures.since,
      peopleSheltered: 0,
    });
    // A time the reader picks is kept as it is.
    const asked = new Date(Date.now() - 3 * 3600_000).toISOString();
    expect((await brief('ops_officer', asked)).since).toBe(asked);
  });

  it('figures, alerts and requests move with what happened since the start of the shift', async () => {
    const since = new Date().toISOString();
    await pause(20);
    const before = await brief('ops_officer', since);
    expect(before.figures.now).toEqual(before.figures.since);
    expect(before.alerts.inForce.every((a) => !a.newSince && !a.changedSince)).toBe(true);

    // A shelter fills up; a shelter manager opens a request and an ops officer acknowledges it.
    const shelters = (await as.ops_officer.get<Shelter[]>('/api/shelters')).body.data!;
    const s = shelters.find((x) => x.status === 'open' && x.capacity > x.occupancy + 10)!;
    const up = await as.ops_officer.send<Shelter>('PATCH', `/api/shelters/${s.id}`, {
      version: s.version,
      status: 'full',
      occupancy: s.occupancy + 10,
    });
    expect(up.status).toBe(200);
    const req = await as.ops_officer.send<CoordinationRequest>('POST', '/api/requests', {
      kind: 'dignity_kits',
      title: 'Bộ dụng cụ vệ sinh cho điểm sơ tán',
      priority: 'life_saving',
      shelterId: s.id,
      toSector: 'gbv',
      neededBy: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    const alert = await as.ops_officer.send('POST', '/api/alerts', {
      hazard: 'flood',
      level: 3,
      title: 'Lũ trên sông Kinh Thầy',
      provinceCodes: ['22'],
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      validTo: new Date(Date.now() + 86_400_000).toISOString(),
      status: 'active',
      issuer: 'NCHMF',
    });
    expect(alert.status, JSON.stringify(alert.body)).toBe(201);
    const ack = await as.gbv_coordinator.send('PATCH', `/api/requests/${req.body.data!.id}`, {
      version: req.body.data!.version,
      status: 'acknowledged',
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);

    const after = await brief('ops_officer', since);
    expect(after.figures.now.peopleSheltered - after.figures.since.peopleSheltered).toBe(10);
    expect(after.figures.now.sheltersFull - after.figures.since.sheltersFull).toBe(1);
    expect(after.figures.now.sheltersOpen - after.figures.since.sheltersOpen).toBe(-1);
    expect(after.figures.now.openRequests.life_saving - after.figures.since.openRequests.life_saving).toBe(1);
    expect(after.requests!.opened.map((r) => r.id)).toContain(req.body.data!.id);
    expect(after.requests!.moved).toContainEqual(
      expect.objectContaining({ from: 'open', to: 'acknowledged' }),
    );
    const a = after.alerts.inForce.find((x) => x.title === 'Lũ trên sông Kinh Thầy')!;
    expect(a).toMatchObject({ newSince: true, changedSince: false });
    // From a moment after every change, nothing moved.
    await pause(20);
    const later = await brief('ops_officer', new Date().toISOString());
    expect(later.figures.now).toEqual(later.figures.since);
    expect(later.requests!.opened).toEqual([]);
  });

  it('each role reads in its brief only records of its own snapshot, masked as there', async () => {
    const coordinatorServices = (await as.gbv_coordinator.get<ServicePoint[]>('/api/services')).body.data!;
    const safeHouseNames = coordinatorServices
      .filter((s) => s.types.includes('safe_house'))
      .map((s) => s.name);
    expect(safeHouseNames.length).toBeGreaterThan(0);
    for (const who of DESKS) {
      const b = await brief(who, new Date(Date.now() - 6 * 3600_000).toISOString());
      const snap = (await as[who].get<Snapshot>('/api/snapshot')).body.data!;
      const ids = new Set([
        ...snap.shelters.map((x) => x.id),
        ...snap.services.map((x) => x.id),
        ...snap.requests.map((x) => x.id),
        ...snap.alerts.map((x) => x.id),
        ...snap.gbvAlerts.map((x) => x.id),
      ]);
      const seen = [
        ...b.stale.shelters,
        ...b.stale.services,
        ...b.alerts.inForce,
        ...b.alerts.endedSince,
        ...(b.requests?.opened ?? []),
        ...(b.requests?.overdue ?? []),
        ...(b.requests?.moved.map((m) => m.request) ?? []),
        ...(b.gbvAlerts ?? []),
      ];
      for (const x of seen) expect(ids.has(x.id), `${who} sees ${x.id}`).toBe(true);
      expect('requests' in b, who).toBe(who !== 'viewer');
      expect('gbvAlerts' in b, who).toBe(who === 'gbv_coordinator');
      if (who !== 'gbv_coordinator' && who !== 'service_provider')
        for (const name of safeHouseNames) expect(JSON.stringify(b), `${who}: ${name}`).not.toContain(name);
    }
    expect((await as.admin.get('/api/handover')).status).toBe(403);
  });

  it('since must be a past time within a week: 400 naming since', async () => {
    for (const since of [
      'yesterday',
      new Date(Date.now() + 3600_000).toISOString(),
      '2020-01-01T00:00:00Z',
    ]) {
      const r = await as.ops_officer.get(`/api/handover?since=${encodeURIComponent(since)}`);
      expect(r.status, since).toBe(400);
      expect(JSON.stringify(r.body.error), since).toContain('since');
    }
    const extra = await as.ops_officer.get('/api/handover?from=1');
    expect(extra.status).toBe(400);
  });

  it('notes for the next shift: screened, kept, read by the same desk only', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const pii = await as.ops_officer.send('POST', '/api/handover/notes', {
      text: 'Gọi chị Lan 0912 345 678 về vụ việc',
    });
    expect(pii.status).toBe(400);
    const empty = await as.ops_officer.send('POST', '/api/handover/notes', { text: '' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body.error)).toContain('text');
    const ok = await as.ops_officer.send('POST', '/api/handover/notes', {
      text: 'Kiểm tra lại điểm sơ tán Bãi Cháy lúc 06:00; chờ xe nước từ Hạ Long.',
    });
    expect(ok.status).toBe(201);
    const mine = await brief('ops_officer', since);
    expect(mine.notes.map((n) => n.text)).toEqual([
      'Kiểm tra lại điểm sơ tán Bãi Cháy lúc 06:00; chờ xe nước từ Hạ Long.',
    ]);
    for (const who of DESKS.filter((r) => r !== 'ops_officer'))
      expect((await brief(who, since)).notes, who).toEqual([]);
    expect((await as.admin.send('POST', '/api/handover/notes', { text: 'x' })).status).toBe(403);
  });
});
