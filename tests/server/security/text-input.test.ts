import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORAGES } from '../../helpers/db.js';
import { startServer, type TestServer } from '../../helpers/server.js';
import { login, type ApiClient } from '../../helpers/client.js';
import { buildRequestCreate, buildShelterCreate } from '../../helpers/factories.js';
import { toHttpError } from '../../../server/app.js';
import type { CoordinationRequest } from '../../../shared/schemas/requests.js';

// Text PostgreSQL cannot store: a NUL byte (text and jsonb refuse it) and unpaired UTF-16 halves
// (JSON.stringify escapes them as \ud800, which jsonb refuses).
const BAD = [
  ['a NUL byte', 'Trường\u0000học'],
  ['a lone high surrogate', 'Trường \ud800 học'],
  ['a lone low surrogate', 'Trường \udc00 học'],
] as const;

describe.each(STORAGES)('unstorable text on %s', (storage) => {
  let srv: TestServer;
  let ops: ApiClient;
  let gbv: ApiClient;
  let request: CoordinationRequest;

  beforeAll(async () => {
    srv = await startServer({ storage });
    [ops, gbv] = await Promise.all([login(srv.url, 'ops'), login(srv.url, 'gbv')]);
    request = (await gbv.send<CoordinationRequest>('POST', '/api/requests', buildRequestCreate())).body.data!;
  });
  afterAll(async () => srv?.stop());

  const expect400 = (r: Awaited<ReturnType<ApiClient['get']>>, field: string) => {
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('bad_request');
    expect(r.body.error?.issues?.map((i) => i.path)).toContain(field);
  };

  describe.each(BAD)('with %s', (_what, text) => {
    it('refuses a shelter name with a 400 naming the field', async () => {
      expect400(await ops.send('POST', '/api/shelters', buildShelterCreate({ name: text })), 'name');
    });
    it('refuses a request message with a 400 naming the field', async () => {
      expect400(await gbv.send('POST', `/api/requests/${request.id}/messages`, { text }), 'text');
    });
    it('refuses a service name with a 400 naming the field', async () => {
      const body = { name: text, types: ['health_cmr'], provinceCode: '46', lat: 16.46, lon: 107.59 };
      expect400(await gbv.send('POST', '/api/services', body), 'name');
    });
    it('refuses it in a nested field no schema reads (the net under the schemas)', async () => {
      const body = { ...buildShelterCreate(), extra: { deep: [text] } };
      expect400(await ops.send('POST', '/api/shelters', body), 'extra.deep.0');
    });
  });

  // A URL carries UTF-8, which has no unpaired surrogates (a percent-encoded one decodes to U+FFFD).
  it('refuses a NUL byte in a query parameter, naming the parameter', async () => {
    expect400(await ops.get('/api/incidents/summary?from=2024-09%00'), 'from');
    expect400(await ops.get('/api/services/nearest?type=police%00&lat=21&lon=105'), 'type');
    expect400(await ops.get('/api/events?after=0&note=a%00b'), 'note');
  });

  it('stores ordinary Vietnamese text, emoji and other astral characters unchanged', async () => {
    const name = 'Nhà văn hoá thôn Đông 🌀 𠀋';
    const r = await ops.send<{ name: string }>('POST', '/api/shelters', buildShelterCreate({ name }));
    expect(r.status).toBe(201);
    expect(r.body.data!.name).toBe(name);
  });

  it("maps the database's own refusal of such text to a 400, as a last resort", async () => {
    const nul = await srv.app.ctx.db.query('SELECT $1::text AS t', ['a\u0000b']).catch((e: unknown) => e);
    expect(nul).toBeInstanceOf(Error);
    expect(toHttpError(nul).status).toBe(400);
    const escaped = await srv.app.ctx.db
      .query('SELECT $1::jsonb AS j', [JSON.stringify({ n: 'x\u0000y' })])
      .catch((e: unknown) => e);
    expect(escaped).toBeInstanceOf(Error);
    expect(toHttpError(escaped).status).toBe(400);
  });
});
