import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../../../helpers/server.js';
import { startTwoProcesses, type TwoProcesses } from '../../../helpers/twoProcesses.js';
import { connectSocket, connected, login, ReplicaClient, type TestSocket } from '../../../helpers/client.js';
import { waitFor } from '../../../helpers/net.js';
import { ROOT, runScript, startScript } from '../../../helpers/script.js';
import type { DemoClock, DemoInfo } from '../../../../shared/schemas/demo.js';
import { ScenarioSchema } from '../../../../shared/schemas/scenario.js';
import { loadScenario, planSteps } from '../../../../scripts/replay/scenario.js';

/** A replayed record's row as the checks read it: its own columns and those every record has. */
type Replayed<T> = T & { id: string; status: string; simulated: boolean; version: number };

/** Run `npm run demo:replay` (the same script) and collect its exit code and output. */
const runReplay = (args: string[]) => runScript('scripts/replay.ts', args);

/** Titles of the records of one kind the Yagi scenario creates. */
function scenarioTitles(entity: string): string[] {
  const s = ScenarioSchema.parse(
    JSON.parse(fs.readFileSync(path.join(ROOT, 'scenarios', 'yagi-2024.json'), 'utf8')),
  );
  return s.steps.filter((x) => x.entity === entity && x.action === 'create').map((x) => String(x.body.title));
}

/** The latest data of each record a replica client applied, by id. */
function replicaState(r: ReplicaClient): Map<string, Record<string, unknown>> {
  const state = new Map<string, Record<string, unknown>>();
  for (const c of r.applied) {
    if (c.type === 'hidden') continue;
    const data = (c as { data?: { id?: string } }).data;
    if (data?.id && !c.type.startsWith('stock-totals') && !c.type.startsWith('gbv-alert'))
      state.set(data.id, data);
  }
  return state;
}

describe('demo:replay against two server processes', { timeout: 120_000 }, () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let procs: TwoProcesses | undefined;

  beforeAll(async () => {
    procs = await startTwoProcesses();
    ({ a, b } = procs);
  });
  afterAll(async () => {
    await procs?.stop();
  });

  it('plays a shortened Yagi timeline; a client on each process ends with the database state', async () => {
    const opsA = await login(a.url, 'ops');
    const opsB = await login(b.url, 'ops');
    const head = (await opsA.get<{ seq: number }>('/api/snapshot')).body.data!.seq;
    const sa: TestSocket = connectSocket(a.url, opsA.cookie);
    const sb: TestSocket = connectSocket(b.url, opsB.cookie);
    const clocks: DemoClock[] = [];
    sb.on('demo:clock', (c) => clocks.push(c));
    const ra = new ReplicaClient(sa, head);
    const rb = new ReplicaClient(sb, head);
    const sql = new pg.Client({ connectionString: procs!.dbUrl });
    await sql.connect();
    try {
      await Promise.all([connected(sa), connected(sb)]);
      // Up to 08/09: storm alerts issued and updated, shelters opening and filling, the hospital
      // limited and a health station closed, requests opened and moved.
      const run = await runReplay([
        '--url',
        a.url,
        '--speed',
        '500000',
        '--from',
        '2024-09-03',
        '--to',
        '2024-09-08',
      ]);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/Done: \d+ steps/);

      const dbHead = Number((await sql.query<{ n: string }>('SELECT max(seq) AS n FROM events')).rows[0]!.n);
      expect(dbHead).toBeGreaterThan(head + 20);
      await waitFor(() => ra.lastSeq === dbHead && rb.lastSeq === dbHead, 20_000);

      const shelters = (
        await sql.query<Replayed<{ name: string; occupancy: number }>>(
          `SELECT id, name, status, occupancy, simulated, version FROM shelters WHERE name LIKE '%Bình Minh, Cẩm Phả%' OR name = 'Tuan Chau Commune Hall'`,
        )
      ).rows;
      const alerts = (
        await sql.query<Replayed<{ title: string; level: number }>>(
          `SELECT id, title, status, level, simulated, version FROM risk_alerts WHERE issuer = 'NCHMF (replayed)'`,
        )
      ).rows;
      const requests = (
        await sql.query<Replayed<{ kind: string }>>(
          `SELECT id, kind, status, simulated, version FROM coordination_requests WHERE title = ANY($1)`,
          [scenarioTitles('request')],
        )
      ).rows;
      const services = (
        await sql.query<{ id: string; name: string; availability: { status: string }; version: number }>(
          `SELECT id, name, availability, version FROM service_points WHERE name IN ('Bai Chay Health Station', 'Quang Ninh General Hospital – one-stop crisis unit')`,
        )
      ).rows;

      // What the timeline did, as the database holds it.
      const camPha = shelters.find((s) => s.name.includes('Cẩm Phả'))!;
      expect(camPha).toMatchObject({ status: 'full', occupancy: 500, simulated: true });
      expect(shelters.find((s) => s.name === 'Tuan Chau Commune Hall')).toMatchObject({
        status: 'open',
        occupancy: 60,
      });
      expect(alerts.map((x) => [x.level, x.status, x.simulated]).sort()).toEqual(
        [
          [3, 'active', true], // over Hanoi
          [3, 'active', true], // heavy rain in the north-west
          [5, 'expired', true], // landfall
          [5, 'updated', true],
        ].sort(),
      );
      expect(Object.fromEntries(requests.map((r) => [r.kind, r.status]))).toEqual({
        dignity_kits: 'acknowledged',
        lighting: 'acknowledged',
        locks_partitions: 'acknowledged',
        female_staff: 'done',
      });
      expect(Object.fromEntries(services.map((s) => [s.name, s.availability.status]))).toEqual({
        'Bai Chay Health Station': 'closed',
        'Quang Ninh General Hospital – one-stop crisis unit': 'limited',
      });

      // Each process's client holds the same versions and values as the database.
      for (const r of [ra, rb]) {
        const state = replicaState(r);
        for (const row of [...shelters, ...alerts, ...requests, ...services]) {
          const seen = state.get(row.id);
          expect(seen?.version, row.id).toBe(row.version);
        }
        expect(state.get(camPha.id)).toMatchObject({ status: 'full', occupancy: 500, simulated: true });
        for (const x of alerts) expect(state.get(x.id)).toMatchObject({ status: x.status, level: x.level });
        for (const x of requests)
          expect(state.get(x.id)).toMatchObject({ status: x.status, simulated: true });
        for (const x of services)
          expect((state.get(x.id)!.availability as { status: string }).status).toBe(x.availability.status);
        // The socket saw the same stream on both processes.
        expect(r.applied.map((c) => c.seq)).toEqual(ra.applied.map((c) => c.seq));
      }

      // The scenario clock reached the ops screen on B and B's GET /api/demo.
      expect(clocks.length).toBeGreaterThan(0);
      const last = planSteps(
        loadScenario(path.join(ROOT, 'scenarios', 'yagi-2024.json')),
        undefined,
        '2024-09-08',
      ).at(-1)!;
      expect(clocks.at(-1)).toEqual({ scenario: 'Yagi', at: new Date(last.at).toISOString() });
      const info = (await opsB.get<DemoInfo>('/api/demo')).body.data!;
      expect(info).toEqual({ demo: true, clock: clocks.at(-1) });
    } finally {
      sa.disconnect();
      sb.disconnect();
      await sql.end();
    }
  });

  it('--loop on a kiosk plays pass after pass without listing its shelters and safe house again', async () => {
    // The case above already played these days once; two more passes of a loop follow.
    const run = startScript('scripts/replay.ts', [
      '--url',
      b.url,
      '--speed',
      '500000',
      '--from',
      '2024-09-03',
      '--to',
      '2024-09-10',
      '--loop',
    ]);
    try {
      await waitFor(
        () => (run.out.match(/Done: \d+ steps/g) ?? []).length >= 2 || run.proc.exitCode !== null,
        90_000,
      );
      expect(run.err).toBe('');
      expect(run.proc.exitCode).toBeNull();
    } finally {
      run.proc.kill('SIGTERM');
    }
    const sql = new pg.Client({ connectionString: procs!.dbUrl });
    await sql.connect();
    try {
      const places = await sql.query<{ name: string; n: number }>(
        `SELECT name, count(*)::int AS n FROM (
           SELECT name FROM shelters UNION ALL SELECT name FROM service_points) x
         WHERE name LIKE '%Cẩm Phả%' OR name LIKE '%Bảo Yên%' OR name LIKE '%Cỏ May%' GROUP BY name`,
      );
      // The Cam Pha school and the Bao Yen hall, and the Co May safe house listed on 10/09.
      expect(places.rows.length).toBe(3);
      for (const r of places.rows) expect(r, r.name).toMatchObject({ n: 1 });
      // Each pass still brought the shelter back to the timeline's state of its last day.
      const camPha = await sql.query<{ status: string }>(
        `SELECT status FROM shelters WHERE name LIKE '%Cẩm Phả%'`,
      );
      expect(camPha.rows.map((r) => r.status)).toEqual(['full']);
    } finally {
      await sql.end();
    }
  });

  it('refuses a server that does not run the demo, with exit code 2 and why', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sho-replay-'));
    const real = await spawnServer({ DEMO: '0', DATA_DIR: dir });
    try {
      const run = await runReplay(['--url', real.url, '--speed', '500000']);
      expect(run.code).toBe(2);
      expect(run.err).toContain('does not run the demo');
      expect(run.out).not.toContain('Done');
      const clock = await fetch(`${real.url}/api/demo`).then((r) => r.json() as Promise<{ data: DemoInfo }>);
      expect(clock.data).toEqual({ demo: false, clock: null });
    } finally {
      await real.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 naming the problem when the server is unreachable', async () => {
    const run = await runReplay(['--url', 'http://127.0.0.1:9', '--speed', '500000']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('Cannot reach the server');
  });
});
