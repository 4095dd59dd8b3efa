import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORAGES } from '../../../helpers/db.js';
import { startServer, type TestServer } from '../../../helpers/server.js';
import { login, type ApiClient } from '../../../helpers/client.js';
import { demoId } from '../../../../server/demo/ids.js';
import { escalateOverdue } from '../../../../server/features/coordinationRoles/coordinationRoles.escalation.js';
import type { CoordinationRole } from '../../../../shared/schemas/coordinationRoles.js';
import type { CoordinationRequest, RequestMessage } from '../../../../shared/schemas/requests.js';

/**
 * The coordination mechanism (issue 13): who may edit which role, routing of a request addressed to
 * nobody (province lead, else national lead), activation by a level 3+ alert, the HXL CSV, bad input
 * naming the field and a stale version refused with 409. Runs on the seeded demo mechanism.
 */

const ROLE_TAGS = [
  '#adm1+code',
  '#sector',
  '#org+lead+name',
  '#org+support+name',
  '#contact+role',
  '#status+code',
  '#date+reviewed',
];
const org = (key: string) => demoId(`org:${key}`);
const PASSWORD = 'violet-harbour-lantern-42';

describe.each(STORAGES)('coordination roles on %s', (storage) => {
  let srv: TestServer;
  let ops: ApiClient;
  let gbv: ApiClient;
  let viewer: ApiClient;
  let provider: ApiClient;
  let gbvLaoCai: ApiClient;

  const roles = async (c: ApiClient = viewer) =>
    (await c.get<CoordinationRole[]>('/api/coordination-roles')).body.data!;
  const roleOf = async (fn: string, provinceCode: string | null) =>
    (await roles()).find((r) => r.function === fn && r.provinceCode === provinceCode)!;
  /** PATCH a role at the version it was loaded at. */
  const patchRole = (c: ApiClient, r: CoordinationRole, fields: Record<string, unknown>) =>
    c.send<CoordinationRole>('PATCH', `/api/coordination-roles/${r.id}`, { version: r.version, ...fields });
  /** POST a new role. */
  const createRole = (c: ApiClient, body: Record<string, unknown>) =>
    c.send<CoordinationRole>('POST', '/api/coordination-roles', body);
  /** The body of a province-level role for `fn` in `provinceCode`, with whatever else `over` adds. */
  const provinceRole = (fn: string, provinceCode: string, over: Record<string, unknown> = {}) => ({
    function: fn,
    level: 'province',
    provinceCode,
    ...over,
  });

  beforeAll(async () => {
    srv = await startServer({ storage });
    ops = await login(srv.url, 'ops');
    gbv = await login(srv.url, 'gbv');
    viewer = await login(srv.url, 'viewer');
    provider = await login(srv.url, 'provider');
    const admin = await login(srv.url, 'admin');
    const created = await admin.send('POST', '/api/users', {
      username: 'gbv-lc',
      displayName: 'Lao Cai GBV coordinator',
      password: PASSWORD,
      role: 'gbv_coordinator',
      orgId: org('wu-lc'),
      scope: ['15'],
    });
    expect(created.status).toBe(201);
    gbvLaoCai = await login(srv.url, 'gbv-lc', PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await srv.stop();
  });

  describe('reading', () => {
    it('lets every signed-in role read the mechanism, with the Lao Cai clinical gap', async () => {
      for (const c of [viewer, provider, ops, gbv]) {
        const all = await roles(c);
        expect(all.length).toBeGreaterThan(20);
        const gap = all.find((r) => r.function === 'clinical_care' && r.provinceCode === '15');
        expect(gap?.leadOrgId).toBeNull();
      }
      const national = (await roles()).filter((r) => r.level === 'national');
      expect(national.every((r) => r.provinceCode === null)).toBe(true);
    });
    it('carries the roles in the snapshot', async () => {
      const snap = (await viewer.get<{ coordinationRoles?: CoordinationRole[] }>('/api/snapshot')).body.data!;
      expect(snap.coordinationRoles?.length).toBe((await roles()).length);
    });
  });

  describe('editing', () => {
    it('lets an ops officer edit disaster operations but not the GBV lead', async () => {
      const dops = await roleOf('disaster_ops', '22');
      const ok = await patchRole(ops, dops, { supportOrgIds: [org('redcross')] });
      expect(ok.status).toBe(200);
      expect(ok.body.data!.supportOrgIds).toEqual([org('redcross')]);
      const lead = await roleOf('gbv_lead', '22');
      const no = await patchRole(ops, lead, { state: 'activated' });
      expect(no.status).toBe(403);
      const create = await createRole(ops, provinceRole('legal_aid', '22', { leadOrgId: org('legal-aid') }));
      expect(create.status).toBe(403);
    });
    it('lets a GBV coordinator edit only within scope, and no national role from a province', async () => {
      const lc = await roleOf('gbv_lead', '15');
      const ok = await patchRole(gbvLaoCai, lc, { lastReviewedAt: new Date().toISOString() });
      expect(ok.status).toBe(200);
      const qn = await roleOf('gbv_lead', '22');
      const out = await patchRole(gbvLaoCai, qn, { state: 'activated' });
      expect(out.status).toBe(403);
      const national = await createRole(gbvLaoCai, {
        function: 'police',
        level: 'national',
        leadOrgId: org('police-qn'),
      });
      expect(national.status).toBe(403);
    });
    it('refuses the viewer and the provider', async () => {
      const r = await roleOf('clinical_care', '22');
      for (const c of [viewer, provider])
        expect((await patchRole(c, r, { state: 'activated' })).status).toBe(403);
    });
    it('lets a GBV coordinator define a role, once per function and place', async () => {
      const body = provinceRole('legal_aid', '22', {
        leadOrgId: org('legal-aid'),
        supportOrgIds: [org('wu-qn')],
        contact: { desk: 'Legal aid duty desk', phone: '0203 3825 199' },
      });
      const r = await createRole(gbv, body);
      expect(r.status).toBe(201);
      expect(r.body.data).toMatchObject({ state: 'standby', version: 1, provinceCode: '22' });
      expect((await createRole(gbv, body)).status).toBe(409);
    });
    it('refuses a stale version with 409', async () => {
      const r = await roleOf('clinical_care', '31');
      const first = await patchRole(gbv, r, { state: 'activated' });
      expect(first.status).toBe(200);
      const stale = await patchRole(gbv, r, { state: 'standby' });
      expect(stale.status).toBe(409);
    });
  });

  describe('bad input', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'a personal mobile as the role contact',
        { contact: { desk: 'Duty desk', phone: '0912 345 678' } },
        'contact.phone',
      ],
      [
        'a +84 mobile as the role contact',
        { contact: { desk: 'Duty desk', phone: '+84 912 345 678' } },
        'contact.phone',
      ],
      [
        'a phone number in the desk name',
        { contact: { desk: 'Call 0203 3825 101', phone: '111' } },
        'contact.desk',
      ],
      ['a province role without a province', { provinceCode: null }, 'provinceCode'],
      ['an unknown function', { function: 'catering' }, 'function'],
      ['a malformed lead', { leadOrgId: 'not-a-uuid' }, 'leadOrgId'],
    ];
    it.each(cases)('refuses %s with 400 naming the field', async (_name, over, field) => {
      const r = await createRole(gbv, provinceRole('police', '31', over));
      expect(r.status).toBe(400);
      expect(r.body.error?.issues?.map((i) => i.path)).toContain(field);
    });
    it('refuses an unknown lead organisation with 400 naming it', async () => {
      const r = await createRole(gbv, provinceRole('police', '31', { leadOrgId: demoId('org:nobody') }));
      expect(r.status).toBe(400);
      expect(r.body.error?.issues?.map((i) => i.path)).toContain('leadOrgId');
    });
    it('accepts a landline, a hotline and a 1800 number', async () => {
      for (const [i, phone] of ['0214 3820 155', '111', '1800 0001'].entries()) {
        const fn = (['police', 'legal_aid', 'hotline'] as const)[i]!;
        const r = await createRole(gbv, provinceRole(fn, '15', { contact: { desk: 'Duty desk', phone } }));
        expect(r.status).toBe(201);
      }
    });
  });

  describe('routing', () => {
    const open = (body: Record<string, unknown>) =>
      gbv.send<CoordinationRequest>('POST', '/api/requests', { title: 'Routed', ...body });
    it('sends a request addressed to nobody to its function’s lead in the province', async () => {
      const r = await open({ kind: 'cmr_supplies', provinceCode: '22' });
      expect(r.status).toBe(201);
      expect(r.body.data!.toOrgId).toBe(org('qn-hosp'));
    });
    it('falls back to the national lead where the province has none', async () => {
      const r = await open({ kind: 'cmr_supplies', provinceCode: '15' });
      expect(r.status).toBe(201);
      expect(r.body.data!.toOrgId).toBe(org('unfpa'));
    });
    it('keeps a recipient the requester named', async () => {
      const r = await open({ kind: 'cmr_supplies', provinceCode: '22', toOrgId: org('unfpa') });
      expect(r.body.data!.toOrgId).toBe(org('unfpa'));
      const s = await open({ kind: 'lighting', provinceCode: '22', toSector: 'shelter' });
      expect(s.body.data).toMatchObject({ toOrgId: null, toSector: 'shelter' });
    });
    it('refuses with 400 naming toOrgId when nobody leads the function at all', async () => {
      const national = await roleOf('safe_shelter', null);
      const cleared = await patchRole(gbv, national, { leadOrgId: null });
      expect(cleared.status).toBe(200);
      const r = await open({ kind: 'safe_house_space', provinceCode: '46' });
      expect(r.status).toBe(400);
      expect(r.body.error?.issues?.map((i) => i.path)).toContain('toOrgId');
      // Quang Ninh still has its own lead.
      expect((await open({ kind: 'safe_house_space', provinceCode: '22' })).body.data!.toOrgId).toBe(
        org('wu-qn'),
      );
    });
  });

  describe('activation', () => {
    const alert = (level: number, provinceCodes: string[]) => ({
      hazard: 'flood',
      level,
      title: `Flood level ${level}`,
      provinceCodes,
      validFrom: new Date().toISOString(),
      validTo: new Date(Date.now() + 6 * 3_600_000).toISOString(),
      issuer: 'Test office',
    });
    it('activates a province’s roles when a level 3+ alert covers it, not below', async () => {
      const made = await createRole(gbv, provinceRole('gbv_lead', '46', { leadOrgId: org('unfpa') }));
      expect(made.status).toBe(201);
      const low = await ops.send<{ id: string; version: number }>('POST', '/api/alerts', alert(2, ['46']));
      expect(low.status).toBe(201);
      expect((await roleOf('gbv_lead', '46')).state).toBe('standby');
      const raised = await ops.send('PATCH', `/api/alerts/${low.body.data!.id}`, {
        version: low.body.data!.version,
        level: 3,
      });
      expect(raised.status).toBe(200);
      const after = await roleOf('gbv_lead', '46');
      expect(after.state).toBe('activated');
      expect(after.version).toBe(made.body.data!.version + 1);
      expect((await roleOf('gbv_lead', null)).state).toBe('standby');
    });
    it('activates on a new alert too', async () => {
      const made = await createRole(gbv, provinceRole('gbv_lead', '48', { leadOrgId: org('unfpa') }));
      expect(made.status).toBe(201);
      expect((await ops.send('POST', '/api/alerts', alert(4, ['48']))).status).toBe(201);
      expect((await roleOf('gbv_lead', '48')).state).toBe('activated');
    });
  });

  describe('escalation', () => {
    const HOUR = 3_600_000;
    const open = async (kind: string, priority: string) =>
      (
        await gbv.send<CoordinationRequest>('POST', '/api/requests', {
          title: `Overdue ${priority}`,
          kind,
          priority,
          provinceCode: '22',
        })
      ).body.data!;
    const fresh = async (id: string) =>
      (await gbv.get<CoordinationRequest & { messages: RequestMessage[] }>(`/api/requests/${id}`)).body.data!;
    it('escalates unacknowledged requests to the national lead on time, by priority (fake clock)', async () => {
      const lifeSaving = await open('cmr_supplies', 'life_saving');
      const urgent = await open('dignity_kits', 'urgent');
      const routine = await open('cmr_supplies', 'routine');
      const seen = await open('cmr_supplies', 'life_saving');
      expect(lifeSaving.toOrgId).toBe(org('qn-hosp'));
      const ack = await gbv.send('PATCH', `/api/requests/${seen.id}`, {
        version: seen.version,
        status: 'acknowledged',
      });
      expect(ack.status).toBe(200);
      const t0 = Date.parse(lifeSaving.createdAt);

      await escalateOverdue(srv.app.ctx, new Date(t0 + 3.9 * HOUR));
      expect((await fresh(lifeSaving.id)).status).toBe('open');

      await escalateOverdue(srv.app.ctx, new Date(t0 + 4.1 * HOUR));
      const up = await fresh(lifeSaving.id);
      expect(up).toMatchObject({ status: 'escalated', toOrgId: org('unfpa') });
      expect(up.messages.at(-1)?.text).toContain('Escalated to the national clinical_care lead');
      expect((await fresh(urgent.id)).status).toBe('open');
      expect((await fresh(seen.id)).status).toBe('acknowledged');

      await escalateOverdue(srv.app.ctx, new Date(t0 + 24.5 * HOUR));
      expect(await fresh(urgent.id)).toMatchObject({ status: 'escalated', toOrgId: org('unfpa') });
      expect((await fresh(routine.id)).status).toBe('open');
      expect((await fresh(seen.id)).status).toBe('acknowledged');
    });
  });

  describe('GET /api/export/coordination-roles.csv', () => {
    it('writes the HXL tags row and one row per role', async () => {
      const res = await fetch(`${srv.url}/api/export/coordination-roles.csv?lang=en`, {
        headers: { cookie: viewer.cookie },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const records: string[][] = parseCsv(await res.text(), { bom: true, record_delimiter: '\r\n' });
      const [header = [], tags = [], ...rows] = records;
      expect(tags).toEqual(ROLE_TAGS);
      expect(header[0]).toBe('Province code');
      expect(rows.length).toBe((await roles()).length);
      const gap = rows.find((r) => r[0] === '15' && r[1] === 'clinical_care')!;
      expect(gap[2]).toBe('');
      const qn = rows.find((r) => r[0] === '22' && r[1] === 'clinical_care')!;
      expect(qn[2]).toBe('Quang Ninh General Hospital (simulated)');
      expect(qn[4]).toContain('0203 3825 102');
      expect(qn[6]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const national = rows.find((r) => r[0] === '' && r[1] === 'gbv_lead')!;
      expect(national[3]!.split(';')).toContain('Psychosocial Support Network (simulated)');
    });
  });
});
