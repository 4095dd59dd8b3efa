import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server.js';
import { login, type ApiClient } from '../../helpers/client.js';
import { passwordProblem } from '../../../server/auth/passwordPolicy.js';

const WEAK = ['12345678', 'password', '        ', 'password1234', 'aaaaaaaaaaaa', 'qwertyuiop12', 'short'];
const STRONG = 'violet-harbour-lantern-42';

describe('passwordProblem', () => {
  it.each(WEAK)('refuses %j', (p) => expect(passwordProblem(p)).not.toBeNull());
  it('refuses a password built from the user name', () =>
    expect(passwordProblem('nguyenthilan2024', ['nguyenthilan', 'Nguyễn Thị Lan'])).not.toBeNull());
  it.each([STRONG, 'Lũ về Hạ Long 2024!', 'correct horse battery'])('accepts %j', (p) =>
    expect(passwordProblem(p)).toBeNull(),
  );
});

describe('setting a password', () => {
  let srv: TestServer;
  let admin: ApiClient;
  let orgId: string;
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
    orgId = (await admin.get<{ orgId: string }>('/api/me')).body.data!.orgId;
  });
  afterAll(async () => srv?.stop());

  const create = (username: string, password: string) =>
    admin.send('POST', '/api/users', { username, displayName: 'Test user', password, role: 'viewer', orgId });

  it.each(WEAK)('POST /api/users refuses %j with a 400 naming password', async (password) => {
    const r = await create(`weak-${WEAK.indexOf(password)}`, password);
    expect(r.status).toBe(400);
    expect(r.body.error?.issues?.map((i) => i.path)).toEqual(['password']);
  });

  it('POST /api/users accepts a strong password, which then signs in', async () => {
    expect((await create('strong.user', STRONG)).status).toBe(201);
    expect((await login(srv.url, 'strong.user', STRONG)).cookie).toMatch(/=/);
  });

  it('the demo users keep the password demo: sign-in never applies the policy', async () => {
    expect((await login(srv.url, 'viewer', 'demo')).cookie).toMatch(/=/);
  });
});

describe('npm run admin:create', () => {
  const root = path.resolve(import.meta.dirname, '..', '..', '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sho-cli-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const run = (password: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/createAdmin.ts', '--username', 'alice'], {
      cwd: root,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, DEMO: '0', ADMIN_PASSWORD: password },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('refuses a common password, naming the field', () => {
    const r = run('password1234');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^password: /m);
  }, 60_000);
  it('creates the admin with a strong one', () => {
    const r = run(STRONG);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Admin alice created.');
  }, 60_000);
});
