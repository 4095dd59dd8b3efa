import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.js';
import {
  client,
  connected,
  connectSocket,
  login,
  type ApiClient,
  type TestSocket,
} from '../helpers/client.js';

/**
 * Bad-input fuzzing of every HTTP endpoint and the socket `sync` command: arbitrary JSON, wrong
 * types on real field names, huge and deeply nested values, invalid UTF-8, unicode edge cases and
 * bad query strings. Never a 5xx, never a crash, nothing stored changes, memory stays flat.
 */

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

type Who = 'anon' | 'ops' | 'admin' | 'gbv' | 'provider' | 'shelter' | 'viewer';
interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** `:id` is replaced by a real id or a fuzzed string. */
  path: string;
  /** The collection whose ids are real for `:id`. */
  ids?: 'shelters' | 'services' | 'alerts' | 'requests' | 'users' | 'gbvAlerts';
}

// Every endpoint the server has (SPEC 4.1); the login/logout pair is fuzzed without a session to lose.
const ENDPOINTS: Endpoint[] = [
  { method: 'POST', path: '/api/auth/login' },
  { method: 'GET', path: '/api/me' },
  { method: 'GET', path: '/api/snapshot' },
  { method: 'GET', path: '/api/events' },
  { method: 'GET', path: '/api/areas' },
  { method: 'GET', path: '/api/shelters' },
  { method: 'POST', path: '/api/shelters' },
  { method: 'GET', path: '/api/shelters/:id', ids: 'shelters' },
  { method: 'PATCH', path: '/api/shelters/:id', ids: 'shelters' },
  { method: 'GET', path: '/api/shelters/:id/history', ids: 'shelters' },
  { method: 'GET', path: '/api/organisations' },
  { method: 'POST', path: '/api/organisations' },
  { method: 'GET', path: '/api/users' },
  { method: 'POST', path: '/api/users' },
  { method: 'PATCH', path: '/api/users/:id', ids: 'users' },
  { method: 'GET', path: '/api/services' },
  { method: 'GET', path: '/api/services/nearest' },
  { method: 'GET', path: '/api/services/stock-totals' },
  { method: 'POST', path: '/api/services' },
  { method: 'GET', path: '/api/services/:id', ids: 'services' },
  { method: 'PATCH', path: '/api/services/:id', ids: 'services' },
  { method: 'POST', path: '/api/services/:id/availability', ids: 'services' },
  { method: 'GET', path: '/api/services/:id/availability', ids: 'services' },
  { method: 'GET', path: '/api/services/:id/history', ids: 'services' },
  { method: 'GET', path: '/api/gbv-alerts' },
  { method: 'POST', path: '/api/gbv-alerts/:id/acknowledge', ids: 'gbvAlerts' },
  { method: 'GET', path: '/api/alerts' },
  { method: 'POST', path: '/api/alerts' },
  { method: 'GET', path: '/api/alerts/:id', ids: 'alerts' },
  { method: 'PATCH', path: '/api/alerts/:id', ids: 'alerts' },
  { method: 'GET', path: '/api/requests' },
  { method: 'POST', path: '/api/requests' },
  { method: 'GET', path: '/api/requests/:id', ids: 'requests' },
  { method: 'PATCH', path: '/api/requests/:id', ids: 'requests' },
  { method: 'GET', path: '/api/requests/:id/messages', ids: 'requests' },
  { method: 'POST', path: '/api/requests/:id/messages', ids: 'requests' },
  { method: 'POST', path: '/api/incident-reports' },
  { method: 'GET', path: '/api/incidents/summary' },
  { method: 'GET', path: '/api/audit' },
  { method: 'PUT', path: '/api/shelters/:id', ids: 'shelters' },
  { method: 'DELETE', path: '/api/shelters/:id', ids: 'shelters' },
];

// Field names the schemas use, so wrong types reach the validators of real fields.
const FIELDS = (
  'version occupancy capacity households name kind status lat lon provinceCode communeCode managingOrgId contactPhone needs checklist ' +
  'demographics vulnerable reconfirm username password displayName role orgId scope disabled acronym sectors afterSeq limit after level ' +
  'province text message title priority type types services serviceTypes stock quantity available open24h hours languages counts ' +
  'byAge bySex bySetting byType period from to polygon coordinates track position storm hazard severity validFrom validTo neededBy ' +
  'toOrgId toSector resource note referral within72h safeHouseBeds hotlineWorking locationVisibility expectedRestoreAt serviceId shelterId'
).split(' ');

const EDGE_STRINGS = [
  '',
  '\u0000',
  '\uD800',
  '\uDFFF',
  'a\uDC00b',
  '\u202Eevil\u202C',
  'مرحبا',
  '\u200B\u200C\u200D\uFEFF',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'Z\u0351\u0352\u0353\u0354',
  'Nguyễn Thị Hồng',
  '%00%ZZ',
  '../../etc/passwd',
  "'; DROP TABLE shelters; --",
  '{"$gt":""}',
  '__proto__',
  'constructor',
  '\r\nSet-Cookie: x=1',
  '9'.repeat(400),
  '-0',
  'NaN',
  '1e309',
];

const edgeString = fc.oneof(
  fc.constantFrom(...EDGE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const edgeNumber = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 1e308),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const leaf = fc.oneof(edgeString, edgeNumber, fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), edgeString), tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** A request body: JSON value, real fields with wrong values, or raw bytes (invalid UTF-8, deep nesting, huge). */
type Body = { json: unknown } | { raw: Buffer } | null;
const body: fc.Arbitrary<Body> = fc.oneof(
  fc.constant(null),
  value.map((json) => ({ json })),
  fc.jsonValue().map((json) => ({ json })),
  fc.dictionary(fc.constantFrom(...FIELDS), value, { minKeys: 1, maxKeys: 8 }).map((json) => ({ json })),
  // Close to valid: a version plus one wrong field.
  fc.tuple(fc.constantFrom(...FIELDS), value).map(([k, v]) => ({ json: { version: 1, [k]: v } })),
  fc.uint8Array({ maxLength: 64 }).map((b) => ({ raw: Buffer.from(b) })),
  fc.uint8Array({ minLength: 1, maxLength: 16 }).map((b) => ({
    raw: Buffer.concat([
      Buffer.from('{"name":"'),
      Buffer.from([0xc3, 0x28, 0xff, ...b]),
      Buffer.from('","version":1}'),
    ]),
  })),
  fc.integer({ min: 100, max: 30_000 }).map((d) => ({ raw: Buffer.from('['.repeat(d) + ']'.repeat(d)) })),
  fc
    .integer({ min: 100, max: 10_000 })
    .map((d) => ({ raw: Buffer.from('{"a":'.repeat(d) + '1' + '}'.repeat(d)) })),
  fc
    .constantFrom(60_000, 70_000, 200_000)
    .map((n) => ({ json: { name: 'x'.repeat(n), version: 1, occupancy: 1 } })),
  fc.constant({ json: Array.from({ length: 5000 }, (_, i) => i) }),
);

/** A query string: real parameter names with bad values, repeats, bad percent escapes. */
const query: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(
      fc.constantFrom(
        'after',
        'limit',
        'level',
        'province',
        'lat',
        'lon',
        'type',
        'types',
        'before',
        'period',
        'from',
        'to',
        'within',
        'status',
      ),
      edgeString,
      { maxKeys: 4 },
    )
    .map(
      (d) =>
        '?' +
        Object.entries(d)
          .map(([k, v]) => `${k}=${encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, '?'))}`)
          .join('&'),
    ),
  fc.constantFrom(
    '?after=1&after=2',
    '?after[]=1',
    '?after[a]=1',
    '?after=%E0%A4%A',
    '?%',
    '?after=0&limit=%00',
    '?after=1e400',
    '?after=0x10',
    '?=&=&',
    `?after=${'9'.repeat(5000)}`,
  ),
);

/** An id segment: a real id (so the handler runs) or junk. */
const idSegment = (real: string[]) =>
  fc.oneof(
    real.length ? fc.constantFrom(...real) : fc.constant('00000000-0000-4000-8000-000000000000'),
    fc.constantFrom(
      'not-a-uuid',
      '00000000-0000-0000-0000-000000000000',
      '%00',
      '..',
      '%2F',
      'x'.repeat(3000),
      '%F0%9F%98',
      '%C0%AE',
    ),
    edgeString.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?')) || 'x'),
  );

interface Outcome {
  endpoint: string;
  status: number;
  text: string;
}

describe('fuzz: bad input on every endpoint', () => {
  let srv: TestServer;
  const api: Partial<Record<Who, ApiClient>> = {};
  const ids: Record<NonNullable<Endpoint['ids']>, string[]> = {
    shelters: [],
    services: [],
    alerts: [],
    requests: [],
    users: [],
    gbvAlerts: [],
  };
  let before: string;
  const failures: Outcome[] = [];

  /** Everything stored that a request could change, as the admin and an ops officer see it. */
  const dump = async () =>
    JSON.stringify({
      ops: (await api.ops!.get('/api/snapshot')).body.data,
      admin: (await api.admin!.get('/api/snapshot')).body.data,
      users: (await api.admin!.get('/api/users')).body.data,
    });

  beforeAll(async () => {
    srv = await startServer();
    for (const who of ['ops', 'admin', 'gbv', 'provider', 'shelter', 'viewer'] as const)
      api[who] = await login(srv.url, who);
    api.anon = client(srv.url);
    const list = async (path: string, who: Who = 'admin') =>
      ((await api[who]!.get<{ id: string }[]>(path)).body.data ?? []).map((x) => x.id).slice(0, 3);
    ids.shelters = await list('/api/shelters');
    ids.services = await list('/api/services', 'gbv');
    ids.alerts = await list('/api/alerts', 'ops');
    ids.requests = await list('/api/requests', 'ops');
    ids.users = await list('/api/users');
    ids.gbvAlerts = await list('/api/gbv-alerts', 'gbv');
    before = await dump();
  });
  afterAll(async () => {
    await srv?.stop();
  });

  const send = async (
    e: Endpoint,
    who: Who,
    id: string,
    q: string,
    b: Body,
    idemKey: string | null,
  ): Promise<Outcome> => {
    const path = e.path.replace(':id', id) + q;
    const headers: Record<string, string> = {};
    const cookie = api[who]!.cookie;
    if (cookie) headers.cookie = cookie;
    if (idemKey !== null) headers['Idempotency-Key'] = idemKey;
    let payload: BodyInit | undefined;
    if (b && e.method !== 'GET') {
      headers['content-type'] = 'application/json';
      payload = 'raw' in b ? new Blob([new Uint8Array(b.raw)]) : JSON.stringify(b.json);
    }
    const res = await fetch(`${srv.url}${path}`, { method: e.method, headers, body: payload });
    return { endpoint: `${e.method} ${e.path}`, status: res.status, text: (await res.text()).slice(0, 300) };
  };

  const round = async (runsPerEndpoint: number, seed: number) => {
    for (const [i, e] of ENDPOINTS.entries()) {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom<Who>('anon', 'ops', 'admin', 'gbv', 'provider', 'shelter', 'viewer'),
          idSegment(e.ids ? ids[e.ids] : []),
          query,
          body,
          fc.option(
            fc.oneof(
              fc.constantFrom('k-1', 'has space', 'é', 'x'.repeat(300)),
              fc.stringMatching(/^[A-Za-z0-9_.:-]{1,20}$/),
            ),
            { nil: null },
          ),
          async (who, id, q, b, key) => {
            // The login endpoint is fuzzed without a session (a lucky valid login would only add one).
            const o = await send(e, e.path === '/api/auth/login' ? 'anon' : who, id, q, b, key);
            if (o.status >= 500) failures.push(o);
            return o.status < 500;
          },
        ),
        { numRuns: runsPerEndpoint, seed: seed + i, endOnFailure: true },
      );
    }
  };

  const heapAfterGc = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };

  it('never answers 5xx, changes nothing stored, and keeps memory flat', async () => {
    await round(20, 1000);
    const heap1 = heapAfterGc();
    await round(20, 2000);
    const heap2 = heapAfterGc();

    expect(failures).toEqual([]);
    expect((await fetch(`${srv.url}/readyz`)).status).toBe(200);
    expect(await dump()).toBe(before);
    // Generous: the same number of requests again must not leave tens of MB behind.
    expect((heap2 - heap1) / 2 ** 20).toBeLessThan(24);

    // Control: the comparison does see a real change.
    const s = (await api.ops!.get<{ id: string; version: number }>(`/api/shelters/${ids.shelters[0]}`)).body
      .data!;
    expect(
      (await api.ops!.send('PATCH', `/api/shelters/${s.id}`, { version: s.version, occupancy: 7 })).status,
    ).toBe(200);
    expect(await dump()).not.toBe(before);
  }, 120_000);

  it('answers a malformed sync with an error ack, never an internal error, and keeps the socket', async () => {
    const snapshotBefore = JSON.stringify((await api.ops!.get('/api/snapshot')).body.data);
    let socket: TestSocket = connectSocket(srv.url, api.ops!.cookie);
    await connected(socket);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          value,
          fc.record({ afterSeq: value }),
          fc.record({ afterSeq: edgeNumber }),
          fc.constant(undefined),
        ),
        async (payload) => {
          if (!socket.connected) {
            socket = connectSocket(srv.url, api.ops!.cookie);
            await connected(socket);
          }
          const reply = (await socket.timeout(5000).emitWithAck('sync', payload as never)) as {
            ok: boolean;
            error?: { code: string };
          };
          if (!reply.ok) expect(reply.error?.code).toBe('bad_request');
          return true;
        },
      ),
      { numRuns: 150, seed: 42 },
    );
    // Without an ack callback, with other event names, and over the size limit: ignored or disconnected, never a crash.
    socket.emit('sync', { afterSeq: 0 }, undefined as never);
    (socket as unknown as { emit: (...a: unknown[]) => void }).emit('shelter:update', { id: 1 });
    (socket as unknown as { emit: (...a: unknown[]) => void }).emit(
      'sync',
      'x'.repeat(100_000),
      () => undefined,
    );
    await new Promise((r) => setTimeout(r, 300));
    socket.close();
    const again = connectSocket(srv.url, api.ops!.cookie);
    await connected(again);
    const ok = (await again.timeout(5000).emitWithAck('sync', { afterSeq: 0 })) as { ok: boolean };
    expect(ok.ok).toBe(true);
    again.close();
    expect((await fetch(`${srv.url}/readyz`)).status).toBe(200);
    expect(JSON.stringify((await api.ops!.get('/api/snapshot')).body.data)).toBe(snapshotBefore);
  });
});
