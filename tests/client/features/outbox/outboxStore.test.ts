import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useOutboxStore } from '../../../../client/src/features/outbox/outboxStore.js';
import { useShelterStore } from '../../../../client/src/features/shelters/shelterStore.js';
import { buildShelter } from '../../../helpers/factories.js';

interface Call {
  method: string;
  url: string;
  key: string | null;
  body: unknown;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('outbox store', () => {
  let calls: Call[];
  let replies: (() => Response | Promise<Response>)[];

  beforeEach(() => {
    calls = [];
    replies = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      calls.push({
        method: init.method ?? 'GET',
        url,
        key: headers['Idempotency-Key'] ?? null,
        body: init.body ? JSON.parse(init.body as string) : undefined,
      });
      const next = replies.shift();
      return next ? Promise.resolve(next()) : Promise.reject(new TypeError('Failed to fetch'));
    });
    useShelterStore.getState().reset();
    void useOutboxStore.getState().open('user-1');
  });
  afterEach(() => {
    useOutboxStore.getState().close();
    vi.unstubAllGlobals();
  });

  it('keeps a write made offline and sends it once, with the same idempotency key, when the link returns', async () => {
    const s = buildShelter({ version: 3 });
    const body = { version: 3, occupancy: 40 };
    const first = await useOutboxStore
      .getState()
      .submit({ key: 'k-1', method: 'PATCH', path: `/api/shelters/${s.id}`, body, shelterId: s.id });
    expect(first).toEqual({ kind: 'queued' });
    expect(useOutboxStore.getState().entries).toHaveLength(1);

    replies.push(() => json(200, { ok: true, data: { ...s, version: 4, occupancy: 40 } }));
    await useOutboxStore.getState().flush();
    await useOutboxStore.getState().flush();

    expect(calls.map((c) => c.key)).toEqual(['k-1', 'k-1']);
    expect(
      calls.filter((c) => c.body !== undefined).every((c) => JSON.stringify(c.body) === JSON.stringify(body)),
    ).toBe(true);
    expect(useOutboxStore.getState().entries).toEqual([]);
    expect(useShelterStore.getState().byId[s.id]?.occupancy).toBe(40);
  });

  it('a second save while the first post is on the wire and then fails leaves one post, reported as replaced', async () => {
    const s = buildShelter({ version: 3 });
    const post = (key: string, body: Record<string, unknown>) =>
      useOutboxStore.getState().submit({
        key,
        method: 'PATCH',
        path: `/api/shelters/${s.id}`,
        body: { version: 3, ...body },
        shelterId: s.id,
        slot: `shelter-form:${s.id}`,
      });
    // The first post hangs on the wire until we let it fail.
    let fail!: () => void;
    replies.push(
      () =>
        new Promise<Response>((_, reject) => {
          fail = () => reject(new TypeError('Failed to fetch'));
        }),
    );
    const first = post('wire-1', { occupancy: 40 });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const second = post('wire-2', { occupancy: 41, status: 'full' });
    fail();
    expect(await first).toEqual({ kind: 'queued' });
    expect(await second).toEqual({ kind: 'queued', replaced: true });
    expect(useOutboxStore.getState().entries.map((e) => e.key)).toEqual(['wire-2']);
  });

  it('tells the form about a conflict and keeps the current record for it', async () => {
    const current = buildShelter({ version: 5 });
    replies.push(() => json(409, { ok: false, error: { code: 'conflict', message: 'stale', current } }));
    const r = await useOutboxStore.getState().submit({
      key: 'k-2',
      method: 'PATCH',
      path: `/api/shelters/${current.id}`,
      body: { version: 4, status: 'full' },
      shelterId: current.id,
    });
    expect(r).toEqual({ kind: 'conflict', current });
    expect(useOutboxStore.getState().entries[0]).toMatchObject({ state: 'conflict', current });
  });

  it('reports a refused write with the fields the server named', async () => {
    replies.push(() =>
      json(400, {
        ok: false,
        error: {
          code: 'bad_request',
          message: 'invalid',
          issues: [{ path: 'occupancy', message: 'too big' }],
        },
      }),
    );
    const r = await useOutboxStore.getState().submit({
      key: 'k-3',
      method: 'PATCH',
      path: '/api/shelters/x',
      body: { version: 1, occupancy: 1e9 },
      shelterId: 'x',
    });
    expect(r).toMatchObject({
      kind: 'refused',
      error: { code: 'bad_request', issues: [{ path: 'occupancy' }] },
    });
  });

  it('retries a 503 later rather than dropping it', async () => {
    replies.push(() => json(503, { ok: false, error: { code: 'unavailable', message: 'down' } }));
    const r = await useOutboxStore
      .getState()
      .submit({ key: 'k-4', method: 'POST', path: '/api/shelters', body: { name: 'x' }, shelterId: null });
    expect(r).toEqual({ kind: 'queued' });
    expect(useOutboxStore.getState().entries[0]).toMatchObject({ key: 'k-4', attempts: 1, state: 'pending' });
  });
});

describe('outbox store: two taps offline, and a link that comes back quietly', () => {
  let calls: { key: string | null; body: unknown }[];
  let online: boolean;
  let s: ReturnType<typeof buildShelter>;

  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    online = false;
    s = buildShelter({ version: 3 });
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      const body: unknown = init.body ? JSON.parse(init.body as string) : undefined;
      calls.push({ key: headers['Idempotency-Key'] ?? null, body });
      if (!online) return Promise.reject(new TypeError('Failed to fetch'));
      return Promise.resolve(json(200, { ok: true, data: { ...s, ...(body as object), version: 4 } }));
    });
    useShelterStore.getState().reset();
    void useOutboxStore.getState().open('user-2');
  });
  afterEach(() => {
    useOutboxStore.getState().close();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const save = (key: string, body: Record<string, unknown>) =>
    useOutboxStore.getState().submit({
      key,
      method: 'PATCH',
      path: `/api/shelters/${s.id}`,
      body,
      shelterId: s.id,
      slot: `shelter-form:${s.id}`,
    });

  it('tapping save twice offline keeps one post, holding the latest form, and sends it once', async () => {
    expect(await save('k-a', { version: 3, occupancy: 40 })).toEqual({ kind: 'queued' });
    expect(await save('k-b', { version: 3, occupancy: 41, status: 'full' })).toEqual({
      kind: 'queued',
      replaced: true,
    });
    const entries = useOutboxStore.getState().entries;
    expect(entries.map((e) => e.key)).toEqual(['k-b']);
    expect(entries[0]!.body).toEqual({ version: 3, occupancy: 41, status: 'full' });

    online = true;
    calls = [];
    await useOutboxStore.getState().flush();
    expect(calls).toEqual([{ key: 'k-b', body: { version: 3, occupancy: 41, status: 'full' } }]);
    expect(useOutboxStore.getState().entries).toEqual([]);
  });

  it('without an online event, a queued post is retried within a few seconds, not 30', async () => {
    await save('k-c', { version: 3, occupancy: 50 });
    expect(useOutboxStore.getState().retryAt).not.toBeNull();
    online = true;
    calls = [];
    await vi.advanceTimersByTimeAsync(2_100);
    expect(calls.map((c) => c.key)).toEqual(['k-c']);
    expect(useOutboxStore.getState().entries).toEqual([]);
    expect(useOutboxStore.getState().retryAt).toBeNull();
  });

  it('backs off while the link stays down, and stops once nothing waits', async () => {
    await save('k-d', { version: 3, occupancy: 60 });
    calls = [];
    await vi.advanceTimersByTimeAsync(2_000); // 2nd attempt
    await vi.advanceTimersByTimeAsync(4_000); // 3rd
    await vi.advanceTimersByTimeAsync(8_000); // 4th
    await vi.advanceTimersByTimeAsync(10_000); // 5th
    expect(calls).toHaveLength(4);
    online = true;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(5);
  });

  it('signing out stops the retries', async () => {
    await save('k-e', { version: 3, occupancy: 70 });
    useOutboxStore.getState().close();
    calls = [];
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toEqual([]);
  });
});
