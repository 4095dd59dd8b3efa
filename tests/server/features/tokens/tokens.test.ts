import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../helpers/server.js';
import { io as ioClient } from 'socket.io-client';
import { client, connected, login, type ApiClient, type TestSocket } from '../../../helpers/client.js';
import type { Organisation, User } from '../../../../shared/schemas/auth.js';
import type { ApiToken, ApiTokenCreated } from '../../../../shared/schemas/tokens.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import type { AuditEntry } from '../../../../shared/schemas/incidents.js';

/** Machine clients (issue 9 item 3): API tokens created, used, listed and revoked by the admin. */
describe('/api/tokens', () => {
  let srv: TestServer;
  let admin: ApiClient;
  let ops: ApiClient;
  let orgId: string;
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
  const call = (secret: string, method: string, path: string) =>
    client(srv.url).send(method, path, undefined, bearer(secret));

  const create = async (body: Record<string, unknown>) => {
    const r = await admin.send<ApiTokenCreated>('POST', '/api/tokens', { name: 'Feed', orgId, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.data!;
  };

  beforeAll(async () => {
    srv = await startServer();
    [admin, ops] = await Promise.all([login(srv.url, 'admin'), login(srv.url, 'ops')]);
    orgId = (await admin.get<Organisation[]>('/api/organisations')).body.data![0]!.id;
  });
  afterAll(async () => {
    await srv?.stop();
  });

  it('creates a role token whose secret is shown once and stored only as a hash', async () => {
    const t = await create({ role: 'viewer', scope: ['22'] });
    expect(t.secret).toMatch(/^sho_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(t).toMatchObject({
      role: 'viewer',
      scope: ['22'],
      purpose: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    const listed = (await admin.get<ApiToken[]>('/api/tokens')).body.data!;
    const row = listed.find((x) => x.id === t.id)!;
    expect(row.prefix).toBe(t.secret.slice(0, 12));
    expect(JSON.stringify(listed)).not.toContain(t.secret.slice(12));
    const { rows } = await srv.app.ctx.db.query<Record<string, unknown>>(
      'SELECT * FROM api_tokens WHERE id = $1',
      [t.id],
    );
    expect(JSON.stringify(rows)).not.toContain(t.secret.slice(12));
    expect(rows[0]!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('authenticates API calls as a caller with the token’s role and scope', async () => {
    const t = await create({ role: 'viewer' });
    const r = await call(t.secret, 'GET', '/api/shelters');
    expect(r.status).toBe(200);
    // A viewer sees the safety score, never the checklist.
    expect((r.body.data as Shelter[]).every((s) => s.checklist === null)).toBe(true);
    const me = await call(t.secret, 'GET', '/api/me');
    expect(me.body.data).toMatchObject({ role: 'viewer', orgId });
    const ot = await create({ role: 'ops_officer' });
    const full = await call(ot.secret, 'GET', '/api/shelters');
    expect((full.body.data as Shelter[]).some((s) => s.checklist !== null)).toBe(true);
  });

  it('refuses a wrong secret, a malformed header and another scheme with 401', async () => {
    const t = await create({ role: 'viewer' });
    const wrong = `${t.secret.slice(0, -4)}AAAA`;
    expect((await call(wrong, 'GET', '/api/shelters')).status).toBe(401);
    // After a good call is cached, a wrong secret for the same token is still refused.
    expect((await call(t.secret, 'GET', '/api/shelters')).status).toBe(200);
    expect((await call(wrong, 'GET', '/api/shelters')).status).toBe(401);
    expect((await call('nonsense', 'GET', '/api/shelters')).status).toBe(401);
    const basic = await client(srv.url).send('GET', '/api/shelters', undefined, {
      authorization: 'Basic eDp5',
    });
    expect(basic.status).toBe(401);
  });

  it('ignores the session cookie on a request that sends a token', async () => {
    const t = await create({ role: 'viewer' });
    const r = await client(srv.url, admin.cookie).send('GET', '/api/users', undefined, bearer(t.secret));
    expect(r.status).toBe(403);
  });

  it('lets a purpose token call only its purpose’s endpoints', async () => {
    const reader = await create({ purpose: 'export-reader' });
    expect(reader.role).toBe('viewer');
    const csv = await fetch(`${srv.url}/api/export/shelters.csv`, { headers: bearer(reader.secret) });
    expect(csv.status).toBe(200);
    expect((await call(reader.secret, 'GET', '/api/shelters')).status).toBe(403);
    expect((await call(reader.secret, 'GET', '/api/snapshot')).status).toBe(403);
    const gateway = await create({ purpose: 'sms-gateway' });
    expect((await call(gateway.secret, 'GET', '/api/shelters')).status).toBe(403);
    expect((await call(gateway.secret, 'GET', '/api/export/shelters.csv')).status).toBe(403);
    const feed = await create({ purpose: 'cap-feed' });
    expect((await call(feed.secret, 'GET', '/api/alerts')).status).toBe(403);
  });

  it('shows the last use and audits each call made with a token', async () => {
    const t = await create({ role: 'viewer' });
    expect((await call(t.secret, 'GET', '/api/shelters')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    const row = (await admin.get<ApiToken[]>('/api/tokens')).body.data!.find((x) => x.id === t.id)!;
    expect(row.lastUsedAt).not.toBeNull();
    const audit = (await admin.get<AuditEntry[]>('/api/audit?limit=50')).body.data!;
    expect(audit.find((a) => a.userId === t.id)).toMatchObject({
      action: 'read',
      resource: '/api/shelters',
      role: 'viewer',
      detail: { via: 'token', tokenId: t.id, status: 200 },
    });
  });

  it('revokes a token at once', async () => {
    const t = await create({ role: 'viewer' });
    expect((await call(t.secret, 'GET', '/api/shelters')).status).toBe(200);
    const r = await admin.send<ApiToken>('DELETE', `/api/tokens/${t.id}`);
    expect(r.status).toBe(200);
    expect(r.body.data!.revokedAt).not.toBeNull();
    expect((await call(t.secret, 'GET', '/api/shelters')).status).toBe(401);
    expect((await admin.send('DELETE', '/api/tokens/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('never opens a socket with a token', async () => {
    const t = await create({ role: 'ops_officer' });
    // The handshake carries the token as a gateway would send it; only the session cookie opens a socket.
    const s = ioClient(srv.url, {
      transports: ['websocket'],
      extraHeaders: bearer(t.secret),
      reconnection: false,
      forceNew: true,
    }) as TestSocket;
    await expect(connected(s)).rejects.toThrow(/unauthenticated/);
    s.disconnect();
  });

  it('is for the admin only, and a token never manages tokens', async () => {
    expect((await ops.send('POST', '/api/tokens', { name: 'x', orgId, role: 'viewer' })).status).toBe(403);
    expect((await ops.get('/api/tokens')).status).toBe(403);
    const t = await create({ role: 'ops_officer' });
    expect((await call(t.secret, 'GET', '/api/tokens')).status).toBe(403);
  });

  it.each([
    [{ role: 'admin' }, 'role'],
    [{}, 'role'],
    [{ purpose: 'printer' }, 'purpose'],
    [{ role: 'viewer', scope: ['99'] }, 'scope'],
    [{ role: 'viewer', orgId: '00000000-0000-4000-8000-000000000000' }, 'orgId'],
    [{ role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
    [{ role: 'viewer', name: '' }, 'name'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const r = await admin.send('POST', '/api/tokens', { name: 'Bad', orgId, ...body });
    expect(r.status).toBe(400);
    expect(r.body.error!.issues!.map((i) => i.path)).toContain(field);
  });

  it('lists users with their SMS number for the admin, and stores numbers as E.164', async () => {
    const users = (await admin.get<User[]>('/api/users')).body.data!;
    const viewer = users.find((u) => u.username === 'viewer')!;
    expect(users.find((u) => u.username === 'shelter')!.phone).toBe('+84900000001');
    const r = await admin.send<User>('PATCH', `/api/users/${viewer.id}`, { phone: '0912 345 678' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data!.phone).toBe('+84912345678');
    const bad = await admin.send('PATCH', `/api/users/${viewer.id}`, { phone: '12' });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.issues![0]!.path).toBe('phone');
    const taken = await admin.send('PATCH', `/api/users/${viewer.id}`, { phone: '+84900000001' });
    expect(taken.status).toBe(409);
    expect(
      (await admin.send<User>('PATCH', `/api/users/${viewer.id}`, { phone: null })).body.data!.phone,
    ).toBeNull();
  });
});
