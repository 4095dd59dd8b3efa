import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import geojsonhint from '@mapbox/geojsonhint';
import type { Role } from '../../../../shared/enums.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';
import type { IncidentSummary, AuditEntry } from '../../../../shared/schemas/incidents.js';
import type { CoordinationRequest } from '../../../../shared/schemas/requests.js';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';
import { startServer, useServer, type ServerSuite, type TestServer } from '../../../helpers/server.js';
import { STORAGES } from '../../../helpers/db.js';
import { type ApiClient, DEMO_USERS } from '../../../helpers/client.js';

/**
 * The exports (issue 9 item 1), over real HTTP: each CSV parsed with csv-parse and checked against
 * the HXL tables of the standards README and the SPEC 3 matrix, each GeoJSON validated with
 * @placemarkio/check-geojson and @mapbox/geojsonhint (right-hand rule).
 */

const USERS = DEMO_USERS;
const ROLES = Object.keys(USERS) as Role[];

// The hashtags of the standards README tables (shared/standards/README.md), in the file's order.
const BANDS = ['children+age0_4', 'children+age5_17', 'adults+age18_59', 'elderly+age60plus'];
const CHECKLIST_TAGS = [
  '#indicator+safety+critical+lighting',
  '#indicator+safety+critical+separate_sleeping',
  '#indicator+safety+critical+latrines_separated',
  '#indicator+safety+critical+latrines_lock',
  '#indicator+safety+private_bathing',
  '#indicator+safety+accessible_latrine',
  '#indicator+safety+critical+female_staff',
  '#indicator+safety+women_on_committee',
  '#indicator+safety+critical+staff_briefed',
  '#indicator+safety+critical+concerns_channel',
  '#indicator+safety+critical+hotlines_posted',
  '#indicator+safety+dignity_kits',
  '#indicator+safety+safe_distributions',
  '#indicator+safety+women_space',
];
const shelterTags = (checklist: boolean) => [
  '#loc+code',
  '#loc+name',
  // The SMS short code (issue 10), beyond the README table.
  '#loc+sms_code',
  '#loc+type',
  '#adm1+code',
  '#adm1+name',
  '#adm2+code',
  '#adm2+name',
  '#geo+lat',
  '#geo+lon',
  '#status+code',
  '#capacity+num',
  '#affected+displaced+ind',
  '#affected+displaced+hh',
  ...BANDS.map((b) => `#affected+displaced+f+${b}`),
  ...BANDS.map((b) => `#affected+displaced+m+${b}`),
  '#affected+displaced+f+pregnant_lactating',
  '#affected+displaced+disabled',
  '#affected+displaced+children+unaccompanied',
  '#affected+displaced+hh+female_headed',
  '#need+water',
  '#need+food',
  '#need+power',
  '#need+medical',
  '#indicator+num+safety_score',
  ...(checklist ? CHECKLIST_TAGS : []),
  '#org+name',
  '#org+code',
  '#contact+phone',
  '#date+reported',
  '#meta+stale',
  '#date+updated',
  '#meta+simulated',
];
const STOCK = ['pep_courses', 'emergency_contraception', 'post_rape_kits', 'dignity_kits'];
const serviceTags = (restricted: boolean) => [
  '#service+code',
  '#service+name',
  '#service+type',
  '#org+impl+name',
  '#org+impl+code',
  '#subsector+code',
  '#adm1+code',
  '#adm1+name',
  '#adm2+code',
  '#adm2+name',
  '#geo+precision',
  '#geo+lat',
  '#geo+lon',
  '#status+code',
  '#status+reason',
  '#date+expected_restore',
  '#service+hours',
  '#service+languages',
  '#service+cost',
  '#service+referral',
  '#contact+phone',
  '#indicator+bool+hotline_working',
  ...(restricted
    ? [...STOCK.flatMap((i) => [`#item+num+${i}`, `#item+level+${i}`]), '#capacity+num+beds_free']
    : []),
  '#description+note',
  '#date+reported',
  '#meta+stale',
  '#meta+simulated',
];
const REQUEST_TAGS = [
  '#meta+id',
  '#need+type',
  '#status+code',
  '#need+priority',
  '#org+requester+name',
  '#org+recipient+name',
  '#sector+code',
  '#loc+code',
  '#loc+name',
  '#service+code',
  '#service+name',
  '#adm1+code',
  '#adm1+name',
  '#need+num',
  '#date+needed_by',
  '#date+reported',
  '#date+updated',
  '#meta+simulated',
];
const ALERT_TAGS = [
  '#meta+id',
  '#meta+bulletin',
  '#event+type',
  '#event+name',
  '#description',
  '#severity+code',
  '#status+code',
  '#date+start',
  '#date+end',
  '#date+landfall',
  '#geo+lat',
  '#geo+lon',
  '#geo+bounds',
  '#org+issuer+name',
  '#adm1+code',
  '#adm1+name',
  '#adm2+code',
  '#meta+simulated',
];
const INCIDENT_TAGS = [
  '#adm1+code',
  '#adm1+name',
  '#date+reported',
  '#event+num+total',
  '#event+num+rape',
  '#event+num+sexual_assault',
  '#event+num+physical_assault',
  '#event+num+forced_marriage',
  '#event+num+denial_of_resources',
  '#event+num+psychological_abuse',
  '#event+num+f',
  '#event+num+m',
  '#event+num+children+age0_11',
  '#event+num+children+age12_17',
  '#event+num+adults+age18_59',
  '#event+num+elderly+age60plus',
  '#event+num+setting_home',
  '#event+num+setting_evacuation_site',
  '#event+num+setting_public_space',
  '#event+num+setting_other',
  '#event+num+reported_72h',
  '#meta+note',
  '#meta+simulated',
];

interface CsvFile {
  status: number;
  headers: Headers;
  bom: boolean;
  text: string;
  /** Rows after the header and tag rows, as objects keyed by hashtag. */
  rows: Record<string, string>[];
  header: string[];
  tags: string[];
}

async function fetchRaw(srv: TestServer, who: ApiClient, path: string) {
  const res = await fetch(`${srv.url}${path}`, { headers: { cookie: who.cookie } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes };
}

async function csvOf(srv: TestServer, who: ApiClient, path: string): Promise<CsvFile> {
  const { res, bytes } = await fetchRaw(srv, who, path);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  if (res.status !== 200)
    return { status: res.status, headers: res.headers, bom, text, rows: [], header: [], tags: [] };
  const records: string[][] = parseCsv(text, { bom: true, record_delimiter: '\r\n', relax_quotes: false });
  const [header = [], tags = [], ...data] = records;
  for (const r of data) expect(r.length).toBe(tags.length);
  return {
    status: res.status,
    headers: res.headers,
    bom,
    text,
    header,
    tags,
    rows: data.map((r) => Object.fromEntries(tags.map((t, i) => [t, r[i]!]))),
  };
}

async function geojsonOf(srv: TestServer, who: ApiClient, path: string) {
  const { res, bytes } = await fetchRaw(srv, who, path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
  const text = new TextDecoder().decode(bytes);
  // Outside validators: structure (RFC 7946) and the right-hand rule.
  const fc = checkGeoJson(text) as unknown as {
    type: string;
    features: {
      id: string;
      geometry: { type: string; coordinates: unknown } | null;
      properties: Record<string, unknown>;
    }[];
  };
  const hints = geojsonhint.hint(text, { precisionWarning: false });
  expect(hints).toEqual([]);
  expect(fc.type).toBe('FeatureCollection');
  expect('crs' in fc).toBe(false);
  const ids = fc.features.map((f) => f.id);
  for (const id of ids) expect(typeof id).toBe('string');
  expect(new Set(ids).size).toBe(ids.length);
  return { text, fc };
}

// Each storage's suite fills this in turn.
const suite = { as: {} } as ServerSuite<Role>;
const c = (r: Role) => suite.as[r];

describe.each(STORAGES)('exports on %s', (storage) => {
  useServer(USERS, { start: () => startServer({ storage }), timeoutMs: 60_000, into: suite });

  describe('CSV exports: the file format', () => {
    it('shelters.csv: BOM, RFC 4180 CRLF, Vietnamese headers by default, the HXL row of the README, streamed', async () => {
      const f = await csvOf(suite.srv, c('ops_officer'), '/api/export/shelters.csv');
      expect(f.status).toBe(200);
      expect(f.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(f.headers.get('content-disposition')).toContain('shelters.csv');
      // Streamed: chunked, no length known in advance.
      expect(f.headers.get('transfer-encoding')).toBe('chunked');
      expect(f.headers.get('content-length')).toBeNull();
      expect(f.bom).toBe(true);
      expect(f.text.startsWith('\uFEFF')).toBe(true);
      expect(f.text.split('\r\n').length).toBeGreaterThan(3);
      expect(f.text.replace(/\r\n/g, '')).not.toMatch(/(?<!")\n(?!")/); // no bare LF record ends outside quotes
      expect(f.header).toContain('Tên điểm sơ tán');
      expect(f.header).toContain('Mã tỉnh');
      expect(f.tags).toEqual(shelterTags(true));
      const { body } = await c('ops_officer').get<unknown[]>('/api/shelters');
      expect(f.rows.length).toBe(body.data!.length);
    });

    it('headers follow ?lang=en; a bad lang is a 400 naming lang', async () => {
      const en = await csvOf(suite.srv, c('ops_officer'), '/api/export/shelters.csv?lang=en');
      expect(en.header).toContain('Shelter name');
      expect(en.header).not.toContain('Tên điểm sơ tán');
      expect(en.tags).toEqual(shelterTags(true));
      for (const path of ['/api/export/shelters.csv?lang=fr', '/api/export/services.geojson?lang=xx']) {
        const bad = await c('ops_officer').get(path);
        expect(bad.status).toBe(400);
        expect(JSON.stringify(bad.body.error)).toContain('lang');
      }
      const odd = await c('ops_officer').get('/api/export/alerts.csv?format=xlsx');
      expect(odd.status).toBe(400);
      expect(JSON.stringify(odd.body.error)).toContain('format');
    });

    it('codes keep leading zeros, times carry an offset, formulas are neutralised', async () => {
      const created = await c('ops_officer').send<{ id: string }>('POST', '/api/shelters', {
        name: '=HYPERLINK("http://evil.example","click")',
        kind: 'school',
        provinceCode: '01',
        communeCode: '00004',
        lat: 21.03,
        lon: 105.83,
        capacity: 120,
        contactPhone: '+84 24 3825 0000',
      });
      expect(created.status).toBe(201);
      const f = await csvOf(suite.srv, c('viewer'), '/api/export/shelters.csv');
      const row = f.rows.find((r) => r['#loc+code'] === created.body.data!.id)!;
      expect(row['#adm1+code']).toBe('01');
      expect(row['#adm2+code']).toBe('00004');
      expect(row['#adm2+name']).toBe('Ba Đình');
      expect(row['#loc+name']).toBe(`'=HYPERLINK("http://evil.example","click")`);
      expect(row['#contact+phone']).toBe(`'+84 24 3825 0000`);
      expect(row['#geo+lat']).toBe('21.03');
      expect(row['#date+updated']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
      // A demo user's record on a demo server is simulated (server/demo/simulated.ts).
      expect(row['#meta+simulated']).toBe('true');
      expect(row['#meta+stale']).toBe('false');
      // No cell anywhere starts with a formula trigger.
      for (const r of f.rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
    });
  });

  describe('CSV exports: each role gets what SPEC 3 lets it read', () => {
    it('shelters: the checklist columns only for readers of the checklist', async () => {
      for (const r of ROLES) {
        const f = await csvOf(suite.srv, c(r), '/api/export/shelters.csv');
        expect(f.status).toBe(200);
        const reads = ['ops_officer', 'shelter_manager', 'gbv_coordinator', 'admin'].includes(r);
        expect(f.tags, r).toEqual(shelterTags(reads));
        expect(
          f.tags.some((t) => t.startsWith('#indicator+safety')),
          r,
        ).toBe(reads);
      }
    });

    it('services: masked safe houses for others, stock and beds only for private readers, the admin sees none', async () => {
      const { body } = await c('gbv_coordinator').get<ServicePoint[]>('/api/services');
      const safeHouses = body.data!.filter((s) => s.types.includes('safe_house'));
      expect(safeHouses.length).toBeGreaterThan(0);
      for (const r of ROLES) {
        const f = await csvOf(suite.srv, c(r), '/api/export/services.csv');
        expect(f.status).toBe(200);
        const restricted = r === 'gbv_coordinator' || r === 'service_provider';
        expect(f.tags, r).toEqual(serviceTags(restricted));
        const api = (await c(r).get<ServicePoint[]>('/api/services')).body.data!;
        expect(f.rows.length, r).toBe(api.length);
        for (const sh of safeHouses) {
          const row = f.rows.find((x) => x['#service+code'] === sh.id);
          const mine = api.find((s) => s.id === sh.id);
          if (r === 'admin') {
            expect(row, r).toBeUndefined();
            expect(f.text).not.toContain(sh.name);
            continue;
          }
          expect(row, r).toBeDefined();
          if (mine!.masked) {
            expect(row!['#service+name']).toBe('Safe house');
            expect(row!['#adm2+code']).toBe('');
            expect(row!['#adm2+name']).toBe('');
            expect(row!['#geo+lat']).toBe('');
            expect(row!['#geo+lon']).toBe('');
            expect(row!['#org+impl+name']).toBe('');
            expect(row!['#org+impl+code']).toBe('');
            expect(row!['#description+note']).toBe('');
            if (restricted) expect(row!['#capacity+num+beds_free']).toBe('');
            expect(f.text, r).not.toContain(sh.name);
          } else {
            expect(row!['#service+name']).toBe(sh.name);
          }
        }
        if (r === 'gbv_coordinator') {
          const withBeds = f.rows.filter((x) => x['#capacity+num+beds_free'] !== '');
          expect(withBeds.length).toBeGreaterThan(0);
          expect(f.rows.some((x) => /^\d+$/.test(x['#item+num+pep_courses']!))).toBe(true);
        }
      }
    });

    it('requests: 403 for the partner viewer; others get the rows the API gives them', async () => {
      const v = await csvOf(suite.srv, c('viewer'), '/api/export/requests.csv');
      expect(v.status).toBe(403);
      for (const r of ROLES.filter((x) => x !== 'viewer')) {
        const f = await csvOf(suite.srv, c(r), '/api/export/requests.csv');
        expect(f.status, r).toBe(200);
        expect(f.tags).toEqual(REQUEST_TAGS);
        const api = (await c(r).get<CoordinationRequest[]>('/api/requests')).body.data!;
        expect(f.rows.map((x) => x['#meta+id']).sort(), r).toEqual(api.map((a) => a.id).sort());
        expect(f.text).not.toContain('messageCount');
      }
    });

    it('alerts: one row per alert and province, a polygon-only alert once with an empty province', async () => {
      const api = (await c('viewer').get<RiskAlert[]>('/api/alerts')).body.data!;
      const f = await csvOf(suite.srv, c('viewer'), '/api/export/alerts.csv?lang=en');
      expect(f.tags).toEqual(ALERT_TAGS);
      for (const a of api) {
        const rows = f.rows.filter((x) => x['#meta+id'] === a.id);
        const expected = Math.max(1, new Set(a.provinceCodes).size);
        if (a.communeCodes.length === 0) expect(rows.length).toBe(expected);
        if (!a.provinceCodes.length && !a.communeCodes.length) expect(rows[0]!['#adm1+code']).toBe('');
        for (const p of a.provinceCodes) expect(rows.map((x) => x['#adm1+code'])).toContain(p);
        if (a.polygon)
          expect((JSON.parse(rows[0]!['#geo+bounds']!) as { type: string }).type).toBe('Polygon');
        expect(rows[0]!['#date+start']).toMatch(/\+07:00$/);
      }
    });

    it('incidents: only for operations officers and GBV coordinators, released and suppressed, no place finer than the province', async () => {
      for (const r of ['shelter_manager', 'service_provider', 'viewer', 'admin'] as Role[]) {
        const f = await csvOf(suite.srv, c(r), '/api/export/incidents.csv');
        expect(f.status, r).toBe(403);
      }
      for (const r of ['ops_officer', 'gbv_coordinator'] as Role[]) {
        const f = await csvOf(
          suite.srv,
          c(r),
          `/api/export/incidents.csv?lang=${r === 'ops_officer' ? 'en' : 'vi'}`,
        );
        expect(f.status, r).toBe(200);
        expect(f.tags).toEqual(INCIDENT_TAGS);
        for (const t of f.tags) expect(t).not.toMatch(/^#(org|adm2|geo|loc|service)\b/);
        const api = (await c(r).get<IncidentSummary>('/api/incidents/summary')).body.data!;
        expect(f.rows.length).toBe(api.cells.length);
        expect(api.cells.length).toBeGreaterThan(0);
        const text = (v: number | string | null | undefined) =>
          v === null || v === undefined ? '' : String(v);
        let labelled = 0;
        for (const cell of api.cells) {
          const row = f.rows.find(
            (x) => x['#adm1+code'] === cell.provinceCode && x['#date+reported'] === cell.month,
          )!;
          expect(row).toBeDefined();
          expect(row['#event+num+total']).toBe(text(cell.counts.total));
          expect(row['#event+num+rape']).toBe(text(cell.counts.byType?.rape));
          expect(row['#event+num+f']).toBe(text(cell.counts.bySex?.female));
          expect(row['#event+num+children+age0_11']).toBe(text(cell.counts.byAge?.['0-11']));
          expect(row['#event+num+reported_72h']).toBe(text(cell.counts.within72h));
          for (const v of Object.values(row)) if (v === '<5') labelled++;
        }
        // The seed has small numbers: some cells carry the label, exactly as the API shows them.
        expect(labelled).toBeGreaterThan(0);
        for (const cell of api.cells) {
          const row = f.rows.find(
            (x) => x['#adm1+code'] === cell.provinceCode && x['#date+reported'] === cell.month,
          )!;
          const k = cell.counts;
          const expected: Record<string, number | string | null | undefined> = {
            '#event+num+total': k.total,
            ...Object.fromEntries(Object.entries(k.byType ?? {}).map(([t, v]) => [`#event+num+${t}`, v])),
            '#event+num+f': k.bySex?.female,
            '#event+num+m': k.bySex?.male,
            '#event+num+children+age0_11': k.byAge?.['0-11'],
            '#event+num+children+age12_17': k.byAge?.['12-17'],
            '#event+num+adults+age18_59': k.byAge?.['18-59'],
            '#event+num+elderly+age60plus': k.byAge?.['60+'],
            ...Object.fromEntries(
              Object.entries(k.bySetting ?? {}).map(([t, v]) => [`#event+num+setting_${t}`, v]),
            ),
            '#event+num+reported_72h': k.within72h,
          };
          for (const t of f.tags.filter((x) => x.startsWith('#event+num')))
            expect(row[t], t).toBe(text(expected[t]));
        }
        expect(f.rows[0]!['#meta+note']).toMatch(r === 'ops_officer' ? /not prevalence/ : /không phải tỷ lệ/);
      }
    });

    it('every export is audited with who, what and how many rows', async () => {
      await csvOf(suite.srv, c('gbv_coordinator'), '/api/export/incidents.csv');
      const audit = (await c('admin').get<AuditEntry[]>('/api/audit?limit=500')).body.data!;
      const inc = audit.find((e) => e.action === 'export' && e.resource === 'export.incidents.csv');
      expect(inc).toBeDefined();
      expect(inc!.username).toBe('gbv');
      expect(inc!.role).toBe('gbv_coordinator');
      expect(inc!.detail.complete).toBe('yes');
      expect(typeof inc!.detail.rows).toBe('number');
      expect(inc!.detail.rows).toBeGreaterThan(0);
      const sh = audit.find(
        (e) => e.action === 'export' && e.resource === 'export.shelters.csv' && e.username === 'viewer',
      );
      expect(sh).toBeDefined();
      // A refused export leaves no export row.
      const before = audit.filter(
        (e) => e.resource === 'export.requests.csv' && e.username === 'viewer',
      ).length;
      expect(before).toBe(0);
    });
  });

  describe('GeoJSON exports', () => {
    it('shelters: valid RFC 7946 points with the record id', async () => {
      const { fc } = await geojsonOf(suite.srv, c('viewer'), '/api/export/shelters.geojson');
      const api = (await c('viewer').get<{ id: string; lat: number; lon: number }[]>('/api/shelters')).body
        .data!;
      expect(fc.features.length).toBe(api.length);
      for (const f of fc.features) {
        expect(f.geometry!.type).toBe('Point');
        const s = api.find((x) => x.id === f.id)!;
        expect(f.geometry!.coordinates).toEqual([s.lon, s.lat]);
        expect(f.properties.checklist).toBeNull();
      }
    });

    it('services: geometry null and no commune for masked safe houses and hidden services', async () => {
      const gbv = (await c('gbv_coordinator').get<ServicePoint[]>('/api/services')).body.data!;
      for (const r of ['viewer', 'ops_officer', 'gbv_coordinator', 'provider' as never] as Role[]) {
        const who = r === ('provider' as never) ? c('service_provider') : c(r);
        const { fc, text } = await geojsonOf(suite.srv, who, '/api/export/services.geojson');
        const api = (await who.get<ServicePoint[]>('/api/services')).body.data!;
        expect(fc.features.length).toBe(api.length);
        for (const f of fc.features) {
          const s = api.find((x) => x.id === f.id)!;
          if (s.positionShown === 'hidden') {
            expect(f.geometry).toBeNull();
            expect(f.properties.communeCode).toBeNull();
          } else expect(f.geometry!.coordinates).toEqual([s.lon, s.lat]);
          if (s.masked) {
            expect(f.properties.name).toBe('Safe house');
            const real = gbv.find((x) => x.id === s.id)!;
            expect(text).not.toContain(real.name);
            if (real.lat !== null) expect(text).not.toContain(String(real.lat));
          }
          expect(f.properties).not.toHaveProperty('publicLat');
        }
      }
    });

    it('alerts: polygons wound by the right-hand rule, provinces in properties, the track as a LineString', async () => {
      const cw = await c('ops_officer').send<RiskAlert>('POST', '/api/alerts', {
        hazard: 'storm',
        level: 4,
        title: 'Clockwise test area',
        provinceCodes: ['22'],
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [106, 20],
              [106, 21],
              [107, 21],
              [107, 20],
              [106, 20],
            ],
          ],
        },
        storm: {
          name: 'Test',
          position: { lat: 20.5, lon: 108, at: new Date().toISOString() },
          track: [
            { at: new Date(Date.now() - 3600_000).toISOString(), lat: 19, lon: 110, kind: 'observed' },
            { at: new Date().toISOString(), lat: 20.5, lon: 108, kind: 'observed' },
            { at: new Date(Date.now() + 3600_000).toISOString(), lat: 21, lon: 106.5, kind: 'forecast' },
          ],
          landfallAt: null,
        },
        validFrom: new Date().toISOString(),
        validTo: new Date(Date.now() + 86400_000).toISOString(),
        issuer: 'Test issuer',
      });
      expect(cw.status).toBe(201);
      const id = cw.body.data!.id;
      const { fc } = await geojsonOf(suite.srv, c('viewer'), '/api/export/alerts.geojson');
      const area = fc.features.find((f) => f.id === id)!;
      expect(area.geometry!.type).toBe('Polygon');
      const ring = (area.geometry!.coordinates as number[][][])[0]!;
      let twiceArea = 0;
      for (let i = 0; i < ring.length - 1; i++)
        twiceArea += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
      expect(twiceArea).toBeGreaterThan(0); // counter-clockwise outline
      expect(area.properties.provinceCodes).toEqual(['22']);
      const track = fc.features.find((f) => f.id === `${id}:track`)!;
      expect(track.geometry!.type).toBe('LineString');
      expect(track.geometry!.coordinates).toEqual([
        [110, 19],
        [108, 20.5],
        [106.5, 21],
      ]);
      expect(fc.features.find((f) => f.id === `${id}:position`)!.geometry!.type).toBe('Point');
      for (const f of fc.features) {
        if (!f.geometry) continue;
        const pts = JSON.stringify(f.geometry.coordinates).match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g)!;
        for (const p of pts) {
          const [lon, lat] = p.split(',').map(Number) as [number, number];
          expect(lon).toBeGreaterThanOrEqual(95);
          expect(lon).toBeLessThanOrEqual(135);
          expect(lat).toBeGreaterThanOrEqual(0);
          expect(lat).toBeLessThanOrEqual(35);
        }
      }
      // An alert without a polygon still has its feature, with null geometry.
      const api = (await c('viewer').get<RiskAlert[]>('/api/alerts')).body.data!;
      const noPoly = api.find((a) => a.polygon === null)!;
      expect(fc.features.find((f) => f.id === noPoly.id)!.geometry).toBeNull();
    });
  });

  describe('OpenAPI', () => {
    it('describes every export path with its real content type, an operationId and the 403', async () => {
      const res = await fetch(`${suite.srv.url}/api/openapi.json`);
      const doc = (await res.json()) as {
        paths: Record<
          string,
          Record<
            string,
            {
              operationId?: string;
              parameters: { name: string }[];
              responses: Record<string, { content?: Record<string, unknown> }>;
            }
          >
        >;
      };
      const files = {
        'shelters.csv': 'text/csv',
        'services.csv': 'text/csv',
        'requests.csv': 'text/csv',
        'alerts.csv': 'text/csv',
        'incidents.csv': 'text/csv',
        'shelters.geojson': 'application/geo+json',
        'services.geojson': 'application/geo+json',
        'alerts.geojson': 'application/geo+json',
      };
      const ids = new Set<string>();
      for (const [file, type] of Object.entries(files)) {
        const op = doc.paths[`/api/export/${file}`]?.get;
        expect(op, file).toBeDefined();
        expect(op!.operationId).toMatch(/^export[A-Z]\w+$/);
        ids.add(op!.operationId!);
        expect(Object.keys(op!.responses['200']!.content!)).toEqual([type]);
        expect(op!.responses['403']).toBeDefined();
        expect(op!.responses['401']).toBeDefined();
        if (type === 'text/csv') expect(op!.parameters.map((p) => p.name)).toContain('lang');
        // The live route answers with the documented type.
        const live = await fetch(`${suite.srv.url}/api/export/${file}`, {
          headers: { cookie: c('ops_officer').cookie },
        });
        expect(live.headers.get('content-type')!.split(';')[0]).toBe(type);
        await live.arrayBuffer();
      }
      expect(ids.size).toBe(Object.keys(files).length);
    });
  });

  describe('paging', () => {
    it('pages of 500 lose and repeat no row when keys tie or differ by a microsecond', async () => {
      const db = suite.srv.app.ctx.db;
      // 1,100 requests over three created_at values a microsecond apart: ties across page ends,
      // and a key a JS Date (milliseconds) could not tell apart.
      await db.query(
        `INSERT INTO coordination_requests (kind, title, from_org_id, to_org_id, to_sector, province_code, priority, status, created_at)
         SELECT r.kind, 'Paged ' || g, r.from_org_id, r.to_org_id, r.to_sector, r.province_code, r.priority, 'open',
                timestamptz '2026-01-01 10:00:00.123456+00' + (g % 3) * interval '1 microsecond'
         FROM generate_series(1, 1100) g, (SELECT * FROM coordination_requests LIMIT 1) r`,
      );
      const api = (await c('ops_officer').get<CoordinationRequest[]>('/api/requests')).body.data!;
      expect(api.length).toBeGreaterThan(1100);
      const f = await csvOf(suite.srv, c('ops_officer'), '/api/export/requests.csv');
      const ids = f.rows.map((x) => x['#meta+id']!);
      expect(ids.length).toBe(api.length);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(api.map((a) => a.id).sort());
    }, 60_000);
  });

  // Last: it fills the table, and its validation keeps the event loop busy past the keep-alive timeout.
  describe('export of 5,000 shelters', () => {
    it('streams every row through the projection and reports the time', async () => {
      const db = suite.srv.app.ctx.db;
      await db.query(
        `INSERT INTO shelters (name, kind, province_code, commune_code, lat, lon, status, capacity, occupancy, households, needs, checklist, safety_score, simulated)
       SELECT 'Bulk shelter ' || lpad(g::text, 5, '0'), 'school', '22', NULL, 21 + g / 100000.0, 107 + g / 100000.0, 'open', 100, 10, 3,
              '{"water":"ok","food":"ok","power":"ok","medical":"ok"}'::jsonb, s.checklist, 0, true
       FROM generate_series(1, 5000) g, (SELECT checklist FROM shelters LIMIT 1) s`,
      );
      const expected = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM shelters')).rows[0]!.n;
      // Time to the last byte, as a client downloads it (no parsing): CSV for the viewer and for the
      // ops officer (checklist columns), GeoJSON for the viewer.
      const timed = async (who: ApiClient, path: string) => {
        const t = performance.now();
        const { res, bytes } = await fetchRaw(suite.srv, who, path);
        expect(res.status).toBe(200);
        return { ms: performance.now() - t, kib: bytes.length / 1024 };
      };
      const csvViewer = await timed(c('viewer'), '/api/export/shelters.csv?lang=en');
      const csvOps = await timed(c('ops_officer'), '/api/export/shelters.csv');
      const geo = await timed(c('viewer'), '/api/export/shelters.geojson');
      const f = await csvOf(suite.srv, c('viewer'), '/api/export/shelters.csv?lang=en');
      expect(f.rows.length).toBe(expected);
      expect(new Set(f.rows.map((r) => r['#loc+code'])).size).toBe(expected);
      const g = await geojsonOf(suite.srv, c('viewer'), '/api/export/shelters.geojson');
      expect(g.fc.features.length).toBe(expected);
      const fmt = (x: { ms: number; kib: number }) => `${x.ms.toFixed(0)} ms (${x.kib.toFixed(0)} KiB)`;
      console.log(
        `[export] ${expected} shelters on ${suite.srv.app.ctx.db.kind}: CSV viewer ${fmt(csvViewer)}, CSV ops ${fmt(csvOps)}, GeoJSON ${fmt(geo)}`,
      );
    }, 120_000);
  });
});
