import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../helpers/server.js';
import { login } from '../../../helpers/client.js';
import type { DemoInfo } from '../../../../shared/schemas/demo.js';
import type { Me } from '../../../../shared/schemas/auth.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';

const shelterBody = (name: string) => ({
  name,
  kind: 'school',
  provinceCode: '22',
  lat: 20.95,
  lon: 107.08,
  capacity: 100,
});
const clock = { scenario: 'Yagi', at: '2024-09-07T03:30:00.000Z' };

describe('/api/demo on a demo server', { timeout: 60_000 }, () => {
  let s: TestServer;
  beforeAll(async () => void (s = await startServer()));
  afterAll(async () => s?.stop());

  it('tells that it runs the demo, with no clock until a replay posts one', async () => {
    const r = await fetch(`${s.url}/api/demo`).then((x) => x.json() as Promise<{ data: DemoInfo }>);
    expect(r.data).toEqual({ demo: true, clock: null });
  });

  it('takes the clock from an operations officer only, naming a bad field', async () => {
    const gbv = await login(s.url, 'gbv');
    expect((await gbv.send('POST', '/api/demo/clock', clock)).status).toBe(403);
    const ops = await login(s.url, 'ops');
    const bad = await ops.send('POST', '/api/demo/clock', { scenario: 'Yagi', at: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('"at"');
    expect((await ops.send('POST', '/api/demo/clock', clock)).status).toBe(200);
    expect((await ops.get<DemoInfo>('/api/demo')).body.data).toEqual({ demo: true, clock });
  });

  it('labels simulated what demo users create, and not what another user creates', async () => {
    const ops = await login(s.url, 'ops');
    const made = await ops.send('POST', '/api/shelters', shelterBody('Trường mô phỏng A'));
    expect(made.status).toBe(201);
    expect((made.body as { data: Shelter }).data.simulated).toBe(true);
    const alert = await ops.send('POST', '/api/alerts', {
      hazard: 'flood',
      level: 3,
      title: 'Lũ mô phỏng',
      provinceCodes: ['22'],
      validFrom: new Date().toISOString(),
      validTo: new Date(Date.now() + 3_600_000).toISOString(),
      issuer: 'Test',
    });
    expect((alert.body as { data: RiskAlert }).data.simulated).toBe(true);

    const admin = await login(s.url, 'admin');
    const me = (await ops.get<Me>('/api/me')).body.data!;
    const u = await admin.send('POST', '/api/users', {
      username: 'real.officer',
      displayName: 'Real officer',
      password: 'a long and unusual passphrase 7',
      role: 'ops_officer',
      orgId: me.orgId,
    });
    expect(u.status).toBe(201);
    const real = await login(s.url, 'real.officer', 'a long and unusual passphrase 7');
    const theirs = await real.send('POST', '/api/shelters', shelterBody('Trường thật B'));
    expect((theirs.body as { data: Shelter }).data.simulated).toBe(false);
  });
});

describe('/api/demo on a server without the demo', { timeout: 60_000 }, () => {
  let s: TestServer;
  beforeAll(async () => void (s = await startServer({ config: { demo: false } })));
  afterAll(async () => s?.stop());

  it('says so, and has no clock', async () => {
    const r = await fetch(`${s.url}/api/demo`).then((x) => x.json() as Promise<{ data: DemoInfo }>);
    expect(r.data).toEqual({ demo: false, clock: null });
  });
});
