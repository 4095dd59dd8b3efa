import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../server/db/db.js';
import { createLogger } from '../../../server/logger.js';
import { startServer } from '../../helpers/server.js';
import { login } from '../../helpers/client.js';
import { runScript } from '../../helpers/script.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';

/** Run `npm run demo:reset` (the same script) on a data folder. */
const runReset = (env: Record<string, string>) =>
  // Never the test run's own DATABASE_URL: the script drops the schema of the database it is given.
  runScript('server/cli/demoReset.ts', [], {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...env,
  });

/** issue 11: the replay starts from the demo's seeded state, and `npm run demo:reset` restores it. */
describe('npm run demo:reset', { timeout: 180_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sho-reset-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const read = async () => {
    const db = await openDb({ databaseUrl: undefined, dataDir: dir }, createLogger('silent'));
    try {
      const shelters = await db.query<{ name: string; occupancy: number }>(
        'SELECT name, occupancy FROM shelters ORDER BY name',
      );
      const events = await db.query<{ n: string }>('SELECT count(*) AS n FROM events');
      return { shelters: shelters.rows, events: Number(events.rows[0]!.n) };
    } finally {
      await db.close();
    }
  };

  it('refuses a server that does not run the demo, and restores the seeded picture of one that does', async () => {
    // A demo server seeds; then the picture moves through the API (as a replay moves it).
    const srv = await startServer({ storage: 'pglite', config: { dataDir: dir } });
    let first: Shelter;
    try {
      const ops = await login(srv.url, 'ops');
      first = (await ops.get<Shelter[]>('/api/shelters')).body.data!.find((s) => s.status === 'open')!;
      const r = await ops.send('PATCH', `/api/shelters/${first.id}`, {
        version: first.version,
        occupancy: first.occupancy + 77,
      });
      expect(r.status).toBe(200);
    } finally {
      // Not srv.stop(): that would remove the data folder this test resets.
      await srv.app.close();
    }
    const moved = await read();
    expect(moved.shelters.find((s) => s.name === first.name)!.occupancy).toBe(first.occupancy + 77);

    const refused = await runReset({ DATA_DIR: dir, DEMO: '0', LOG_LEVEL: 'silent' });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('does not run the demo');
    expect(await read()).toEqual(moved);

    const reset = await runReset({ DATA_DIR: dir, DEMO: '1', LOG_LEVEL: 'silent' });
    expect(reset.err).toBe('');
    expect(reset.code).toBe(0);
    expect(reset.out).toContain('Demo restored');
    const restored = await read();
    expect(restored.events).toBeLessThan(moved.events);
    expect(restored.shelters.find((s) => s.name === first.name)!.occupancy).toBe(first.occupancy);
    expect(restored.shelters.map((s) => s.name)).toEqual(moved.shelters.map((s) => s.name));
  });
});
