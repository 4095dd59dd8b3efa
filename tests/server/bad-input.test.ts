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
  const unknownId = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
  // The target is untouched seed data, so its version is 1 (asserted in beforeAll).
  const v = () => 1;
  interface Case {
    name: string;
    method: string;
    path: () => string;
    body?: unknown;
    raw?: string;
    who?: 'ops' | 'admin' | 'anon';
    status: number;
    field?: string;
  }
  // One builder per endpoint: each case below is a name, what is sent, and the field the 400 names.
  const signIn = (name: string, body: unknown, field: string): Case => ({
    name: `login: ${name}`,
    method: 'POST',
    path: () => '/api/auth/login',
    body,
    who: 'anon',
    status: 400,
    field,
  });
  const create = (name: string, body: unknown, field: string): Case => ({
    name: `create: ${name}`,
    method: 'POST',
    path: () => '/api/shelters',
    body,
    status: 400,
    field,
  });
  const patch = (name: string, body: unknown, field: string): Case => ({
    name: `patch: ${name}`,
    method: 'PATCH',
    path: () => `/api/shelters/${target.id}`,
    body,
    status: 400,
    field,
  });
  const read = (name: string, path: string, field: string, who?: 'anon'): Case => ({
    name,
    method: 'GET',
    path: () => path,
    who,
    status: 400,
    field,
  });
  const newUser = (name: string, fields: Record<string, string>, field: string): Case => ({
    name: `users: ${name}`,
    method: 'POST',
    path: () => '/api/users',
    body: {
      username: 'new.user',
      displayName: 'N',
      password: 'violet-harbour-lantern-42',
      role: 'viewer',
      orgId: unknownId,
      ...fields,
    },
    who: 'admin',
    status: 400,
    field,
  });
  const cases: Case[] = [
    signIn('missing password', { username: 'ops' }, 'password'),
    signIn('wrong type', { username: 5, password: 'demo' }, 'username'),
    signIn('huge username', { username: huge, password: 'demo' }, 'username'),
    signIn('unknown field', { username: 'ops', password: 'demo', admin: true }, 'admin'),
    create('missing name', { ...buildShelterCreate(), name: undefined }, 'name'),
    create('huge name', buildShelterCreate({ name: huge }), 'name'),
    create('outside Viet Nam', buildShelterCreate({ lat: 13.75, lon: 100.5 }), 'lon'),
    create('negative occupancy', buildShelterCreate({ occupancy: -5 }), 'occupancy'),
    create('string capacity', { ...buildShelterCreate(), capacity: '100' }, 'capacity'),
    create('unknown field', { ...buildShelterCreate(), secret: 1 }, 'secret'),
    create('unknown province', buildShelterCreate({ provinceCode: '99', communeCode: null }), 'provinceCode'),
    create('commune of another province', buildShelterCreate({ provinceCode: '01' }), 'communeCode'),
    create(
      'unknown managing organisation',
      buildShelterCreate({ managingOrgId: unknownId }),
      'managingOrgId',
    ),
    create('array body', [buildShelterCreate()], '(root)'),
    { ...create('invalid JSON', undefined, 'body'), raw: '{"name": ' },
    {
      name: 'create: body over 64 KB',
      method: 'POST',
      path: () => '/api/shelters',
      raw: JSON.stringify({ name: 'x'.repeat(70_000) }),
      status: 413,
    },
    patch('missing version', { occupancy: 3 }, 'version'),
    patch('negative occupancy', { version: v(), occupancy: -1 }, 'occupancy'),
    patch('float occupancy', { version: v(), occupancy: 2.5 }, 'occupancy'),
    patch('occupancy beyond limit', { version: v(), occupancy: 1e12 }, 'occupancy'),
    patch('bad status', { version: v(), status: 'flooded' }, 'status'),
    patch('bad checklist answer', { version: v(), checklist: { lighting: true } }, 'checklist.lighting'),
    patch('moving outside Viet Nam', { version: v(), lat: 48.85, lon: 2.35 }, 'lat'),
    patch(
      'breakdown larger than occupancy',
      {
        version: v(),
        occupancy: 2,
        demographics: {
          female: { '0-4': 1, '5-17': 1, '18-59': 1, '60+': 1 },
          male: { '0-4': 0, '5-17': 0, '18-59': 0, '60+': 0 },
        },
      },
      'demographics',
    ),
    patch('province cannot move', { version: v(), provinceCode: '01' }, 'provinceCode'),
    patch('nothing to change', { version: v() }, 'version'),
    { ...patch('id not a uuid', { version: 1, occupancy: 1 }, 'id'), path: () => '/api/shelters/not-a-uuid' },
    {
      name: 'patch: unknown shelter',
      method: 'PATCH',
      path: () => `/api/shelters/${unknownId}`,
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
    read('events: negative after', '/api/events?after=-1', 'after'),
    read('events: text after', '/api/events?after=abc', 'after'),
    read('events: limit too big', '/api/events?after=0&limit=100000', 'limit'),
    read('events: unknown parameter', '/api/events?after=0&role=admin', 'role'),
    read('areas: bad level', '/api/areas?level=district', 'level', 'anon'),
    read('areas: bad province', '/api/areas?level=commune&province=2', 'province', 'anon'),
    read('history: not a uuid', '/api/shelters/abc/history', 'id'),
    newUser('short password', { password: 'x' }, 'password'),
    newUser('unknown role', { role: 'root' }, 'role'),
    newUser('unknown organisation', {}, 'orgId'),
    {
      name: 'organisations: bad kind',
      method: 'POST',
      path: () => '/api/organisations',
      body: { name: 'X', kind: 'company' },
      who: 'admin',
      status: 400,
      field: 'kind',
    },
    { ...patch('', { version: v(), occupancy: 1 }, 'Idempotency-Key'), name: 'idempotency key with spaces' },
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
