import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Role } from '../../../../shared/enums.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';
import { interopOps } from '../../../../server/openapi.interop.js';
import { startServer, type TestServer } from '../../../helpers/server.js';
import { client, DEMO_USERS, login, type ApiClient } from '../../../helpers/client.js';

/**
 * GET /api/export/hsds/services.json (issue 9 item 6): every page validated with ajv against the
 * Open Referral HSDS 3.0 compiled service schema and the HSDS API's Page schema (copies in
 * tests/fixtures/standards/hsds-3.0, from ../shared/standards/hsds-3.0), and each demo role's file
 * checked against what that role may read through GET /api/services.
 */

const FIXTURES = path.join(import.meta.dirname, '..', '..', '..', 'fixtures', 'standards', 'hsds-3.0');
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) as object;
// The compiled HSDS schemas carry documentation keywords of their own (core, constraints, ...).
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validService = ajv.compile(load('service.json'));
// Every Page field the OpenAPI document promises for this path is required of each page.
const pageDoc = interopOps()['/api/export/hsds/services.json']!.get!.produces!['application/json']!;
const pageRequired = (pageDoc.schema as { required?: string[] }).required;
if (!pageRequired?.length) throw new Error('the OpenAPI document names no required Page field');
const validPage = ajv.compile({ ...load('page.json'), required: pageRequired });

interface HsdsService {
  id: string;
  name: string;
  organization?: { id: string; name: string };
  service_areas: { uri: string; name: string }[];
  service_at_locations: {
    location: { latitude?: number; longitude?: number; external_identifier?: string };
  }[];
  phones: { number: string }[];
  attributes: { link_type: string; value?: string; taxonomy_term?: { code: string } }[];
  application_process: string;
}
interface HsdsPage {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  empty: boolean;
  last_page: boolean;
  contents: HsdsService[];
}

const ROLES = Object.keys(DEMO_USERS) as Role[];
let server: TestServer;
const clients = {} as Record<Role, ApiClient>;
const files = {} as Record<Role, { text: string; page: HsdsPage; type: string | null }>;
const apiServices = {} as Record<Role, ServicePoint[]>;

async function fetchHsds(c: ApiClient, query = '') {
  const res = await fetch(`${server.url}/api/export/hsds/services.json${query}`, {
    headers: { cookie: c.cookie },
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), text };
}

beforeAll(async () => {
  server = await startServer();
  for (const role of ROLES) {
    clients[role] = await login(server.url, DEMO_USERS[role]);
    apiServices[role] = (await clients[role].get<ServicePoint[]>('/api/services')).body.data!;
    const r = await fetchHsds(clients[role], '?per_page=500');
    expect(r.status).toBe(200);
    files[role] = { text: r.text, page: JSON.parse(r.text) as HsdsPage, type: r.type };
  }
}, 120_000);
afterAll(async () => server?.stop());

describe('GET /api/export/hsds/services.json', () => {
  it.each(ROLES)('is a valid HSDS 3.0 page of services for %s', (role) => {
    const { page, type } = files[role];
    expect(type).toMatch(/^application\/json/);
    expect(validPage(page), JSON.stringify(validPage.errors)).toBe(true);
    for (const s of page.contents)
      expect(validService(s), `${s.id}: ${JSON.stringify(validService.errors)}`).toBe(true);
    expect(page.total_items).toBe(apiServices[role].length);
    expect(page.size).toBe(page.contents.length);
  });

  it.each(ROLES)('holds for %s only the services GET /api/services shows, never more precisely', (role) => {
    const api = new Map(apiServices[role].map((s) => [s.id, s]));
    for (const h of files[role].page.contents) {
      const s = api.get(h.id);
      expect(s, h.id).toBeDefined();
      const loc = h.service_at_locations[0]?.location;
      if (loc?.latitude !== undefined) {
        expect(s!.positionShown).toBe('exact');
        expect([loc.latitude, loc.longitude]).toEqual([s!.lat, s!.lon]);
      }
      if (h.organization) expect(h.organization.id).toBe(s!.providerOrgId);
    }
    if (role === 'admin') expect(files[role].page.contents.some((h) => h.name === 'Safe house')).toBe(false);
  });

  it.each(ROLES)(
    'gives %s safe houses and hidden services with no location, the province area and the hotline only',
    (role) => {
      const api = new Map(apiServices[role].map((s) => [s.id, s]));
      const hiddenOnes = files[role].page.contents.filter((h) => {
        const s = api.get(h.id)!;
        return s.types.includes('safe_house') || s.locationVisibility === 'hidden';
      });
      if (role !== 'admin') expect(hiddenOnes.length).toBeGreaterThan(0);
      for (const h of hiddenOnes) {
        const s = api.get(h.id)!;
        expect(h.service_at_locations).toEqual([]);
        expect(h.service_areas).toEqual([
          expect.objectContaining({ uri: `urn:vn-admin-2025:province:${s.provinceCode}` }),
        ]);
        expect(h.application_process).toBe('case_manager');
        expect(JSON.stringify(h)).not.toContain('"latitude"');
        if (s.communeCode) expect(JSON.stringify(h)).not.toContain(s.communeCode);
        if (s.types.includes('safe_house')) {
          expect(h.name).toBe('Safe house');
          expect(h.organization).toBeUndefined();
          expect(h.phones.map((p) => p.number)).toEqual(s.contactPhone ? [s.contactPhone] : []);
        }
      }
    },
  );

  it('never names a safe house, nor carries stock or beds, in any role’s file', () => {
    const gbv = apiServices.gbv_coordinator.filter((s) => s.types.includes('safe_house') && !s.masked);
    expect(gbv.length).toBeGreaterThan(0);
    for (const role of ROLES) {
      const text = files[role].text;
      for (const s of gbv) expect(text).not.toContain(s.name);
      for (const word of [
        'capacities',
        'stock',
        'beds',
        'pep_courses',
        'post_rape_kits',
        'emergency_contraception',
      ])
        expect(text, `${role}: ${word}`).not.toContain(word);
    }
  });

  it('pages as the HSDS API does', async () => {
    const all = files.ops_officer.page;
    const r = await fetchHsds(clients.ops_officer, '?per_page=2&page=2');
    const p = JSON.parse(r.text) as HsdsPage;
    expect(validPage(p)).toBe(true);
    expect(p).toMatchObject({ total_items: all.total_items, page_number: 2, size: 2 });
    expect(p.contents.map((s) => s.id)).toEqual(all.contents.slice(2, 4).map((s) => s.id));
    expect(p.total_pages).toBe(Math.ceil(all.total_items / 2));
  });

  it('refuses a bad query with 400 naming the field, and a caller without a session with 401', async () => {
    const bad = await fetchHsds(clients.viewer, '?per_page=0');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('per_page');
    const anon = await client(server.url).get('/api/export/hsds/services.json');
    expect(anon.status).toBe(401);
  });
});
