import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/events.js';
import type { Organisation, User } from '../../../shared/schemas/auth.js';
import type { ServicePoint } from '../../../shared/schemas/services.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { startServer, type TestServer } from '../../helpers/server.js';
import {
  connectSocket,
  connected,
  login,
  sync,
  type ApiClient,
  type TestSocket,
} from '../../helpers/client.js';
import { waitFor } from '../../helpers/net.js';
import { parse as parseCsv } from 'csv-parse/sync';

/**
 * The SPEC 3 matrix as a table, written out by hand (not derived from the rulebook, so a wrong
 * rule fails here): every reader x every field group x every read path, HTTP and socket. Readers
 * include a GBV coordinator scoped to another province (Lao Cai) and an ops officer scoped to Quang
 * Ninh, where the records live.
 */
const READERS = ['viewer', 'ops', 'ops22', 'shelter', 'provider', 'gbv', 'gbv15', 'admin'] as const;
type Reader = (typeof READERS)[number];

const GROUPS = [
  'safeHouseName',
  'safeHouseCommune',
  'safeHousePosition',
  'safeHouseBeds',
  'safeHouseFlagged',
  'convertedOldPosition',
  'stock',
  'checklist',
  'stockTotals',
  'gbvAlerts',
  'requests',
] as const;
type Group = (typeof GROUPS)[number];

/** One flag per reader, in the order of READERS. */
type Flags<T extends readonly unknown[]> = { readonly [K in keyof T]: boolean };
type Row = Flags<typeof READERS>;
const Y = true;
const N = false;

/**
 * true: the reader must see it on every path that carries it; false: on no path. One column per
 * reader, in the order of READERS: viewer, ops, ops22, shelter, provider, gbv, gbv15, admin.
 */
const ROWS: Record<Group, Row> = {
  // SPEC 2.3 / 3: a safe house's name, commune, position and beds: its provider, GBV coordinators in scope.
  safeHouseName: [N, N, N, N, Y, Y, N, N],
  safeHouseCommune: [N, N, N, N, Y, Y, N, N],
  safeHousePosition: [N, N, N, N, Y, Y, N, N],
  safeHouseBeds: [N, N, N, N, Y, Y, N, N],
  // "it takes part in no area flag or distance" for those without the right.
  safeHouseFlagged: [N, N, N, N, Y, Y, N, N],
  // A service created with an exact position, then turned into a safe house: its old position is gone for those without the right.
  convertedOldPosition: [N, N, N, N, Y, Y, N, N],
  // Stock of clinical supplies: GBV coordinators (in scope), the provider itself.
  stock: [N, N, N, N, Y, Y, N, N],
  // The full checklist: ops, shelter managers, GBV coordinators, admin; others the score only.
  checklist: [N, Y, Y, Y, N, Y, Y, Y],
  // Province stock totals: ops and GBV coordinators, within scope.
  stockTotals: [N, Y, Y, N, N, Y, N, N],
  // Time-critical alerts: GBV coordinators of the province.
  gbvAlerts: [N, N, N, N, N, Y, N, N],
  // A request from an ops officer to the provider about a Quang Ninh shelter not run by the demo shelter manager.
  requests: [N, Y, Y, N, Y, Y, N, Y],
};
const TABLE = Object.fromEntries(
  Object.entries(ROWS).map(([group, row]) => [group, Object.fromEntries(READERS.map((r, i) => [r, row[i]]))]),
) as Record<Group, Record<Reader, boolean>>;

// `export`: the GeoJSON files of services and shelters, and the requests CSV (rows as { id }).
const PATHS = ['http', 'snapshot', 'events', 'sync', 'push', 'export'] as const;
type Path = (typeof PATHS)[number];
const NOT_EXPORTED = PATHS.filter((p) => p !== 'export');

const PASSWORD = 'Bão-Yagi-07/09/2024-Quảng-Ninh';
const SAFE_NAME = 'Nhà bình yên Ma trận';
const SAFE_LAT = 20.9734;
const SAFE_COMMUNE = '06688';
const CONVERTED_LON = 107.0613;

/** Every object anywhere in a JSON value. */
function objectsIn(v: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(v)) v.forEach((x) => objectsIn(x, out));
  else if (v && typeof v === 'object') {
    out.push(v as Record<string, unknown>);
    Object.values(v).forEach((x) => objectsIn(x, out));
  }
  return out;
}

describe('the permission table: every reader, field group and read path', () => {
  let srv: TestServer;
  const api = {} as Record<Reader, ApiClient>;
  const sockets = {} as Record<Reader, TestSocket>;
  const pushed = {} as Record<Reader, Change[]>;
  let startSeq = 0;
  let head = 0;
  let safeHouseId = '';
  let convertedId = '';
  let clinicId = '';
  let requestId = '';
  let shelterId = '';
  /** What each reader received on each path, as one JSON value per path. */
  const seen = {} as Record<Reader, Record<Path, unknown[]>>;

  beforeAll(async () => {
    srv = await startServer();
    const admin = await login(srv.url, 'admin');
    const orgs = (await admin.get<Organisation[]>('/api/organisations')).body.data!;
    const orgOf = (acronym: string) => orgs.find((o) => o.acronym === acronym)!.id;
    for (const [username, role, org, scope] of [
      ['ops22', 'ops_officer', 'VDDMA', ['22']],
      ['gbv15', 'gbv_coordinator', 'VWU-LC', ['15']],
    ] as const) {
      const r = await admin.send<User>('POST', '/api/users', {
        username,
        displayName: `Scoped ${username}`,
        password: PASSWORD,
        role,
        orgId: orgOf(org),
        scope,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    for (const r of READERS)
      api[r] = r === 'ops22' || r === 'gbv15' ? await login(srv.url, r, PASSWORD) : await login(srv.url, r);
    startSeq = (await api.admin.get<{ seq: number }>('/api/snapshot')).body.data!.seq;
    for (const r of READERS) {
      pushed[r] = [];
      sockets[r] = connectSocket(srv.url, api[r].cookie);
      sockets[r].on('change', (c) => pushed[r].push(c));
      await connected(sockets[r]);
    }

    const ok = async <T>(p: Promise<{ status: number; body: { data?: T } }>) => {
      const res = await p;
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      return res.body.data!;
    };
    const providerOrg = (await api.provider.get<{ orgId: string }>('/api/me')).body.data!.orgId;
    const managerOrg = (await api.shelter.get<{ orgId: string }>('/api/me')).body.data!.orgId;
    /** A Quang Ninh service of the demo provider, listed by the GBV coordinator. */
    const newService = (fields: Record<string, unknown>) =>
      ok<ServicePoint>(
        api.gbv.send('POST', '/api/services', { provinceCode: '22', providerOrgId: providerOrg, ...fields }),
      );
    const sh = await newService({
      name: SAFE_NAME,
      types: ['safe_house'],
      communeCode: SAFE_COMMUNE,
      lat: SAFE_LAT,
      lon: 107.0441,
    });
    safeHouseId = sh.id;
    await ok(
      api.provider.send('POST', `/api/services/${safeHouseId}/availability`, {
        version: 1,
        status: 'open',
        reasons: [],
        safeHouseBeds: 3,
      }),
    );
    const converted = await newService({
      name: 'Điểm tư vấn sẽ thành nhà tạm lánh',
      types: ['psychosocial'],
      communeCode: SAFE_COMMUNE,
      lat: 20.9522,
      lon: CONVERTED_LON,
    });
    convertedId = converted.id;
    await ok(api.gbv.send('PATCH', `/api/services/${convertedId}`, { version: 1, types: ['safe_house'] }));
    const clinic = await newService({
      name: 'Trạm y tế Ma trận',
      types: ['health_cmr'],
      lat: 20.9611,
      lon: 107.0522,
    });
    clinicId = clinic.id;
    // Closing with PEP out also raises a time-critical alert and new province stock totals.
    await ok(
      api.provider.send('POST', `/api/services/${clinicId}/availability`, {
        version: 1,
        status: 'closed',
        reasons: ['flooded'],
        stock: { pep_courses: { quantity: 0, level: 'out' }, dignity_kits: { quantity: 4141, level: 'ok' } },
      }),
    );
    const shelters = (await api.ops.get<Shelter[]>('/api/shelters')).body.data!;
    const shelter = shelters.find((s) => s.provinceCode === '22' && s.managingOrgId !== managerOrg)!;
    shelterId = shelter.id;
    await ok(
      api.ops.send('PATCH', `/api/shelters/${shelterId}`, { version: shelter.version, occupancy: 77 }),
    );
    const req = await ok<{ id: string }>(
      api.ops.send('POST', '/api/requests', {
        kind: 'cmr_supplies',
        title: 'PEP resupply (matrix)',
        toOrgId: providerOrg,
        shelterId,
        priority: 'life_saving',
      }),
    );
    requestId = req.id;
    const now = Date.now();
    // An alert over the safe house's commune only: it must not flag the safe house for those without the right.
    await ok(
      api.ops.send('POST', '/api/alerts', {
        hazard: 'flash_flood',
        level: 3,
        title: 'Lũ quét (thử nghiệm ma trận)',
        communeCodes: [SAFE_COMMUNE],
        validFrom: new Date(now - 3_600_000).toISOString(),
        validTo: new Date(now + 3_600_000).toISOString(),
        issuer: 'Test bulletin office',
      }),
    );
    head = (await api.admin.get<{ seq: number }>('/api/snapshot')).body.data!.seq;
    await waitFor(() => READERS.every((r) => pushed[r].some((c) => c.seq === head)), 15_000);

    for (const r of READERS) {
      const get = async (path: string) => {
        const res = await api[r].get(path);
        return res.status === 200 ? (res.body as { data: unknown }).data : null;
      };
      const http = await Promise.all(
        [
          '/api/services',
          `/api/services/${safeHouseId}`,
          `/api/services/${safeHouseId}/history`,
          `/api/services/${convertedId}`,
          `/api/services/${clinicId}`,
          `/api/services/${clinicId}/history`,
          '/api/services/stock-totals',
          `/api/services/nearest?shelterId=${shelterId}&type=safe_house`,
          '/api/shelters',
          `/api/shelters/${shelterId}`,
          `/api/shelters/${shelterId}/history`,
          '/api/requests',
          `/api/requests/${requestId}`,
          '/api/gbv-alerts',
        ].map(get),
      );
      const snapshot = await get('/api/snapshot');
      const events = await get(`/api/events?after=${startSeq}`);
      const synced: unknown[] = [];
      for (let after = startSeq; after < head;) {
        const reply = await sync(sockets[r], after);
        if (!reply.ok || reply.data.reset) throw new Error(`sync for ${r}: ${JSON.stringify(reply)}`);
        synced.push(reply.data.events);
        const last = reply.data.events.at(-1)?.seq ?? head;
        if (last <= after) break;
        after = last;
      }
      const file = async (path: string) => {
        const res = await fetch(`${srv.url}${path}`, { headers: { cookie: api[r].cookie } });
        return { status: res.status, text: await res.text() };
      };
      const exported: unknown[] = [];
      for (const path of ['/api/export/services.geojson', '/api/export/shelters.geojson']) {
        const f = await file(path);
        expect(f.status).toBe(200);
        exported.push(JSON.parse(f.text));
      }
      const reqs = await file('/api/export/requests.csv');
      if (reqs.status === 200) {
        const records: string[][] = parseCsv(reqs.text, { bom: true });
        const rows = records.slice(2);
        exported.push(rows.map((row) => ({ id: row[0] })));
      } else expect(reqs.status).toBe(403);
      seen[r] = {
        http,
        snapshot: [snapshot],
        events: [events],
        sync: synced,
        push: [pushed[r]],
        export: exported,
      };
    }
  });

  afterAll(async () => {
    Object.values(sockets).forEach((s) => s.disconnect());
    await srv?.stop();
  });

  /** Which of the paths carry the group at all (for readers allowed it), and whether this reader got it. */
  const got: Record<Group, (objs: Record<string, unknown>[], raw: string, r: Reader) => boolean> = {
    safeHouseName: (_o, raw) => raw.includes(SAFE_NAME),
    safeHouseCommune: (objs) => objs.some((o) => o.id === safeHouseId && o.communeCode === SAFE_COMMUNE),
    safeHousePosition: (_o, raw) => raw.includes(String(SAFE_LAT)),
    safeHouseBeds: (objs) =>
      objs.some(
        (o) =>
          (o.id === safeHouseId &&
            (o.availability as { safeHouseBeds?: unknown } | undefined)?.safeHouseBeds === 3) ||
          // history rows of the safe house carry beds directly
          (o.safeHouseBeds === 3 && 'reportedAt' in o),
      ),
    safeHouseFlagged: (objs) =>
      objs.some((o) => o.services && typeof o.services === 'object' && safeHouseId in o.services),
    convertedOldPosition: (_o, raw) => raw.includes(String(CONVERTED_LON)),
    stock: (objs) =>
      objs.some(
        (o) =>
          (o.id === clinicId && (o.availability as { stock?: unknown } | undefined)?.stock != null) ||
          // the clinic's stock in a history row (4,141 kits: no other service posts that)
          ((o.dignity_kits as { quantity?: unknown; level?: unknown } | undefined)?.quantity === 4141 &&
            'level' in (o.dignity_kits as object)),
      ),
    checklist: (objs) =>
      objs.some((o) => o.id === shelterId && o.checklist !== null && o.checklist !== undefined),
    stockTotals: (objs) => objs.some((o) => o.provinceCode === '22' && 'services' in o && 'stock' in o),
    gbvAlerts: (objs) =>
      objs.some((o) => o.serviceId === clinicId && 'reasons' in o && 'acknowledgedAt' in o),
    requests: (objs) => objs.some((o) => o.id === requestId),
  };

  /** The paths on which a group travels (beds and stock go out as full records on every path). */
  const CARRIED_ON: Record<Group, readonly Path[]> = {
    safeHouseName: PATHS,
    safeHouseCommune: PATHS,
    safeHousePosition: PATHS,
    safeHouseBeds: PATHS,
    safeHouseFlagged: ['snapshot'],
    // Every read after the change (replays included) applies the record's current visibility.
    convertedOldPosition: PATHS,
    stock: PATHS,
    checklist: PATHS,
    // Neither is in any export file.
    stockTotals: NOT_EXPORTED,
    gbvAlerts: NOT_EXPORTED,
    requests: PATHS,
  };

  /** Paths where a group is not judged by this table. */
  const UNCHECKED: Partial<Record<Group, readonly Path[]>> = {
    // Pushed live while the service was still public: that cannot be unsent, and was allowed then.
    convertedOldPosition: ['push'],
  };

  describe.each(READERS)('%s', (reader) => {
    it.each(GROUPS)('%s: seen on exactly the paths the table allows', (group) => {
      for (const path of PATHS) {
        if (UNCHECKED[group]?.includes(path)) continue;
        const value = seen[reader][path];
        const visible = got[group](objectsIn(value), JSON.stringify(value), reader);
        const expected = TABLE[group][reader] && CARRIED_ON[group].includes(path);
        const where =
          path === 'http'
            ? ` (${value
                .map((v, i) => (got[group](objectsIn(v), JSON.stringify(v), reader) ? i : -1))
                .filter((i) => i >= 0)
                .join(',')})`
            : '';
        expect(visible, `${reader} / ${group} / ${path}${where}`).toBe(expected);
      }
    });
  });

  it('a masked safe house shows only "Safe house", its province, status, types and hotline', () => {
    const s = objectsIn(seen.viewer.http).find((o) => o.id === safeHouseId) as unknown as ServicePoint;
    expect(s).toMatchObject({
      name: 'Safe house',
      masked: true,
      provinceCode: '22',
      communeCode: null,
      lat: null,
      lon: null,
      providerOrgId: null,
      orgId: null,
      updatedBy: null,
      types: ['safe_house'],
    });
    expect(s.availability).toMatchObject({
      status: 'open',
      safeHouseBeds: null,
      stock: null,
      note: null,
      reportedBy: null,
    });
    // Its pushed changes do not name the provider that made them either.
    const change = seen.viewer.push
      .flat(2)
      .find(
        (c) =>
          (c as Change).type === 'service:availability-changed' &&
          (c as { data: { id: string } }).data.id === safeHouseId,
      ) as { by: unknown } | undefined;
    expect(change?.by).toEqual({ userId: null, orgId: null });
  });
});
