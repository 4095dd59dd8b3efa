import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ActionKeys, actionKeys, api } from '../../../client/src/lib/api.js';
import type { CoordinationRequest, RequestMessage } from '../../../shared/schemas/requests.js';
import { login, type ApiClient } from '../../helpers/client.js';
import { buildRequestCreate } from '../../helpers/factories.js';
import { startServer, type TestServer } from '../../helpers/server.js';

describe('ActionKeys: one idempotency key per logical action', () => {
  let n = 0;
  const keys = () => new ActionKeys(() => `k${++n}`);

  it('keeps the key while the action waits for an answer (no answer, 503, outcome_unknown)', () => {
    const k = keys();
    const a = k.keyFor('POST', '/api/alerts', { title: 'A' });
    k.settle('POST', '/api/alerts', { title: 'A' }, { ok: false, status: 0 });
    expect(k.keyFor('POST', '/api/alerts', { title: 'A' })).toBe(a);
    k.settle('POST', '/api/alerts', { title: 'A' }, { ok: false, status: 503 });
    expect(k.keyFor('POST', '/api/alerts', { title: 'A' })).toBe(a);
  });

  it('gives a new key once the action is answered, and to a different action', () => {
    const k = keys();
    const a = k.keyFor('POST', '/api/requests/r1/messages', { text: 'hi' });
    expect(k.keyFor('POST', '/api/requests/r1/messages', { text: 'other' })).not.toBe(a);
    expect(k.keyFor('POST', '/api/requests/r2/messages', { text: 'hi' })).not.toBe(a);
    expect(k.keyFor('PATCH', '/api/requests/r1/messages', { text: 'hi' })).not.toBe(a);
    k.settle('POST', '/api/requests/r1/messages', { text: 'hi' }, { ok: true, status: 201 });
    expect(k.keyFor('POST', '/api/requests/r1/messages', { text: 'hi' })).not.toBe(a);
  });

  it('ends the action on a refusal too (4xx is an answer)', () => {
    const k = keys();
    const a = k.keyFor('POST', '/api/alerts', { title: '' });
    k.settle('POST', '/api/alerts', { title: '' }, { ok: false, status: 400 });
    expect(k.keyFor('POST', '/api/alerts', { title: '' })).not.toBe(a);
    expect(k.size).toBe(1);
  });

  it('keeps at most 200 waiting actions', () => {
    const k = keys();
    for (let i = 0; i < 250; i++) k.keyFor('POST', '/api/x', { i });
    expect(k.size).toBe(200);
  });
});

describe('client writes against a real server whose first reply is lost after commit', () => {
  let srv: TestServer;
  let gbv: ApiClient;
  let request: CoordinationRequest;
  let loseNext = false;
  const sentKeys: string[] = [];

  beforeAll(async () => {
    srv = await startServer();
    gbv = await login(srv.url, 'gbv');
    request = (
      await gbv.send<CoordinationRequest>(
        'POST',
        '/api/requests',
        buildRequestCreate({ title: 'Lights for the thread test' }),
      )
    ).body.data!;
    const realFetch = globalThis.fetch;
    // The browser's same-origin fetch, pointed at the test server with the session cookie. When
    // asked, the server's reply (after it committed) is dropped, as a cut connection would.
    vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
      // The test's own helper calls go straight through.
      if (path.startsWith('http')) return realFetch(path, init);
      sentKeys.push((init.headers as Record<string, string>)['Idempotency-Key'] ?? '');
      const res = await realFetch(`${srv.url}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), cookie: gbv.cookie },
      });
      if (loseNext) {
        loseNext = false;
        await res.arrayBuffer();
        throw new TypeError('Failed to fetch');
      }
      return res;
    });
  });
  afterEach(() => {
    sentKeys.length = 0;
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await srv?.stop();
  });

  const messages = async () =>
    (await gbv.get<RequestMessage[]>(`/api/requests/${request.id}/messages`)).body.data!.filter(
      (m) => m.text === 'Đèn đã tới chưa?',
    );

  it('a thread message sent again after a lost reply is stored once; sending it again after success is a new message', async () => {
    loseNext = true;
    const path = `/api/requests/${request.id}/messages`;
    const first = await api.post<RequestMessage>(path, { text: 'Đèn đã tới chưa?' });
    expect(first.status).toBe(0);
    // The server had it already.
    expect(await messages()).toHaveLength(1);
    // The user presses Send again: the same action, the same key, the stored reply.
    const second = await api.post<RequestMessage>(path, { text: 'Đèn đã tới chưa?' });
    expect(second.ok).toBe(true);
    expect(sentKeys[0]).toBe(sentKeys[1]);
    expect(await messages()).toHaveLength(1);
    // Once answered, the same words again are a new message with a new key.
    const third = await api.post<RequestMessage>(path, { text: 'Đèn đã tới chưa?' });
    expect(third.ok).toBe(true);
    expect(sentKeys[2]).not.toBe(sentKeys[1]);
    expect(await messages()).toHaveLength(2);
    expect(actionKeys.size).toBe(0);
  });
});
