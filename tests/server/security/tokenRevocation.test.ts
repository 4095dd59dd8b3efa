import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../shared/schemas/auth.js';
import type { ApiTokenCreated } from '../../../shared/schemas/tokens.js';
import type { ServerProcess } from '../../helpers/server.js';
import { startTwoProcesses, type TwoProcesses } from '../../helpers/twoProcesses.js';
import { login, type ApiClient } from '../../helpers/client.js';

/** A revoked API token is refused at once on every process (issue 9, done-when), cache or not. */
describe('API token revocation on two processes sharing Redis and PostgreSQL', { timeout: 60_000 }, () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let procs: TwoProcesses | undefined;
  let admin: ApiClient;
  let orgId: string;

  beforeAll(async () => {
    procs = await startTwoProcesses({ together: true });
    ({ a, b } = procs);
    admin = await login(a.url, 'admin');
    orgId = (await admin.get<Organisation[]>('/api/organisations')).body.data![0]!.id;
  });
  afterAll(async () => {
    await procs?.stop();
  });

  const status = async (url: string, secret: string) =>
    (await fetch(`${url}/api/shelters`, { headers: { authorization: `Bearer ${secret}` } })).status;

  it('a token revoked on A is refused on B at once, though B had it cached', async () => {
    for (const body of [{ role: 'viewer' }, { purpose: 'export-reader' }]) {
      const created = await admin.send<ApiTokenCreated>('POST', '/api/tokens', {
        name: 'Two',
        orgId,
        ...body,
      });
      expect(created.status).toBe(201);
      const { id, secret } = created.body.data!;
      const path = body.purpose ? '/api/export/shelters.csv' : '/api/shelters';
      const use = async (url: string) =>
        (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${secret}` } })).status;
      // Both processes have seen (and cached) the token.
      expect([await use(a.url), await use(b.url)]).toEqual([200, 200]);
      expect((await admin.send('DELETE', `/api/tokens/${id}`)).status).toBe(200);
      expect([await use(b.url), await use(a.url)]).toEqual([401, 401]);
    }
    expect(await status(b.url, 'sho_nonsense')).toBe(401);
  });
});
