import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { startServer, type TestServer } from '../../helpers/server.js';
import { connected, login, type ApiClient, type TestSocket } from '../../helpers/client.js';
import { buildShelterCreate } from '../../helpers/factories.js';

const EVIL = 'https://evil.example';
const PARTNER = 'https://partner.example.org';

describe('security headers', () => {
  let srv: TestServer;
  let secure: TestServer;
  let ops: ApiClient;
  beforeAll(async () => {
    [srv, secure] = await Promise.all([startServer(), startServer({ config: { cookieSecure: true } })]);
    ops = await login(srv.url, 'ops');
  });
  afterAll(async () => Promise.all([srv?.stop(), secure?.stop()]));

  it('sends the CSP with connect-src limited to the same origin (no ws: or wss: to any host)', async () => {
    const csp = (await fetch(`${srv.url}/healthz`)).headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/\bwss?:/);
  });

  it('sends nosniff, frame denial and a same-origin referrer policy', async () => {
    const h = (await fetch(`${srv.url}/healthz`)).headers;
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('referrer-policy')).toBe('same-origin');
  });

  it('sends HSTS only when COOKIE_SECURE=1', async () => {
    expect((await fetch(`${srv.url}/healthz`)).headers.get('strict-transport-security')).toBeNull();
    expect((await fetch(`${secure.url}/healthz`)).headers.get('strict-transport-security')).toMatch(
      /^max-age=\d{7,}/,
    );
  });

  it('marks every /api answer Cache-Control: no-store (success, error, unknown path, sign-in)', async () => {
    const answers = await Promise.all([
      fetch(`${srv.url}/api/shelters`, { headers: { cookie: ops.cookie } }),
      fetch(`${srv.url}/api/me`),
      fetch(`${srv.url}/api/no-such-thing`, { headers: { cookie: ops.cookie } }),
      fetch(`${srv.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ops', password: 'demo' }),
      }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 401, 404, 200]);
    for (const r of answers) expect(r.headers.get('cache-control')).toBe('no-store');
  });
});

describe('Origin checks', () => {
  let srv: TestServer;
  let proxied: TestServer;
  let ops: ApiClient;
  let proxiedOps: ApiClient;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    [srv, proxied] = await Promise.all([
      startServer({ config: { allowedOrigins: [PARTNER] } }),
      startServer({ config: { trustProxy: 1 } }),
    ]);
    [ops, proxiedOps] = await Promise.all([login(srv.url, 'ops'), login(proxied.url, 'ops')]);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all([srv?.stop(), proxied?.stop()]);
  });

  const write = (c: ApiClient, headers: Record<string, string>) =>
    c.send('POST', '/api/shelters', buildShelterCreate(), headers);

  it('refuses a write whose Origin is another site with 403 forbidden_origin', async () => {
    const r = await write(ops, { origin: EVIL });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'forbidden_origin' } });
  });

  it('refuses PATCH, PUT and DELETE from another site too, and the opaque origin "null"', async () => {
    const id = (await ops.get<{ id: string }[]>('/api/shelters')).body.data![0]!.id;
    for (const method of ['PATCH', 'PUT', 'DELETE'])
      expect((await ops.send(method, `/api/shelters/${id}`, { version: 1 }, { origin: EVIL })).status).toBe(
        403,
      );
    expect((await write(ops, { origin: 'null' })).status).toBe(403);
  });

  it('falls back to the Referer when there is no Origin', async () => {
    expect((await write(ops, { referer: `${EVIL}/page` })).status).toBe(403);
    expect((await write(ops, { referer: `${srv.url}/map` })).status).toBe(201);
  });

  it('refuses sign-in from another site (login CSRF)', async () => {
    const r = await fetch(`${srv.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: EVIL },
      body: JSON.stringify({ username: 'ops', password: 'demo' }),
    });
    expect(r.status).toBe(403);
  });

  it('accepts writes from its own origin, from ALLOWED_ORIGINS, and with neither Origin nor Referer', async () => {
    expect((await write(ops, { origin: srv.url })).status).toBe(201);
    expect((await write(ops, { origin: PARTNER })).status).toBe(201);
    expect((await write(ops, {})).status).toBe(201);
  });

  it('leaves reads alone', async () => {
    expect(
      (await fetch(`${srv.url}/api/shelters`, { headers: { cookie: ops.cookie, origin: EVIL } })).status,
    ).toBe(200);
  });

  it('takes the public host from X-Forwarded-Host only through a trusted proxy', async () => {
    const viaProxy = { origin: 'https://ops.example.vn', 'x-forwarded-host': 'ops.example.vn' };
    expect((await write(proxiedOps, viaProxy)).status).toBe(201);
    // Not trusted: the header is the client's word, and the origin does not match the real Host.
    expect((await write(ops, viaProxy)).status).toBe(403);
  });

  const socketWith = (url: string, cookie: string, headers: Record<string, string>) => {
    const s: TestSocket = ioClient(url, {
      transports: ['websocket'],
      extraHeaders: { cookie, ...headers },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(s);
    return s;
  };

  it('refuses a Socket.IO handshake from another site', async () => {
    await expect(connected(socketWith(srv.url, ops.cookie, { origin: EVIL }))).rejects.toThrow();
  });

  it('refuses it over long-polling too', async () => {
    const r = await fetch(`${srv.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { cookie: ops.cookie, origin: EVIL },
    });
    expect(r.status).toBe(403);
  });

  it('accepts a handshake from its own origin, ALLOWED_ORIGINS, or with no Origin', async () => {
    await connected(socketWith(srv.url, ops.cookie, { origin: srv.url }));
    await connected(socketWith(srv.url, ops.cookie, { origin: PARTNER }));
    await connected(socketWith(srv.url, ops.cookie, {}));
  });
});
