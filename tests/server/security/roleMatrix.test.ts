import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/enums.js';
import { ChangeSchema, type Change } from '../../../shared/events.js';
import type { ServicePoint } from '../../../shared/schemas/services.js';
import type { CoordinationRequest } from '../../../shared/schemas/requests.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { STORAGES } from '../../helpers/db.js';
import { buildIncidentCounts } from '../../helpers/factories.js';
import { startServer, type TestServer } from '../../helpers/server.js';
import {
  connectSocket,
  connected,
  login,
  ReplicaClient,
  type ApiClient,
  type TestSocket,
  DEMO_USERS,
} from '../../helpers/client.js';
import { waitFor } from '../../helpers/net.js';
import { releaseIncidents } from '../../../server/features/incidents/releases.js';

const USERS = DEMO_USERS;
const ROLES = Object.keys(USERS) as Role[];
const ALL = ROLES;
const NOT_ADMIN = ROLES.filter((r) => r !== 'admin');

/** The kinds of change made once each, and who may see each (SPEC 3). */
const VISIBLE: Record<string, readonly Role[]> = {
  'service created (exact)': ALL,
  'safe house created': NOT_ADMIN,
  'safe house availability': NOT_ADMIN,
  'clinical availability': ALL,
  'gbv alert raised': ['gbv_coordinator'],
  'gbv alert acknowledged': ['gbv_coordinator'],
  'stock totals': ['ops_officer', 'gbv_coordinator'],
  'risk alert': ALL,
  'request to the provider, own shelter': ROLES.filter((r) => r !== 'viewer'),
  'request elsewhere': ['ops_officer', 'gbv_coordinator', 'admin'],
  // A report changes nothing any reader sees (a placeholder for all, the reporter included); the
  // release that follows is what GBV coordinators and operations officers see.
  'incident report': [],
  'incident release': ['ops_officer', 'gbv_coordinator'],
};
/** Who sees a safe house's position, beds and clinical stock: GBV coordinators and the provider itself. */
const PRIVATE_READERS: readonly Role[] = ['gbv_coordinator', 'service_provider'];

describe.each(STORAGES)('role matrix on %s: HTTP, snapshot, /api/events and socket pushes', (storage) => {
  let srv: TestServer;
  const api = {} as Record<Role, ApiClient>;
  const replicas = {} as Record<Role, ReplicaClient>;
  const sockets: TestSocket[] = [];
  let startSeq = 0;
  let head = 0;
  const labelOf = new Map<number, string>();
  let safeHouseId = '';
  let safeHouseCoords: [number, number] = [0, 0];

  beforeAll(async () => {
    srv = await startServer({ storage });
    for (const r of ROLES) api[r] = await login(srv.url, USERS[r]);
    startSeq = (await api.admin.get<{ seq: number }>('/api/snapshot')).body.data!.seq;
    for (const r of ROLES) {
      const s = connectSocket(srv.url, api[r].cookie);
      sockets.push(s);
      replicas[r] = new ReplicaClient(s, startSeq);
      await connected(s);
    }
    const me = async (c: ApiClient) => (await c.get<{ orgId: string }>('/api/me')).body.data!.orgId;
    const providerOrg = await me(api.service_provider);
    const managerOrg = await me(api.shelter_manager);
    const shelters = (await api.ops_officer.get<Shelter[]>('/api/shelters')).body.data!;
    const ownShelter = shelters.find((s) => s.managingOrgId === managerOrg)!;
    const laoCaiShelter = shelters.find((s) => s.provinceCode === '15')!;
    const services = (await api.gbv_coordinator.get<ServicePoint[]>('/api/services')).body.data!;
    const clinic = services.find(
      (s) =>
        s.providerOrgId === providerOrg && s.types.includes('health_cmr') && s.availability.status === 'open',
    )!;
    const orgs = (await api.admin.get<{ id: string; acronym: string }[]>('/api/organisations')).body.data!;
    const otherOrg = orgs.find((o) => o.acronym === 'VWU-LC')!.id;

    const mark = async (
      label: string,
      p: Promise<{ status: number; body: { ok: boolean; data?: unknown; error?: unknown } }>,
    ) => {
      const res = await p;
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      const { rows } = await srv.app.ctx.db.query<{ seq: number }>(
        'SELECT seq FROM events WHERE seq > $1 ORDER BY seq',
        [Math.max(startSeq, ...labelOf.keys())],
      );
      for (const r of rows) if (!labelOf.has(Number(r.seq))) labelOf.set(Number(r.seq), label);
      return res.body.data as Record<string, unknown>;
    };

    // One change of every kind.
    await mark(
      'service created (exact)',
      api.gbv_coordinator.send('POST', '/api/services', {
        name: 'Matrix psychosocial point',
        types: ['psychosocial'],
        provinceCode: '22',
        communeCode: '06688',
        lat: 20.951,
        lon: 107.081,
        providerOrgId: providerOrg,
      }),
    );
    const sh = await mark(
      'safe house created',
      api.gbv_coordinator.send('POST', '/api/services', {
        name: 'Matrix Safe House',
        types: ['safe_house'],
        provinceCode: '22',
        locationVisibility: 'hidden',
        lat: 20.9777,
        lon: 107.0333,
        providerOrgId: providerOrg,
      }),
    );
    safeHouseId = sh.id as string;
    safeHouseCoords = [20.9777, 107.0333];
    await mark(
      'safe house availability',
      api.service_provider.send('POST', `/api/services/${safeHouseId}/availability`, {
        version: 1,
        status: 'limited',
        reasons: ['overwhelmed'],
        safeHouseBeds: 2,
      }),
    );
    // A clinical point closing and running out of PEP: one availability event, a time-critical alert, new province totals.
    const before = labelOf.size;
    await mark(
      'clinical availability',
      api.service_provider.send('POST', `/api/services/${clinic.id}/availability`, {
        version: clinic.version,
        status: 'closed',
        reasons: ['flooded'],
        stock: {
          pep_courses: { quantity: 0, level: 'out' },
          emergency_contraception: { quantity: 10, level: 'ok' },
        },
      }),
    );
    const { rows: clinicalEvents } = await srv.app.ctx.db.query<{ seq: number; type: string }>(
      'SELECT seq, type FROM events WHERE seq > $1 ORDER BY seq',
      [startSeq],
    );
    for (const e of clinicalEvents) {
      if (e.type === 'gbv-alert:raised') labelOf.set(Number(e.seq), 'gbv alert raised');
      if (e.type === 'stock-totals:changed') labelOf.set(Number(e.seq), 'stock totals');
    }
    expect(labelOf.size).toBe(before + 3);
    const raised = (
      await api.gbv_coordinator.get<{ id: string; version: number; serviceId: string }[]>('/api/gbv-alerts')
    ).body.data!.find((g) => g.serviceId === clinic.id)!;
    await mark(
      'gbv alert acknowledged',
      api.gbv_coordinator.send('POST', `/api/gbv-alerts/${raised.id}/acknowledge`, {
        version: raised.version,
      }),
    );
    const now = Date.now();
    const alert = await mark(
      'risk alert',
      api.ops_officer.send('POST', '/api/alerts', {
        hazard: 'heavy_rain',
        level: 3,
        title: 'Mưa lớn (thử nghiệm)',
        provinceCodes: ['22'],
        validFrom: new Date(now - 3_600_000).toISOString(),
        validTo: new Date(now + 3_600_000).toISOString(),
        issuer: 'Test bulletin office',
      }),
    );
    await mark(
      'risk alert',
      api.ops_officer.send('PATCH', `/api/alerts/${alert.id as string}`, { version: 1, status: 'cancelled' }),
    );
    const req = await mark(
      'request to the provider, own shelter',
      api.ops_officer.send('POST', '/api/requests', {
        kind: 'cmr_supplies',
        title: 'PEP resupply',
        toOrgId: providerOrg,
        shelterId: ownShelter.id,
        priority: 'life_saving',
      }),
    );
    await mark(
      'request to the provider, own shelter',
      api.service_provider.send('PATCH', `/api/requests/${req.id as string}`, {
        version: 1,
        status: 'acknowledged',
      }),
    );
    await mark(
      'request to the provider, own shelter',
      api.shelter_manager.send('POST', `/api/requests/${req.id as string}/messages`, {
        text: 'Cảm ơn, cần trước 18:00 ngày 8/9.',
      }),
    );
    await mark(
      'request elsewhere',
      api.gbv_coordinator.send('POST', '/api/requests', {
        kind: 'dignity_kits',
        title: 'Dignity kits',
        toOrgId: otherOrg,
        shelterId: laoCaiShelter.id,
        quantity: 50,
      }),
    );
    await mark(
      'incident report',
      api.gbv_coordinator.send('POST', '/api/incident-reports', {
        period: '2024-07',
        provinceCode: '22',
        counts: buildIncidentCounts({ rape: 1, physical_assault: 5 }, [6, 0], [0, 1, 5, 0], [2, 4, 0, 0], 1),
      }),
    );

    // July 2024 is long closed: the next release publishes it.
    expect((await releaseIncidents(srv.app.ctx)).cells).toBe(1);
    const { rows: released } = await srv.app.ctx.db.query<{ seq: number }>(
      "SELECT seq FROM events WHERE type = 'incident:released' AND seq > $1",
      [startSeq],
    );
    for (const r of released) labelOf.set(Number(r.seq), 'incident release');

    head = Math.max(...labelOf.keys());
    await waitFor(() => ROLES.every((r) => replicas[r].lastSeq >= head), 15_000);
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await srv?.stop();
  });

  it('made one change of every kind', () => {
    expect(new Set(labelOf.values())).toEqual(new Set(Object.keys(VISIBLE)));
  });

  describe.each(ROLES)('%s', (role) => {
    const expectStream = (changes: Change[], where: string) => {
      const bySeq = new Map(changes.filter((c) => c.seq > startSeq && c.seq <= head).map((c) => [c.seq, c]));
      for (const [seq, label] of labelOf) {
        const c = bySeq.get(seq);
        expect(c, `${where}: seq ${seq} (${label}) missing`).toBeDefined();
        const shouldSee = VISIBLE[label]!.includes(role);
        expect(c!.type === 'hidden' ? 'hidden' : 'visible', `${where}: ${label}`).toBe(
          shouldSee ? 'visible' : 'hidden',
        );
        // A placeholder carries the seq and nothing else.
        if (c!.type === 'hidden') expect(Object.keys(c).sort()).toEqual(['seq', 'type']);
        expect(ChangeSchema.safeParse(c).success, `${where}: ${label} matches its schema`).toBe(true);
      }
    };

    const expectFields = (changes: Change[], where: string) => {
      for (const c of changes) {
        if (c.type === 'hidden') continue;
        const text = JSON.stringify(c.data);
        expect(c.type, where).not.toBe('incident:summary-changed');
        if (c.type === 'incident:released') {
          // Aggregates never carry coordinates, a commune, a shelter or the reporting organisation.
          expect(text, where).not.toMatch(/"(lat|lon|communeCode|shelterId|reportingOrgId|contributions)"/);
          expect(c.by).toEqual({ userId: null, orgId: null });
          expect(c.data.counts.total).toBe(6);
          if (role === 'gbv_coordinator') {
            // Its own organisation entered every figure: nothing to hide from it.
            expect(c.data.counts.byType?.rape).toBe(1);
          } else {
            // 1 rape and 5 physical assaults: the label alone would be 6 - 5, so the whole breakdown is hidden.
            expect(c.data.counts.byType).toBeNull();
            expect(c.data.counts.byAge).toBeNull();
          }
        }
        if (c.type.startsWith('service:')) {
          const s = c.data as ServicePoint;
          if (s.types.includes('safe_house')) {
            if (PRIVATE_READERS.includes(role)) expect(s.lat, where).not.toBeNull();
            else
              expect(
                [s.lat, s.lon, s.availability.safeHouseBeds],
                `${where}: safe house position and beds`,
              ).toEqual([null, null, null]);
          }
          if (!PRIVATE_READERS.includes(role)) expect(s.availability.stock, `${where}: stock`).toBeNull();
        }
        if (!PRIVATE_READERS.includes(role)) expect(text).not.toContain(String(safeHouseCoords[0]));
      }
    };

    it('socket: received exactly the changes it may see, placeholders for the rest', () => {
      expectStream(replicas[role].received, 'socket');
      expectFields(replicas[role].received, 'socket');
    });

    it('/api/events: the same projection as the socket', async () => {
      const res = await api[role].get<{ events: Change[] }>(`/api/events?after=${startSeq}`);
      expect(res.status).toBe(200);
      expectStream(res.body.data!.events, 'events');
      expectFields(res.body.data!.events, 'events');
      const socketTypes = replicas[role].applied
        .filter((c) => c.seq <= head)
        .map((c) => `${c.seq}:${c.type}`);
      expect(res.body.data!.events.filter((c) => c.seq <= head).map((c) => `${c.seq}:${c.type}`)).toEqual(
        socketTypes,
      );
    });

    it('/api/snapshot: only the keys and fields the role may read', async () => {
      const res = await api[role].get<
        Record<string, unknown> & {
          services: ServicePoint[];
          requests: CoordinationRequest[];
          gbvAlerts: unknown[];
        }
      >('/api/snapshot');
      expect(res.status).toBe(200);
      const snap = res.body.data!;
      const readsAggregates = role === 'gbv_coordinator' || role === 'ops_officer';
      expect('incidents' in snap).toBe(readsAggregates);
      expect('stockTotals' in snap).toBe(readsAggregates);
      expect(snap.gbvAlerts.length > 0).toBe(role === 'gbv_coordinator');
      const safeHouses = snap.services.filter((s) => s.types.includes('safe_house'));
      if (role === 'admin') expect(safeHouses).toEqual([]);
      else expect(safeHouses.length).toBeGreaterThan(1);
      const me = (await api[role].get<{ orgId: string }>('/api/me')).body.data!;
      for (const s of safeHouses) {
        const sees =
          role === 'gbv_coordinator' || (role === 'service_provider' && s.providerOrgId === me.orgId);
        expect(s.lat === null, `${s.name} position for ${role}`).toBe(!sees);
        expect(s.availability.safeHouseBeds === null).toBe(!sees);
      }
      if (!PRIVATE_READERS.includes(role)) {
        expect(JSON.stringify(snap)).not.toContain(String(safeHouseCoords[0]));
        expect(snap.services.every((s) => s.availability.stock === null)).toBe(true);
      }
      if (role === 'service_provider') {
        expect(snap.services.find((s) => s.id === safeHouseId)?.lat).toBe(safeHouseCoords[0]);
        expect(snap.requests.every((r) => r.toOrgId === me.orgId)).toBe(true);
      }
      if (role === 'shelter_manager')
        expect(snap.requests.every((r) => r.shelterOrgId === me.orgId || r.fromOrgId === me.orgId)).toBe(
          true,
        );
      if (readsAggregates)
        expect(JSON.stringify(snap.incidents)).not.toMatch(/"(lat|lon|communeCode|reportingOrgId)"/);
    });

    it('HTTP: incident summary and audit only for the roles allowed', async () => {
      const summary = await api[role].get('/api/incidents/summary');
      expect(summary.status).toBe(role === 'gbv_coordinator' || role === 'ops_officer' ? 200 : 403);
      const auditLog = await api[role].get('/api/audit');
      expect(auditLog.status).toBe(role === 'admin' ? 200 : 403);
      const gbvAlerts = await api[role].get('/api/gbv-alerts');
      expect(gbvAlerts.status).toBe(role === 'gbv_coordinator' ? 200 : 403);
      const hidden = await api[role].get<ServicePoint>(`/api/services/${safeHouseId}`);
      if (role === 'admin') expect(hidden.status).toBe(404);
      else expect(hidden.body.data!.lat === null).toBe(!PRIVATE_READERS.includes(role));
    });
  });

  it('audits every read of incident data (who, when, what; never the data)', async () => {
    const rows = (
      await api.admin.get<{ username: string; resource: string; detail: Record<string, unknown> }[]>(
        '/api/audit?limit=500',
      )
    ).body.data!;
    const reads = rows.filter((r) => r.resource.includes('incidents'));
    expect(new Set(reads.map((r) => r.username))).toEqual(new Set(['ops', 'gbv']));
    expect(reads.map((r) => r.resource)).toEqual(
      expect.arrayContaining(['incidents.summary', 'snapshot.incidents', 'events.incidents']),
    );
    expect(JSON.stringify(rows)).not.toMatch(/byType|bySex|"total"/);
  });
});
