import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../../../shared/schemas/incidents.js';
import { MIN_THRESHOLDS, zeroCounts, type IncidentCounts } from '../../../../shared/domain/suppression.js';
import { appendEvents } from '../../../../server/events/log.js';
import { releaseIncidents } from '../../../../server/features/incidents/releases.js';
import { monthClosesAt } from '../../../../shared/domain/releases.js';
import { STORAGES } from '../../../helpers/db.js';
import { startServer, type TestServer } from '../../../helpers/server.js';
import { login, loginAll, type ApiClient } from '../../../helpers/client.js';
import { waitFor } from '../../../helpers/net.js';

function one(n: number): IncidentCounts {
  const c = zeroCounts();
  c.total = n;
  c.byType.physical_assault = n;
  c.bySex.female = n;
  c.byAge['18-59'] = n;
  c.bySetting.home = n;
  c.within72h = n;
  return c;
}

describe.each(STORAGES)('incident releases on %s', (storage) => {
  let srv: TestServer;
  let gbv: ApiClient;
  let ops: ApiClient;
  const cell = async (key: string) =>
    (await ops.get<IncidentSummary>('/api/incidents/summary')).body.data!.cells.find(
      (c) => `${c.provinceCode}|${c.month}` === key,
    ) ?? null;
  const revisions = async (province: string, month: string) =>
    (
      await srv.app.ctx.db.query<{ n: string }>(
        'SELECT count(*) AS n FROM incident_releases WHERE province_code = $1 AND month = $2',
        [province, month],
      )
    ).rows[0]!.n.toString();
  const send = (period: string, provinceCode: string, counts: IncidentCounts) =>
    gbv.send('POST', '/api/incident-reports', { period, provinceCode, counts });

  beforeAll(async () => {
    srv = await startServer({ storage });
    [gbv, ops] = await loginAll(srv.url, ['gbv', 'ops']);
  }, 120_000);
  afterAll(async () => {
    await srv?.stop();
  });

  it('seeds the Yagi weeks as released, with the release times shown', async () => {
    const s = (await ops.get<IncidentSummary>('/api/incidents/summary')).body.data!;
    const sept = s.cells.filter((c) => c.month === '2024-09');
    expect(sept.map((c) => c.provinceCode).sort()).toEqual(['01', '15', '22', '31', '38']);
    expect(sept.every((c) => c.releasedAt === '2024-10-08T00:00:00.000Z')).toBe(true);
    expect(s.cells.find((c) => c.provinceCode === '22' && c.month === '2024-09')?.counts.total).toBe(14);
    expect(Date.parse(s.nextReleaseAt!)).toBeGreaterThan(Date.now());
  });

  it('keeps released figures frozen: a later small report changes nothing, at once or at the next release', async () => {
    const before = await cell('22|2024-09');
    expect((await send('2024-W37', '22', one(3))).status).toBe(201);
    expect(await cell('22|2024-09')).toEqual(before);
    await releaseIncidents(srv.app.ctx);
    expect(await cell('22|2024-09')).toEqual(before);
    expect(await revisions('22', '2024-09')).toBe('1');
  });

  it('folds later reports in at a release once every figure they change moves by at least the threshold', async () => {
    // 3 + 8 = 11 more, each on figures of 10 or more: every changed figure moves by 11 and ends above 10.
    expect((await send('2024-09', '22', one(8))).status).toBe(201);
    expect((await cell('22|2024-09'))?.counts.total).toBe(14);
    const r = await releaseIncidents(srv.app.ctx);
    expect(r.cells).toBe(1);
    const after = await cell('22|2024-09');
    expect(after?.counts.total).toBe(25);
    expect(after?.counts.byType?.physical_assault).toBe(17);
    expect(Date.parse(after!.releasedAt)).toBeGreaterThan(Date.parse('2024-10-08T00:00:00Z'));
    expect(await revisions('22', '2024-09')).toBe('2');
  });

  it('releases closed periods only, after the delay, at the `now` it is given', async () => {
    const thisMonth = new Date().toISOString().slice(0, 7);
    expect((await send(thisMonth, '79', one(6))).status).toBe(201);
    await releaseIncidents(srv.app.ctx);
    expect(await cell(`79|${thisMonth}`)).toBeNull();
    // Six days after the month closes: not yet; seven: released.
    const closed = monthClosesAt(thisMonth).getTime();
    expect((await releaseIncidents(srv.app.ctx, new Date(closed + 6 * 86_400_000))).cells).toBe(0);
    expect((await releaseIncidents(srv.app.ctx, new Date(closed + 7 * 86_400_000))).cells).toBe(1);
    expect((await cell(`79|${thisMonth}`))?.counts.total).toBe(6);
  });

  it('shows streamed cells of old logs and old audit rows with nothing in them', async () => {
    // As a server from before releases wrote them: the raw cell on every report, and who wrote where.
    const [stored] = await appendEvents(
      srv.app.ctx.db,
      [
        {
          type: 'incident:summary-changed',
          entity: 'incident-cell',
          entityId: '00000000-0000-4000-8000-000000000001',
          data: { provinceCode: '22', month: '2024-09', counts: one(41), thresholds: MIN_THRESHOLDS },
          changes: null,
        },
      ],
      { userId: null, orgId: null },
    );
    const events = (await ops.get<{ events: unknown[] }>(`/api/events?after=${stored!.seq - 1}`)).body.data!;
    expect(events.events[0]).toEqual({ seq: stored!.seq, type: 'hidden' });
    await srv.app.ctx.db.query(
      `INSERT INTO audit_log (user_id, username, role, org_id, action, resource, detail)
       SELECT id, username, role, org_id, 'write', 'incident-reports', '{"province":"22","period":"2024-W37"}'::jsonb
         FROM users WHERE username = 'gbv'`,
    );
    const admin = await login(srv.url, 'admin');
    const rows = (
      await admin.get<{ action: string; username: string | null; orgId: string | null; detail: object }[]>(
        '/api/audit?limit=500',
      )
    ).body.data!;
    const writes = rows.filter((r) => r.action === 'write');
    expect(writes.length).toBeGreaterThan(1);
    for (const w of writes) expect([w.username, w.orgId, w.detail]).toEqual([null, null, {}]);
  });

  it('releases once when two releases run at the same time', async () => {
    expect((await send('2023-11', '01', one(7))).status).toBe(201);
    const runs = await Promise.all([releaseIncidents(srv.app.ctx), releaseIncidents(srv.app.ctx)]);
    expect(runs.map((r) => r.cells).sort()).toEqual([0, 1]);
    expect(await revisions('01', '2023-11')).toBe('1');
  });
});

describe('the release timer', () => {
  it('releases what is due without anyone calling it', async () => {
    const srv = await startServer({ config: { incidentRelease: { delayDays: 7, checkMinutes: 0.01 } } });
    try {
      const gbv = await login(srv.url, 'gbv');
      const res = await gbv.send('POST', '/api/incident-reports', {
        period: '2024-02',
        provinceCode: '22',
        counts: one(9),
      });
      expect(res.status).toBe(201);
      await waitFor(async () => {
        const s = (await gbv.get<IncidentSummary>('/api/incidents/summary')).body.data!;
        return s.cells.some((c) => c.provinceCode === '22' && c.month === '2024-02');
      }, 10_000);
    } finally {
      await srv.stop();
    }
  });
});
