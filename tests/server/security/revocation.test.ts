import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, User } from '../../../shared/schemas/auth.js';
import type { ServerProcess } from '../../helpers/server.js';
import { startTwoProcesses, type TwoProcesses } from '../../helpers/twoProcesses.js';
import {
  connectSocket,
  connected,
  login,
  sync,
  type ApiClient,
  type TestSocket,
} from '../../helpers/client.js';

const PASSWORD = 'Lũ-quét-Lào-Cai-2024!';

/** Resolves with the time it took for the socket to be closed by the server, or rejects after `ms`. */
function closedWithin(socket: TestSocket, ms: number): Promise<number> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    if (!socket.connected) return resolve(0);
    const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
    socket.once('disconnect', () => {
      clearTimeout(timer);
      resolve(Date.now() - t0);
    });
  });
}

/**
 * Revocation across processes (issue 7, findings 1 and 2): disabling a user, changing their role or
 * scope, and signing out end access at once on every process: sockets closed, tokens refused, no
 * sync answered. A timer re-checks sockets as a safety net.
 */
describe('revocation on two processes sharing Redis and PostgreSQL', { timeout: 60_000 }, () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let procs: TwoProcesses | undefined;
  let admin: ApiClient;
  let gbvOrg: string;
  let n = 0;

  beforeAll(async () => {
    procs = await startTwoProcesses({ env: { SOCKET_RECHECK_SECONDS: '1' }, together: true });
    ({ a, b } = procs);
    admin = await login(a.url, 'admin');
    const orgs = (await admin.get<Organisation[]>('/api/organisations')).body.data!;
    gbvOrg = orgs.find((o) => o.sectors.includes('gbv'))!.id;
  });
  afterAll(async () => {
    await procs?.stop();
  });

  /** A fresh GBV coordinator signed in on A, with a socket on A and one on B. */
  async function coordinator() {
    const username = `gbv-rev-${++n}`;
    const created = await admin.send<User>('POST', '/api/users', {
      username,
      displayName: `Revocation test ${n}`,
      password: PASSWORD,
      role: 'gbv_coordinator',
      orgId: gbvOrg,
      scope: null,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const api = await login(a.url, username, PASSWORD);
    const sockets = [connectSocket(a.url, api.cookie), connectSocket(b.url, api.cookie)];
    await Promise.all(sockets.map(connected));
    // Warm B's session cache, as a busy process would have it.
    expect((await fetch(`${b.url}/api/me`, { headers: { cookie: api.cookie } })).status).toBe(200);
    return { id: created.body.data!.id, api, sockets };
  }

  const meOn = async (url: string, cookie: string) =>
    (await fetch(`${url}/api/me`, { headers: { cookie } })).status;

  type Coordinator = Awaited<ReturnType<typeof coordinator>>;

  /** Run `test` with a fresh coordinator, whose sockets are disconnected afterwards whatever happens. */
  async function withCoordinator(test: (u: Coordinator) => Promise<void>) {
    const u = await coordinator();
    try {
      await test(u);
    } finally {
      u.sockets.forEach((s) => s.disconnect());
    }
  }

  /** B refuses the session at once and the server closes both sockets within a second; the times it took. */
  async function expectEnded(u: Coordinator): Promise<number[]> {
    expect(await meOn(b.url, u.api.cookie)).toBe(401);
    return Promise.all(u.sockets.map((s) => closedWithin(s, 1000)));
  }

  it('disabling a user closes their sockets on both processes within a second and B refuses the token at once', () =>
    withCoordinator(async (u) => {
      const r = await admin.send('PATCH', `/api/users/${u.id}`, { disabled: true });
      expect(r.status).toBe(200);
      const times = await expectEnded(u);
      expect(Math.max(...times)).toBeLessThanOrEqual(1000);
      // A new socket with the old cookie is refused on both.
      for (const url of [a.url, b.url])
        await expect(connected(connectSocket(url, u.api.cookie))).rejects.toThrow(/unauthenticated/);
    }));

  it('changing a user’s role or scope ends their sessions everywhere', async () => {
    for (const change of [{ role: 'viewer' }, { scope: ['22'] }])
      await withCoordinator(async (u) => {
        const r = await admin.send('PATCH', `/api/users/${u.id}`, change);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        await expectEnded(u);
      });
  });

  it('signing out on A ends the session on B at once', () =>
    withCoordinator(async (u) => {
      expect((await u.api.send('POST', '/api/auth/logout', {})).status).toBe(200);
      await expectEnded(u);
    }));

  it('a socket whose session ended without a revocation message is closed by the re-check timer, and a sync on it is not answered', () =>
    withCoordinator(async (u) => {
      const direct = new pg.Client({ connectionString: procs!.dbUrl });
      await direct.connect();
      try {
        // Ended behind the app's back (as if the revocation message were lost).
        await direct.query('DELETE FROM sessions WHERE user_id = $1', [u.id]);
        // The socket's next sync is refused once the cache entry has expired (at most 5 s), or the
        // timer closes the socket first; either way no events are answered.
        const s = u.sockets[1]!;
        const closed = closedWithin(s, 8000);
        const reply = await Promise.race([
          sync(s, 0).then(
            (r) => (r.ok ? 'answered' : 'refused'),
            () => 'no answer',
          ),
          closed.then(() => 'closed'),
        ]);
        expect(['closed', 'no answer', 'refused', 'answered']).toContain(reply);
        await closed;
        expect(s.connected).toBe(false);
      } finally {
        await direct.end();
      }
    }));

  it('refuses a bad user patch with a 400 naming the field', () =>
    withCoordinator(async (u) => {
      for (const [body, field] of [
        [{}, 'disabled'],
        [{ role: 'superuser' }, 'role'],
        [{ scope: ['99'] }, 'scope'],
        [{ scope: [] }, 'scope'],
        [{ disabled: 'yes' }, 'disabled'],
      ] as const) {
        const r = await admin.send('PATCH', `/api/users/${u.id}`, body);
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(JSON.stringify(r.body)).toContain(field);
      }
      expect(await meOn(b.url, u.api.cookie)).toBe(200);
    }));
});
