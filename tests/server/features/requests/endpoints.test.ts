import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_STATUSES, type RequestStatus } from '../../../../shared/enums.js';
import { REQUEST_TRANSITIONS } from '../../../../shared/domain/requestWorkflow.js';
import { haversineKm } from '../../../../shared/domain/geo.js';
import type { NearestService, ServicePoint } from '../../../../shared/schemas/services.js';
import type { CoordinationRequest } from '../../../../shared/schemas/requests.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { startServer, type TestServer } from '../../../helpers/server.js';
import { login, type ApiClient } from '../../../helpers/client.js';
import { buildAlertCreate, buildIncidentCounts, buildRequestCreate } from '../../../helpers/factories.js';

const TABLES = [
  'events',
  'service_points',
  'service_availability',
  'gbv_alerts',
  'risk_alerts',
  'coordination_requests',
  'request_messages',
  'incident_reports',
];
const counts = buildIncidentCounts({ physical_assault: 6 }, [6, 0], [0, 0, 6, 0], [6, 0, 0, 0], 2);

describe('GBV endpoints', () => {
  let srv: TestServer;
  let gbv: ApiClient;
  let ops: ApiClient;
  let viewer: ApiClient;
  let admin: ApiClient;
  let provider: ApiClient;
  let shelter: Shelter;
  let service: ServicePoint;
  let alertId: string;
  let request: CoordinationRequest;
  let gbvAlertId: string;

  const tableCounts = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES)
      out[t] = Number(
        (await srv.app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n,
      );
    return out;
  };

  beforeAll(async () => {
    srv = await startServer();
    [gbv, ops, viewer, admin, provider] = await Promise.all([
      login(srv.url, 'gbv'),
      login(srv.url, 'ops'),
      login(srv.url, 'viewer'),
      login(srv.url, 'admin'),
      login(srv.url, 'provider'),
    ]);
    shelter = (await ops.get<Shelter[]>('/api/shelters')).body.data![0]!;
    service = (
      await gbv.send<ServicePoint>('POST', '/api/services', {
        name: 'Endpoint test clinic',
        types: ['health_cmr'],
        provinceCode: '46',
        lat: 16.46,
        lon: 107.59,
      })
    ).body.data!;
    const now = Date.now();
    alertId = (
      await ops.send<{ id: string }>('POST', '/api/alerts', {
        hazard: 'flood',
        level: 2,
        title: 'Flood watch',
        provinceCodes: ['46'],
        validFrom: new Date(now).toISOString(),
        validTo: new Date(now + 3_600_000).toISOString(),
        issuer: 'Test office',
      })
    ).body.data!.id;
    request = (await gbv.send<CoordinationRequest>('POST', '/api/requests', buildRequestCreate())).body.data!;
    gbvAlertId = (await gbv.get<{ id: string }[]>('/api/gbv-alerts')).body.data![0]!.id;
  });
  afterAll(async () => srv?.stop());

  describe('bad input on every new endpoint: 400 naming the field, nothing stored changed', () => {
    // Valid bodies; each case below changes what it tests (undefined leaves a field out).
    const serviceBody = (over: Record<string, unknown>) => ({
      name: 'X',
      types: ['police'],
      provinceCode: '22',
      lat: 21,
      lon: 107,
      ...over,
    });
    const requestBody = (over: Record<string, unknown>) =>
      buildRequestCreate({ title: 'T', toSector: 'gbv', ...over });
    type Call = [ApiClient, string, string, unknown?];
    type Over = Record<string, unknown>;
    const post = (c: ApiClient, path: string, body: unknown): Call => [c, 'POST', path, body];
    const newService = (over: Over) => post(gbv, '/api/services', serviceBody(over));
    const newAlert = (over: Over) => post(ops, '/api/alerts', buildAlertCreate(over));
    const newRequest = (over: Over) => post(gbv, '/api/requests', requestBody(over));
    // A report on the test clinic, valid but for what the case changes.
    const availability = (over: Over) =>
      post(gbv, `/api/services/${service.id}/availability`, { version: 1, status: 'open', ...over });
    // A report of the shared counts for September 2024 in province 22, valid but for what the case changes.
    const incident = (over: Over) =>
      post(gbv, '/api/incident-reports', { period: '2024-09', provinceCode: '22', counts, ...over });
    const cases: [string, () => Call, string][] = [
      ['service without types', () => [gbv, 'POST', '/api/services', serviceBody({ types: [] })], 'types'],
      ['service with an unknown field', () => newService({ survivor: 'x' }), 'survivor'],
      ['service name with a phone number', () => newService({ name: 'Chị Lan 0912 345 678' }), 'name'],
      ['service outside Viet Nam', () => newService({ lat: 40 }), 'lat'],
      ['service in an unknown province', () => newService({ provinceCode: '99' }), 'provinceCode'],
      [
        'exact service without a position',
        () => [gbv, 'POST', '/api/services', { name: 'X', types: ['police'], provinceCode: '22' }],
        'lat',
      ],
      [
        'service patch with nothing to change',
        () => [gbv, 'PATCH', `/api/services/${service.id}`, { version: 1 }],
        'version',
      ],
      [
        'service hours with an ID number',
        () => [gbv, 'PATCH', `/api/services/${service.id}`, { version: 1, hours: 'ask for 001234567890' }],
        'hours',
      ],
      ['service id not a uuid', () => [gbv, 'GET', '/api/services/not-a-uuid'], 'id'],
      ['availability with a bad status', () => availability({ status: 'gone' }), 'status'],
      [
        'availability with negative stock',
        () => availability({ stock: { pep_courses: { quantity: -1, level: 'ok' } } }),
        'stock.pep_courses.quantity',
      ],
      [
        'availability with an unknown stock item',
        () => availability({ stock: { condoms: { quantity: 1, level: 'ok' } } }),
        'stock.condoms',
      ],
      ['availability note with a phone number', () => availability({ note: 'gọi +84 912 345 678' }), 'note'],
      ['beds on a clinic', () => availability({ safeHouseBeds: 3 }), 'safeHouseBeds'],
      [
        'nearest with a bad type',
        () => [gbv, 'GET', '/api/services/nearest?lat=21&lon=107&type=spa'],
        'type',
      ],
      ['nearest with lat alone', () => [gbv, 'GET', '/api/services/nearest?lat=21&type=police'], 'lon'],
      ['nearest without an origin', () => [gbv, 'GET', '/api/services/nearest?type=police'], 'shelterId'],
      ['alert level 7', () => newAlert({ level: 7 }), 'level'],
      [
        'alert ending before it starts',
        () => newAlert({ validFrom: '2024-09-08T00:00:00Z', validTo: '2024-09-07T00:00:00Z' }),
        'validTo',
      ],
      ['alert without an area', () => newAlert({ provinceCodes: undefined }), 'provinceCodes'],
      [
        'alert with an open ring',
        () =>
          newAlert({
            provinceCodes: undefined,
            polygon: {
              type: 'Polygon',
              coordinates: [
                [
                  [105, 20],
                  [106, 20],
                  [106, 21],
                  [105, 21],
                ],
              ],
            },
          }),
        'polygon.coordinates.0',
      ],
      ['storm alert at level 2', () => newAlert({ hazard: 'storm', provinceCodes: ['22'] }), 'level'],
      ['alert title with a phone number', () => newAlert({ title: 'Liên hệ 0987654321' }), 'title'],
      ['alert in an unknown province', () => newAlert({ provinceCodes: ['77'] }), 'provinceCodes.0'],
      [
        'alert patch to a bad status',
        () => [ops, 'PATCH', `/api/alerts/${alertId}`, { version: 1, status: 'gone' }],
        'status',
      ],
      [
        'alert patch forecast from active',
        () => [ops, 'PATCH', `/api/alerts/${alertId}`, { version: 1, status: 'forecast' }],
        'status',
      ],
      [
        // A request without an addressee is now routed by the coordination mechanism (issue 13;
        // its 400 when nobody leads is in tests/server/features/coordinationRoles/coordinationRoles.test.ts).
        'request to an unknown organisation',
        () => [
          gbv,
          'POST',
          '/api/requests',
          {
            kind: 'lighting',
            title: 'T',
            provinceCode: '46',
            toOrgId: '00000000-0000-4000-8000-000000000000',
          },
        ],
        'toOrgId',
      ],
      ['request of an unknown kind', () => newRequest({ kind: 'weapons' }), 'kind'],
      ['request title with an ID number', () => newRequest({ title: 'CCCD 001234567890' }), 'title'],
      [
        'request first message with a phone number',
        () => newRequest({ message: 'sđt 0912.345.678' }),
        'message',
      ],
      ['request with a survivor field', () => newRequest({ survivorName: 'x' }), 'survivorName'],
      [
        'request patch to a bad status',
        () => [gbv, 'PATCH', `/api/requests/${request.id}`, { version: 1, status: 'lost' }],
        'status',
      ],
      [
        'request patch with nothing to change',
        () => [gbv, 'PATCH', `/api/requests/${request.id}`, { version: 1 }],
        'version',
      ],
      ['empty message', () => [gbv, 'POST', `/api/requests/${request.id}/messages`, { text: '' }], 'text'],
      [
        'message with a phone number',
        () => [gbv, 'POST', `/api/requests/${request.id}/messages`, { text: 'Gọi 0912345678 nhé' }],
        'text',
      ],
      [
        'message with an unknown field',
        () => [gbv, 'POST', `/api/requests/${request.id}/messages`, { text: 'ok', to: 'x' }],
        'to',
      ],
      [
        'incident breakdown not summing to the total',
        () => incident({ counts: { ...counts, bySex: { female: 5, male: 0 } } }),
        'counts.bySex',
      ],
      ['incident period malformed', () => incident({ period: '2024-13' }), 'period'],
      ['incident report with coordinates', () => incident({ lat: 21, lon: 107 }), 'lat'],
      [
        'incident negative count',
        () => incident({ counts: { ...counts, within72h: -1 } }),
        'counts.within72h',
      ],
      ['incident commune in another province', () => incident({ communeCode: '19753' }), 'communeCode'],
      ['summary from a bad month', () => [gbv, 'GET', '/api/incidents/summary?from=2024-13'], 'from'],
      ['summary with an unknown parameter', () => [gbv, 'GET', '/api/incidents/summary?lat=21'], 'lat'],
      [
        'acknowledge without a version',
        () => [gbv, 'POST', `/api/gbv-alerts/${gbvAlertId}/acknowledge`, {}],
        'version',
      ],
      ['audit page of 0', () => [admin, 'GET', '/api/audit?limit=0'], 'limit'],
    ];
    it.each(cases)('%s', async (_name, make, field) => {
      const before = await tableCounts();
      const [c, method, path, body] = make();
      const res = method === 'GET' ? await c.get(path) : await c.send(method, path, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error?.issues?.map((i) => i.path)).toContain(field);
      expect(await tableCounts()).toEqual(before);
    });

    it('explains a refused phone number in words', async () => {
      const res = await gbv.send('POST', `/api/requests/${request.id}/messages`, {
        text: 'Số của chị ấy: 0912 345 678',
      });
      expect(res.body.error?.message).toMatch(/phone number/);
      expect(res.body.error?.message).toMatch(/số điện thoại/);
    });
    it('accepts ordinary Vietnamese text with dates and quantities', async () => {
      const res = await gbv.send('POST', `/api/requests/${request.id}/messages`, {
        text: 'Đã chuyển 200 bộ dụng cụ ngày 7/9; còn thiếu 30 đèn.',
      });
      expect(res.status).toBe(201);
    });
  });

  describe('request workflow over HTTP', () => {
    // How to reach each status from open, using allowed moves only.
    const PATHS: Record<RequestStatus, RequestStatus[]> = {
      open: [],
      acknowledged: ['acknowledged'],
      in_progress: ['acknowledged', 'in_progress'],
      done: ['acknowledged', 'in_progress', 'done'],
      declined: ['declined'],
      cancelled: ['cancelled'],
      escalated: ['escalated'],
    };
    it.each(REQUEST_STATUSES)(
      'from %s, refuses every move the workflow does not allow and allows the rest',
      async (from) => {
        const fresh = async () => {
          let r = (
            await gbv.send<CoordinationRequest>(
              'POST',
              '/api/requests',
              buildRequestCreate({ title: `From ${from}` }),
            )
          ).body.data!;
          for (const s of PATHS[from]) {
            const res = await gbv.send<CoordinationRequest>('PATCH', `/api/requests/${r.id}`, {
              version: r.version,
              status: s,
            });
            expect(res.status).toBe(200);
            r = res.body.data!;
          }
          expect(r.status).toBe(from);
          return r;
        };
        const r = await fresh();
        for (const to of REQUEST_STATUSES) {
          if (REQUEST_TRANSITIONS[from].includes(to)) continue;
          const res = await gbv.send('PATCH', `/api/requests/${r.id}`, { version: r.version, status: to });
          expect(res.status, `${from} -> ${to}`).toBe(400);
          expect(res.body.error?.issues?.[0]?.path).toBe('status');
        }
        const still = (await gbv.get<CoordinationRequest>(`/api/requests/${r.id}`)).body.data!;
        expect([still.status, still.version]).toEqual([from, r.version]);
        for (const to of REQUEST_TRANSITIONS[from]) {
          const r2 = await fresh();
          expect(
            (await gbv.send('PATCH', `/api/requests/${r2.id}`, { version: r2.version, status: to })).status,
            `${from} -> ${to}`,
          ).toBe(200);
        }
      },
    );

    it('refuses a stale version with 409 and the current record', async () => {
      const res = await gbv.send('PATCH', `/api/requests/${request.id}`, { version: 99, priority: 'urgent' });
      expect(res.status).toBe(409);
    });
    it('refuses a viewer and a provider it is not addressed to', async () => {
      // Partner viewers may not read requests at all (SPEC 3), so the request does not exist for them.
      const acknowledge = (c: ApiClient) =>
        c.send('PATCH', `/api/requests/${request.id}`, { version: request.version, status: 'acknowledged' });
      expect((await acknowledge(viewer)).status).toBe(404);
      expect((await viewer.get(`/api/requests/${request.id}`)).status).toBe(404);
      expect((await viewer.get<unknown[]>('/api/requests')).body.data).toEqual([]);
      expect((await acknowledge(provider)).status).toBe(404);
    });
  });

  describe('nearest service', () => {
    const origin = { lat: 16.455, lon: 107.585 };
    let set: Record<string, ServicePoint> = {};
    beforeAll(async () => {
      const mk = async (key: string, body: Record<string, unknown>, status?: string) => {
        const s = (
          await gbv.send<ServicePoint>('POST', '/api/services', {
            provinceCode: '46',
            name: `Nearest ${key}`,
            ...body,
          })
        ).body.data!;
        if (status)
          await gbv.send('POST', `/api/services/${s.id}/availability`, { version: s.version, status });
        set[key] = s;
      };
      set = {};
      await mk('A', { types: ['legal_aid'], lat: 16.46, lon: 107.59 });
      await mk('B', { types: ['legal_aid'], lat: 16.5, lon: 107.6 }, 'limited');
      await mk('C', { types: ['legal_aid'], lat: 16.456, lon: 107.586 }, 'closed');
      await mk('D', { types: ['psychosocial'], lat: 16.4551, lon: 107.5851 });
      await mk('E', { types: ['legal_aid'], locationVisibility: 'hidden', lat: 16.4552, lon: 107.5852 });
      await mk('G', {
        types: ['legal_aid'],
        locationVisibility: 'commune',
        communeCode: '19753',
        lat: 16.6,
        lon: 107.7,
      });
    });

    it('lists open and limited services of the type, nearest first, with distances; hidden ones last without a position', async () => {
      const res = await viewer.get<NearestService[]>(
        `/api/services/nearest?lat=${origin.lat}&lon=${origin.lon}&type=legal_aid&limit=3`,
      );
      expect(res.status).toBe(200);
      const list = res.body.data!;
      const names = list.map((n) => n.service.name);
      // Commune-only G is measured to its commune's point (16.4785, 107.5773), not its stored one.
      const dG = haversineKm(origin, { lat: 16.47851, lon: 107.57732 });
      const dA = haversineKm(origin, { lat: 16.46, lon: 107.59 });
      const dB = haversineKm(origin, { lat: 16.5, lon: 107.6 });
      const expected = [
        ['Nearest A', dA],
        ['Nearest G', dG],
        ['Nearest B', dB],
      ]
        .sort((a, b) => (a[1] as number) - (b[1] as number))
        .map((x) => x[0]);
      expect(names.slice(0, 3)).toEqual(expected);
      expect(names).not.toContain('Nearest C');
      expect(names).not.toContain('Nearest D');
      const e = list.find((n) => n.service.name === 'Nearest E')!;
      expect(e.distanceKm).toBeNull();
      expect([e.service.lat, e.service.lon]).toEqual([null, null]);
      expect(names.at(-1)).toBe('Nearest E');
      const distances = list.filter((n) => n.distanceKm !== null).map((n) => n.distanceKm!);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      expect(list.find((n) => n.service.name === 'Nearest G')!.service.positionShown).toBe('commune');
    });

    it('gives the GBV coordinator the hidden service with its position and distance', async () => {
      const list = (
        await gbv.get<NearestService[]>(
          `/api/services/nearest?lat=${origin.lat}&lon=${origin.lon}&type=legal_aid&limit=2`,
        )
      ).body.data!;
      expect(list[0]!.service.name).toBe('Nearest E');
      expect(list[0]!.distanceKm).toBeLessThan(0.1);
    });

    it('works from a shelter', async () => {
      const list = (
        await viewer.get<NearestService[]>(`/api/services/nearest?shelterId=${shelter.id}&type=health_cmr`)
      ).body.data!;
      expect(list.length).toBeGreaterThan(0);
      expect(
        list.every(
          (n) =>
            ['open', 'limited'].includes(n.service.availability.status) &&
            n.service.types.includes('health_cmr'),
        ),
      ).toBe(true);
    });
  });

  describe('time-critical alerts', () => {
    it('raise once when a clinic closes, not again on a repeated report', async () => {
      const s = (await gbv.get<ServicePoint>(`/api/services/${service.id}`)).body.data!;
      const count = async () =>
        (await gbv.get<{ serviceId: string }[]>('/api/gbv-alerts')).body.data!.filter(
          (g) => g.serviceId === s.id,
        ).length;
      const n0 = await count();
      const r1 = await gbv.send<ServicePoint>('POST', `/api/services/${s.id}/availability`, {
        version: s.version,
        status: 'closed',
        reasons: ['flooded'],
      });
      expect(await count()).toBe(n0 + 1);
      const r2 = await gbv.send<ServicePoint>('POST', `/api/services/${s.id}/availability`, {
        version: r1.body.data!.version,
        status: 'closed',
        reasons: ['flooded', 'no_power'],
      });
      expect(await count()).toBe(n0 + 1);
      await gbv.send('POST', `/api/services/${s.id}/availability`, {
        version: r2.body.data!.version,
        status: 'closed',
        stock: { emergency_contraception: { quantity: 0, level: 'out' } },
      });
      expect(await count()).toBe(n0 + 2);
    });

    it('acknowledges once', async () => {
      const g = (
        await gbv.get<{ id: string; version: number; status: string }[]>('/api/gbv-alerts')
      ).body.data!.find((x) => x.status === 'open')!;
      expect(
        (await gbv.send('POST', `/api/gbv-alerts/${g.id}/acknowledge`, { version: g.version })).status,
      ).toBe(200);
      expect(
        (await gbv.send('POST', `/api/gbv-alerts/${g.id}/acknowledge`, { version: g.version + 1 })).status,
      ).toBe(409);
    });
  });

  describe('risk alerts', () => {
    it('flag shelters and services inside an alert in force, and stop when it is cancelled', async () => {
      const snap = async () =>
        (
          await viewer.get<{
            inAlert: { shelters: Record<string, string[]>; services: Record<string, string[]> };
          }>('/api/snapshot')
        ).body.data!.inAlert;
      expect((await snap()).services[service.id]).toContain(alertId);
      const a = (
        await ops.send<{ version: number; status: string }>('PATCH', `/api/alerts/${alertId}`, {
          version: 1,
          level: 3,
        })
      ).body.data!;
      expect(a.status).toBe('updated');
      expect(
        (await ops.send('PATCH', `/api/alerts/${alertId}`, { version: a.version, status: 'cancelled' }))
          .status,
      ).toBe(200);
      expect((await snap()).services[service.id] ?? []).not.toContain(alertId);
      expect(
        (await ops.send('PATCH', `/api/alerts/${alertId}`, { version: a.version + 1, status: 'active' }))
          .status,
      ).toBe(400);
    });
    it('are issued only by operations officers', async () => {
      const body = buildAlertCreate();
      for (const c of [gbv, viewer, admin, provider])
        expect((await c.send('POST', '/api/alerts', body)).status).toBe(403);
    });
  });
});
