import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.js';
import { client, login, type ApiClient } from '../helpers/client.js';
import { buildShelterCreate } from '../helpers/factories.js';
import type { Shelter } from '../../shared/schemas/shelters.js';

/** Bad input on every core endpoint: a 4xx naming the field, and nothing stored changes. */
describe('bad input', () => {
  let srv: TestServer;
  let ops: ApiClient;
  let admin: ApiClient;
  let target: Shelter;
  let snapshotBefore: string;

  const dump = async () => JSON.stringify((await ops.get('/api/snapshot')).body.data);

  beforeAll(async () => {
    srv = await startServer();
    [ops, admin] = await Promise.all([login(srv.url, 'ops'), login(srv.url, 'admin')]);
    target = (await ops.get<Shelter[]>('/api/shelters')).body.data![0]!;
    expect(target.version).toBe(1);
    snapshotBefore = await dump();
  });
  afterAll(async () => {
    // Nothing any bad request did may have changed what is stored.
    expect(await dump()).toBe(snapshotBefore);
    await srv?.stop();
  });

  const huge = 'x'.repeat(10_000);
  // The target is untouched seed data, so its version is 1 (asserted in beforeAll).
  const v = () => 1;
  const cases: {
    name: string;
    method: string;
    path: () => string;
    body?: unknown;
    raw?: string;
    who?: 'ops' | 'admin' | 'anon';
    status: number;
    field?: string;
  }[] = [
    {
      name: 'login: missing password',
      method: 'POST',
      path: () => '/api/auth/login',
      body: { username: 'ops' },
      who: 'anon',
      status: 400,
      field: 'password',
    },
    {
      name: 'login: wrong type',
      method: 'POST',
      path: () => '/api/auth/login',
      body: { username: 5, password: 'demo' },
      who: 'anon',
      status: 400,
      field: 'username',
    },
    {
      name: 'login: huge username',
      method: 'POST',
      path: () => '/api/auth/login',
      body: { username: huge, password: 'demo' },
      who: 'anon',
      status: 400,
      field: 'username',
    },
    {
      name: 'login: unknown field',
      method: 'POST',
      path: () => '/api/auth/login',
      body: { username: 'ops', password: 'demo', admin: true },
      who: 'anon',
      status: 400,
      field: 'admin',
    },
    {
      name: 'create: missing name',
      method: 'POST',
      path: () => '/api/shelters',
      body: { ...buildShelterCreate(), name: undefined },
      status: 400,
      field: 'name',
    },
    {
      name: 'create: huge name',
      method: 'POST',
      path: () => '/api/shelters',
      body: buildShelterCreate({ name: huge }),
      status: 400,
      field: 'name',
    },
    {
      name: 'create: outside Viet Nam',
      method: 'POST',
      path: () => '/api/shelters',
      body: buildShelterCreate({ lat: 13.75, lon: 100.5 }),
      status: 400,
      field: 'lon',
    },
    {
      name: 'create: negative occupancy',
      method: 'POST',
      path: () => '/api/shelters',
      body: buildShelterCreate({ occupancy: -5 }),
      status: 400,
      field: 'occupancy',
    },
    {
      name: 'create: string capacity',
      method: 'POST',
      path: () => '/api/shelters',
      body: { ...buildShelterCreate(), capacity: '100' },
      status: 400,
      field: 'capacity',
    },
    {
      name: 'create: unknown field',
      method: 'POST',
      path: () => '/api/shelters',
      body: { ...buildShelterCreate(), secret: 1 },
      status: 400,
      field: 'secret',
    },
    {
      name: 'create: unknown province',
      method: 'POST',
      path: () => '/api/shelters',
      body: buildShelterCreate({ provinceCode: '99', communeCode: null }),
      status: 400,
      field: 'provinceCode',
    },
    {
      name: 'create: commune of another province',
      method: 'POST',
      path: () => '/api/shelters',
      body: buildShelterCreate({ provinceCode: '01' }),
      status: 400,
      field: 'communeCode',
    },
    {
      name: 'create: unknown managing organisation',
      method: 'POST',
      path: () => '/api/shelters',
      body: buildShelterCreate({ managingOrgId: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b' }),
      status: 400,
      field: 'managingOrgId',
    },
    {
      name: 'create: array body',
      method: 'POST',
      path: () => '/api/shelters',
      body: [buildShelterCreate()],
      status: 400,
      field: '(root)',
    },
    {
      name: 'create: invalid JSON',
      method: 'POST',
      path: () => '/api/shelters',
      raw: '{"name": ',
      status: 400,
      field: 'body',
    },
    {
      name: 'create: body over 64 KB',
      method: 'POST',
      path: () => '/api/shelters',
      raw: JSON.stringify({ name: 'x'.repeat(70_000) }),
      status: 413,
    },
    {
      name: 'patch: missing version',
      method: 'PATCH',
      path: () => `/api/shelters/${target.id}`,
      body: { occupancy: 3 },
      status: 400,
      field: 'version',
    },
    {
      name: 'patch: negative occupancy',
      method: 'PATCH',
      path: () => `/api/shelters/${target.id}`,
      body: { version: v(), occupancy: -1 },
      status: 400,
      field: 'occupancy',
    },
    {
      name: 'patch: float occupancy',
      method: 'PATCH',
      path: () => `/api/shelters/${target.id}`,
      body: { version: v(), occupancy: 2.5 },
      status: 400,
      field: 'occupancy',
    },
    {
      name: 'patch: occupancy beyond limit',
      method: 'PATCH',
      path: () => `/api/shelters/${target.id}`,
      body: { version: v(), occupancy: 1e12 },
      status: 400,
      field: 'occupancy',
    },
    {
      name: 'patch: bad status',
      method: 'PATCH',
      path: () => `/api/shelters/${target.id}`,
      body: { version: v(), status: 'flooded' },
      status: 400,
      field: 'status',
    },
    {
      name: 'patch: bad checklist answer',
      method: 'PATCH',
      path: () => `/api/shelters/${target.id}`,
      body: { version: v(), checklist: { lighting: true } },
      status: 400,
      field: 'checklist.lighting',
    },
    {
      name: 'patch: moving outside Viet Nam',
      method: 'PATCH',
      path: () => `/api/shelters/${target.id}`,
      body: { version: v(), lat: 48.85, lon: 2.35 },
      status: 400,
      field: 'lat',
    },
    {
      name: 'patch: breakdown larger than occupancy',
      method: 'PATCH',
      path: () => `/api/shelters/${target.id}`,
      body: {
        version: v(),
        occupancy: 2,
        demographics: {
          female: { '0-4': 1, '5-17': 1, '18-59': 1, '60+': 1 },
          male: { '0-4': 0, '5-17': 0, '18-59': 0, '60+': 0 },
        },
      },
      status: 400,
      field: 'demographics',
    },
    {
      name: 'patch: province cannot move',
      method: 'PATCH',
      path: () => `/api/shelters/${target.id}`,
      body: { version: v(), provinceCode: '01' },
      status: 400,
      field: 'provinceCode',
    },
    {
      name: 'patch: nothing to change',
      method: 'PATCH',
      path: () => `/api/shelters/${target.id}`,
      body: { version: v() },
      status: 400,
      field: 'version',
    },
    {
      name: 'patch: id not a uuid',
      method: 'PATCH',
      path: () => '/api/shelters/not-a-uuid',
      body: { version: 1, occupancy: 1 },
      status: 400,
      field: 'id',
    },
    {
      name: 'patch: unknown shelter',
      method: 'PATCH',
      path: () => '/api/shelters/3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b',
      body: { version: 1, occupancy: 1 },
      status: 404,
    },
    {
      name: 'patch: text/plain body',
      method: 'PATCH',
      path: () => `/api/shelters/${target.id}`,
      raw: 'occupancy=1',
      status: 415,
    },
    {
      name: 'events: negative after',
      method: 'GET',
      path: () => '/api/events?after=-1',
      status: 400,
      field: 'after',
    },
    {
      name: 'events: text after',
      method: 'GET',
      path: () => '/api/events?after=abc',
      status: 400,
      field: 'after',
    },
    {
      name: 'events: limit too big',
      method: 'GET',
      path: () => '/api/events?after=0&limit=100000',
      status: 400,
      field: 'limit',
    },
    {
      name: 'events: unknown parameter',
      method: 'GET',
      path: () => '/api/events?after=0&role=admin',
      status: 400,
      field: 'role',
    },
    {
      name: 'areas: bad level',
      method: 'GET',
      path: () => '/api/areas?level=district',
      who: 'anon',
      status: 400,
      field: 'level',
    },
    {
      name: 'areas: bad province',
      method: 'GET',
      path: () => '/api/areas?level=commune&province=2',
      who: 'anon',
      status: 400,
      field: 'province',
    },
    {
      name: 'history: not a uuid',
      method: 'GET',
      path: () => '/api/shelters/abc/history',
      status: 400,
      field: 'id',
    },
    {
      name: 'users: short password',
      method: 'POST',
      path: () => '/api/users',
      body: {
        username: 'new.user',
        displayName: 'N',
        password: 'x',
        role: 'viewer',
        orgId: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b',
      },
      who: 'admin',
      status: 400,
      field: 'password',
    },
    {
      name: 'users: unknown role',
      method: 'POST',
      path: () => '/api/users',
      body: {
        username: 'new.user',
        displayName: 'N',
        password: 'violet-harbour-lantern-42',
        role: 'root',
        orgId: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b',
      },
      who: 'admin',
      status: 400,
      field: 'role',
    },
    {
      name: 'users: unknown organisation',
      method: 'POST',
      path: () => '/api/users',
      body: {
        username: 'new.user',
        displayName: 'N',
        password: 'violet-harbour-lantern-42',
        role: 'viewer',
        orgId: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b',
      },
      who: 'admin',
      status: 400,
      field: 'orgId',
    },
    {
      name: 'organisations: bad kind',
      method: 'POST',
      path: () => '/api/organisations',
      body: { name: 'X', kind: 'company' },
      who: 'admin',
      status: 400,
      field: 'kind',
    },
    {
      name: 'idempotency key with spaces',
      method: 'PATCH',
      path: () => `/api/shelters/${target.id}`,
      body: { version: v(), occupancy: 1 },
      status: 400,
      field: 'Idempotency-Key',
    },
    { name: 'unknown endpoint', method: 'GET', path: () => '/api/nothing-here', status: 404 },
  ];

  it.each(cases)('$name → $status', async (c) => {
    const who = c.who === 'anon' ? client(srv.url) : c.who === 'admin' ? admin : ops;
    const headers: Record<string, string> = c.name.startsWith('idempotency')
      ? { 'Idempotency-Key': 'has spaces in it' }
      : {};
    if (c.raw !== undefined)
      headers['content-type'] = c.name.includes('text/plain') ? 'text/plain' : 'application/json';
    const r =
      c.method === 'GET'
        ? await who.get(c.path())
        : await who.send(c.method, c.path(), c.raw ?? c.body, headers);
    expect(r.status).toBe(c.status);
    expect(r.body.ok).toBe(false);
    expect(r.body.error?.message).toBeTruthy();
    if (c.field) {
      expect(r.body.error?.issues?.map((i) => i.path)).toContain(c.field);
      expect(r.body.error?.message).toContain(c.field);
    }
  });
});
