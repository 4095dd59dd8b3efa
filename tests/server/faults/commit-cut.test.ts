import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/events.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { connectSocket, login, type ApiClient, type TestSocket } from '../../helpers/client.js';
import { buildIncidentCounts } from '../../helpers/factories.js';
import { waitFor } from '../../helpers/net.js';
import { checkLog, sleep, useProxiedPair } from './cluster.js';

type Reply = Awaited<ReturnType<ApiClient['send']>>;

interface Prepared {
  method: string;
  path: string;
  body: unknown;
  copies: () => Promise<number>;
}

/** One logical action of a client form: who sends what, and how many stored copies there are. */
interface FormAction {
  name: string;
  user: 'ops' | 'gbv' | 'admin';
  prepare(): Prepared | Promise<Prepared>;
}

// How long the database stays unreachable after the cut, and how long the server waits to learn
// the outcome before it answers outcome_unknown.
const DOWN_MS = 2000;
const SETTLE_MS = 400;

describe('fault: connection cut right after COMMIT', () => {
  // `a` goes through the proxy, `b` straight to PostgreSQL.
  const p = useProxiedPair({ envA: { WRITE_SETTLE_MS: String(SETTLE_MS) } });
  const users: Record<string, ApiClient> = {};
  const figures: Record<string, number> = {};

  /** Rows of a query on the test's own connection (id and version columns, as the checks need). */
  type Row = { id: string; version: number };
  const q = async (sql: string, params: unknown[] = []): Promise<Row[]> =>
    (await p.db.query<Row>(sql, params)).rows;
  const first = async (sql: string, params: unknown[] = []): Promise<Row> => (await q(sql, params))[0]!;
  /** The single value of a one-row, one-column query, as a number. */
  const one = async (sql: string, params: unknown[] = []): Promise<number> => {
    const { rows } = await p.db.query<Record<string, unknown>>(sql, params);
    return Number(Object.values(rows[0]!)[0]);
  };

  beforeAll(async () => {
    for (const u of ['ops', 'gbv', 'admin'] as const) users[u] = await login(p.a.url, u);
  });
  afterAll(() => console.log('commit-cut figures (ms):', JSON.stringify(figures)));

  // Each test starts with the app able to reach its database again (the pool has replaced the
  // connections the last outage broke).
  beforeEach(async () => {
    await waitFor(async () => !p.proxy.isDown && (await fetch(`${p.a.url}/readyz`)).status === 200, 10_000);
  });

  const send = (user: string, method: string, path: string, body: unknown, key: string): Promise<Reply> =>
    users[user]!.send(method, path, body, { 'Idempotency-Key': key });

  it('settles the outcome itself when the database answers again at once: the reply is the committed one', async () => {
    const ops = users.ops!;
    const s = (await ops.get<Shelter[]>('/api/shelters')).body.data![0]!;
    const key = randomUUID();
    const body = { version: s.version, occupancy: s.occupancy + 1 };
    const cut = p.proxy.cutNextCommit();
    const t0 = Date.now();
    const r = await send('ops', 'PATCH', `/api/shelters/${s.id}`, body, key);
    figures.selfSettledReplyMs = Date.now() - t0;
    await cut;
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((r.body.data as Shelter).version).toBe(s.version + 1);
    const again = await send('ops', 'PATCH', `/api/shelters/${s.id}`, body, key);
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual(r.body.data);
    expect(await one('SELECT version FROM shelters WHERE id = $1', [s.id])).toBe(s.version + 1);
  });

  it('answers outcome_unknown while it cannot tell, and the other process gets the committed event within a second of the database coming back', async () => {
    const ops = users.ops!;
    const viewer = await login(p.b.url, 'ops');
    const socket: TestSocket = connectSocket(p.b.url, viewer.cookie);
    const seen: Change[] = [];
    socket.on('change', (c) => seen.push(c));
    try {
      await waitFor(() => socket.connected, 10_000);
      const s = (await ops.get<Shelter[]>('/api/shelters')).body.data![1]!;
      const key = randomUUID();
      const body = { version: s.version, occupancy: s.occupancy + 2 };
      const cut = p.proxy.cutNextCommit({ downMs: DOWN_MS });
      const t0 = Date.now();
      const r = await send('ops', 'PATCH', `/api/shelters/${s.id}`, body, key);
      figures.outcomeUnknownReplyMs = Date.now() - t0;
      await cut;
      expect(r.status, JSON.stringify(r.body)).toBe(503);
      expect(r.body.error?.code).toBe('outcome_unknown');
      expect(r.body.error?.message).toMatch(/same Idempotency-Key/);
      expect(r.body.error?.message).not.toMatch(/Nothing was saved/);
      // It had committed.
      expect(await one('SELECT version FROM shelters WHERE id = $1', [s.id])).toBe(s.version + 1);

      const upAt = t0 + DOWN_MS;
      const isIt = (c: Change) =>
        c.type === 'shelter:updated' && c.data.id === s.id && c.data.version === s.version + 1;
      await waitFor(() => seen.some(isIt), 10_000, 10);
      figures.deliveredAfterDatabaseBackMs = Date.now() - upAt;
      expect(figures.deliveredAfterDatabaseBackMs).toBeLessThan(1000);

      // The other process reads PostgreSQL directly: its safety-net log poll can deliver the event
      // while the app's database is still unreachable. Retry once it is back (at once, no grace).
      await waitFor(() => !p.proxy.isDown, 10_000, 10);
      const retry = await send('ops', 'PATCH', `/api/shelters/${s.id}`, body, key);
      expect(retry.status, JSON.stringify(retry.body)).toBe(200);
      expect((retry.body.data as Shelter).version).toBe(s.version + 1);
      expect(await one('SELECT version FROM shelters WHERE id = $1', [s.id])).toBe(s.version + 1);
    } finally {
      socket.disconnect();
    }
  });

  it('says "Nothing was saved" only when the connection failed before COMMIT was sent', async () => {
    const ops = users.ops!;
    const s = (await ops.get<Shelter[]>('/api/shelters')).body.data![2]!;
    // Refuse every connection: the write cannot even begin.
    p.proxy.setDown(true);
    try {
      const r = await send(
        'ops',
        'PATCH',
        `/api/shelters/${s.id}`,
        { version: s.version, occupancy: 3 },
        randomUUID(),
      );
      expect(r.status).toBe(503);
      expect(r.body.error?.code).toBe('unavailable');
      expect(r.body.error?.message).toMatch(/Nothing was saved/);
    } finally {
      p.proxy.setDown(false);
    }
    expect(await one('SELECT version FROM shelters WHERE id = $1', [s.id])).toBe(s.version);
  });

  const now = Date.now();
  const tag = randomUUID().slice(0, 8);
  let requestId = '';
  let serviceId = '';

  /** A form that creates a record: one stored copy is one row of `table` whose `column` is `value`. */
  const creates = (
    name: string,
    user: FormAction['user'],
    [table, column, value]: readonly [string, string, string],
    request: () => { path: string; body: unknown } | Promise<{ path: string; body: unknown }>,
  ): FormAction => ({
    name,
    user,
    prepare: async () => ({
      method: 'POST',
      ...(await request()),
      copies: () => one(`SELECT count(*) FROM ${table} WHERE ${column} = $1`, [value]),
    }),
  });

  /** A form that changes the row `find` picks in `table`: one stored copy is one version more. */
  const updates = (
    name: string,
    user: FormAction['user'],
    table: string,
    find: () => Promise<Row>,
    request: (row: Row) => { method: string; path: string; body: unknown },
  ): FormAction => ({
    name,
    user,
    prepare: async () => {
      const row = await find();
      return {
        ...request(row),
        copies: async () => (await one(`SELECT version FROM ${table} WHERE id = $1`, [row.id])) - row.version,
      };
    },
  });

  const alertTitle = `Cut alert ${tag}`;
  const messageText = `Cut message ${tag}`;
  const orgName = `Cut org ${tag}`;
  const username = `cut${tag}`;

  // Every write of the client's forms (the shelter forms go through the outbox, covered above by the PATCH).
  const actions: FormAction[] = [
    creates('AlertForm: new risk alert', 'ops', ['risk_alerts', 'title', alertTitle], () => ({
      path: '/api/alerts',
      body: {
        hazard: 'flood',
        level: 2,
        title: alertTitle,
        provinceCodes: ['46'],
        communeCodes: [],
        polygon: null,
        storm: null,
        validFrom: new Date(now).toISOString(),
        validTo: new Date(now + 3_600_000).toISOString(),
        status: 'active',
        issuer: 'Test office',
        bulletinNumber: null,
      },
    })),
    updates(
      'AlertPanel: cancel an alert',
      'ops',
      'risk_alerts',
      () => first(`SELECT id, version FROM risk_alerts WHERE title = $1`, [alertTitle]),
      (row) => ({
        method: 'PATCH',
        path: `/api/alerts/${row.id}`,
        body: { version: row.version, status: 'cancelled' },
      }),
    ),
    {
      name: 'RequestForm: new request',
      user: 'gbv',
      prepare: () => {
        const title = `Cut request ${tag}`;
        return {
          method: 'POST',
          path: '/api/requests',
          body: { kind: 'lighting', title, toSector: 'shelter', provinceCode: '46', priority: 'routine' },
          copies: async () => {
            const rows = await q('SELECT id FROM coordination_requests WHERE title = $1', [title]);
            requestId = rows[0]?.id ?? '';
            return rows.length;
          },
        };
      },
    },
    creates('RequestPanel: thread message', 'gbv', ['request_messages', 'text', messageText], () => ({
      path: `/api/requests/${requestId}/messages`,
      body: { text: messageText },
    })),
    updates(
      'RequestPanel: status move',
      'gbv',
      'coordination_requests',
      () => first('SELECT id, version FROM coordination_requests WHERE id = $1', [requestId]),
      (row) => ({
        method: 'PATCH',
        path: `/api/requests/${row.id}`,
        body: { version: row.version, status: 'cancelled' },
      }),
    ),
    {
      name: 'AvailabilityForm: service availability',
      user: 'gbv',
      prepare: async () => {
        const created = await users.gbv!.send<{ id: string; version: number }>('POST', '/api/services', {
          name: `Cut clinic ${tag}`,
          types: ['health_cmr'],
          provinceCode: '46',
          lat: 16.46,
          lon: 107.59,
        });
        serviceId = created.body.data!.id;
        const version = created.body.data!.version;
        const before = await one('SELECT count(*) FROM service_availability WHERE service_id = $1', [
          serviceId,
        ]);
        return {
          method: 'POST',
          path: `/api/services/${serviceId}/availability`,
          body: { version, status: 'limited', reasons: ['overwhelmed'], note: 'Cut test' },
          copies: async () =>
            (await one('SELECT count(*) FROM service_availability WHERE service_id = $1', [serviceId])) -
            before,
        };
      },
    },
    {
      name: 'IncidentForm: incident aggregate',
      user: 'gbv',
      prepare: () =>
        Promise.resolve({
          method: 'POST',
          path: '/api/incident-reports',
          body: {
            period: '2024-W40',
            provinceCode: '22',
            counts: buildIncidentCounts({ physical_assault: 2 }, [2, 0], [0, 0, 2, 0], [2, 0, 0, 0], 1),
          },
          copies: () =>
            one(`SELECT count(*) FROM incident_reports WHERE period = '2024-W40' AND province_code = '22'`),
        }),
    },
    updates(
      'GbvAlertBanner: acknowledge',
      'gbv',
      'gbv_alerts',
      () => first(`SELECT id, version FROM gbv_alerts WHERE status = 'open' ORDER BY id LIMIT 1`),
      (row) => ({
        method: 'POST',
        path: `/api/gbv-alerts/${row.id}/acknowledge`,
        body: { version: row.version },
      }),
    ),
    creates('AdminScreen: new organisation', 'admin', ['organisations', 'name', orgName], () => ({
      path: '/api/organisations',
      body: { name: orgName, acronym: null, kind: 'ngo', sectors: [] },
    })),
    creates('AdminScreen: new user', 'admin', ['users', 'username', username], async () => {
      const org = await first('SELECT id FROM organisations ORDER BY name LIMIT 1');
      return {
        path: '/api/users',
        body: {
          username,
          displayName: 'Cut user',
          password: 'Vịnh-Hạ-Long-ngập-lụt-2024!',
          role: 'viewer',
          orgId: org.id,
          scope: null,
        },
      };
    }),
  ];

  it.each(actions.map((x) => [x.name, x] as const))(
    '%s: outcome_unknown first, the same-key retry gets the stored reply, one stored copy',
    async (_name, action) => {
      await waitFor(() => !p.proxy.isDown, 5000);
      const { method, path, body, copies } = await action.prepare();
      const key = randomUUID();
      const cut = p.proxy.cutNextCommit({ downMs: 800 });
      const first = await send(action.user, method, path, body, key);
      expect(first.status, JSON.stringify(first.body)).toBe(503);
      await cut;
      expect(first.body.error?.code).toBe('outcome_unknown');
      expect(await copies()).toBe(1);
      // The form sends the same action again (same key) until it is answered.
      let retry: Reply;
      const deadline = Date.now() + 10_000;
      do {
        await sleep(200);
        retry = await send(action.user, method, path, body, key);
      } while (retry.status === 503 && Date.now() < deadline);
      expect(retry.status, JSON.stringify(retry.body)).toBeLessThan(300);
      expect(retry.body.ok).toBe(true);
      // A third attempt changes nothing either.
      const third = await send(action.user, method, path, body, key);
      expect(third.body.data).toEqual(retry.body.data);
      expect(await copies()).toBe(1);
    },
  );

  it('left a consistent log', async () => {
    await checkLog(p.pg.url);
    expect(p.proxy.cuts).toBe(2 + actions.length);
  });
});
