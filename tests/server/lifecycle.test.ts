import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from '../helpers/server.js';
import { login } from '../helpers/client.js';
import type { Shelter } from '../../shared/schemas/shelters.js';

describe('process lifecycle', { timeout: 120_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sho-life-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports live and ready, then on SIGTERM finishes the writes in flight and exits 0', async () => {
    const srv = await spawnServer({ DATA_DIR: dir });
    expect(await (await fetch(`${srv.url}/healthz`)).json()).toEqual({ ok: true, data: { status: 'live' } });
    const ready = await fetch(`${srv.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ data: { database: true, bus: true } });

    const ops = await login(srv.url, 'ops');
    const shelters = (await ops.get<Shelter[]>('/api/shelters')).body.data!.slice(0, 8);
    // Fire eight writes and signal the process while they are in flight.
    const writes = shelters.map((s, i) =>
      ops.send('PATCH', `/api/shelters/${s.id}`, { version: s.version, households: 900 + i }),
    );
    await new Promise((r) => setTimeout(r, 5));
    const exited = srv.stop('SIGTERM');
    const results = await Promise.allSettled(writes);
    expect(await exited).toBe(0);
    // A write either completed (200) or was never accepted (connection refused): none half-done.
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : 'refused'));
    expect(statuses.every((s) => s === 200 || s === 'refused')).toBe(true);

    const again = await spawnServer({ DATA_DIR: dir });
    try {
      const ops2 = await login(again.url, 'ops');
      const after = (await ops2.get<Shelter[]>('/api/shelters')).body.data!;
      shelters.forEach((s, i) => {
        const now = after.find((x) => x.id === s.id)!;
        if (statuses[i] === 200) expect(now.households).toBe(900 + i);
        else expect(now.households).toBe(s.households);
      });
      const events = (
        await ops2.get<{ events: { seq: number }[]; head: number }>('/api/events?after=0&limit=1000')
      ).body.data!;
      expect(events.events.map((e) => e.seq)).toEqual(Array.from({ length: events.head }, (_, i) => i + 1));
    } finally {
      await again.stop();
    }
  });
});
