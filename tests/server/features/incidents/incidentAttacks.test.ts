import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../../../shared/events.js';
import type { IncidentCell, IncidentSummary } from '../../../../shared/schemas/incidents.js';
import { zeroCounts, type IncidentCounts } from '../../../../shared/domain/suppression.js';
import { releaseIncidents } from '../../../../server/features/incidents/releases.js';
import { startServer, type TestServer } from '../../../helpers/server.js';
import { connectSocket, connected, login, ReplicaClient, type ApiClient } from '../../../helpers/client.js';
import { waitFor } from '../../../helpers/net.js';
import { SUPPRESSED_SMALL } from '../../../helpers/factories.js';

/**
 * Finding 4 of issue 7, as an insider would attack it: before/after one report, padding by a
 * second coordinator, the within-72-hours complement, and national minus own province. Each
 * reader collects every incident figure it can get (summary, snapshot, /api/events, socket
 * pushes) over time and tries to work out a count from 1 to 4, knowing what its own
 * organisation reported. Every attack must fail.
 */

const PASSWORD = 'attack-test-long-passphrase-2024';

type Counts = IncidentCounts;
type Figures = Record<string, number | string | null>;

/** Counts with a single profile: n incidents of one type, sex, age band and setting. */
function profile(
  n: number,
  o: {
    type?: keyof Counts['byType'];
    sex?: keyof Counts['bySex'];
    age?: keyof Counts['byAge'];
    setting?: keyof Counts['bySetting'];
    within72h?: number;
  } = {},
): Counts {
  const c = zeroCounts();
  c.total = n;
  c.byType[o.type ?? 'physical_assault'] = n;
  c.bySex[o.sex ?? 'female'] = n;
  c.byAge[o.age ?? '18-59'] = n;
  c.bySetting[o.setting ?? 'home'] = n;
  c.within72h = o.within72h ?? n;
  return c;
}

/** Every figure of a shown cell by name, `later` (total - within72h) included when both are exact. */
function figures(c: IncidentCell): Figures {
  const out: Figures = { total: c.counts.total, within72h: c.counts.within72h };
  for (const k of ['byType', 'bySex', 'byAge', 'bySetting'] as const) {
    const b = c.counts[k];
    if (b) for (const [x, v] of Object.entries(b)) out[`${k}.${x}`] = v;
  }
  return out;
}

/** The same figures of raw counts (what an organisation knows it reported). */
function rawFigures(c: Counts): Record<string, number> {
  const out: Record<string, number> = { total: c.total, within72h: c.within72h };
  for (const k of ['byType', 'bySex', 'byAge', 'bySetting'] as const)
    for (const [x, v] of Object.entries(c[k])) out[`${k}.${x}`] = v;
  return out;
}

const small = (n: number) => n >= 1 && n <= 4;

interface Reader {
  name: string;
  api: ApiClient;
  orgId: string;
  scope: string[] | null;
  replica: ReplicaClient;
  /** Every observation of every cell, over time and over paths, with the reader's own part at that time. */
  seen: Map<string, { f: Figures; own: Record<string, number> }[]>;
  /** National totals seen, per month. */
  national: Map<string, (number | string | null)[]>;
}

describe('incident attacks (issue 7, finding 4): no count from 1 to 4 can be worked out', () => {
  let srv: TestServer;
  let admin: ApiClient;
  let gbv: ApiClient; // demo coordinator (UNFPA), the source of the small counts
  let startSeq = 0;
  const readers: Reader[] = [];
  /** What each organisation reported, per cell: the attackers know their own part. */
  const reported = new Map<string, Map<string, Counts>>();

  const report = async (
    who: ApiClient,
    orgId: string,
    period: string,
    provinceCode: string,
    counts: Counts,
  ) => {
    const res = await who.send<{ month: string }>('POST', '/api/incident-reports', {
      period,
      provinceCode,
      counts,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const key = `${provinceCode}|${res.body.data!.month}`;
    const mine = reported.get(orgId) ?? new Map<string, Counts>();
    const prev = mine.get(key);
    const sum = rawFigures(prev ?? zeroCounts());
    const add = rawFigures(counts);
    const next = zeroCounts();
    next.total = sum.total! + add.total!;
    next.within72h = sum.within72h! + add.within72h!;
    for (const k of ['byType', 'bySex', 'byAge', 'bySetting'] as const)
      for (const x of Object.keys(next[k]))
        (next[k] as Record<string, number>)[x] = sum[`${k}.${x}`]! + add[`${k}.${x}`]!;
    mine.set(key, next);
    reported.set(orgId, mine);
    const { rows } = await srv.app.ctx.db.query<{ seq: string }>('SELECT max(seq) AS seq FROM events');
    return Number(rows[0]!.seq);
  };

  /** Read everything a reader can get, over every path, and remember it. */
  const observe = async (r: Reader) => {
    const cells: IncidentCell[] = [];
    const summary = await r.api.get<IncidentSummary>('/api/incidents/summary');
    expect(summary.status).toBe(200);
    cells.push(...summary.body.data!.cells);
    const snap = await r.api.get<{ incidents: IncidentSummary }>('/api/snapshot');
    cells.push(...snap.body.data!.incidents.cells);
    const events = await r.api.get<{ events: Change[] }>(`/api/events?after=${startSeq}`);
    const visible = [...events.body.data!.events, ...r.replica.received];
    for (const c of visible) {
      if (c.type === 'hidden') continue;
      // No incident event names who did it.
      if (c.type.startsWith('incident:')) expect(c.by).toEqual({ userId: null, orgId: null });
      if (c.type === 'incident:released') cells.push(c.data);
      expect(c.type).not.toBe('incident:summary-changed');
      expect(c.type).not.toBe('incident:reported');
    }
    for (const c of cells) {
      expect(JSON.stringify(c)).not.toMatch(/contributions|orgId|reportingOrg|userId/);
      const key = `${c.provinceCode}|${c.month}`;
      const own = rawFigures(reported.get(r.orgId)?.get(key) ?? zeroCounts());
      r.seen.set(key, [...(r.seen.get(key) ?? []), { f: figures(c), own }]);
    }
    for (const n of [...summary.body.data!.national, ...snap.body.data!.incidents.national])
      r.national.set(n.month, [...(r.national.get(n.month) ?? []), n.total]);
    return {
      summary: summary.body.data!,
      snapshot: snap.body.data!.incidents,
      events: events.body.data!.events,
    };
  };

  /**
   * The attack: with everything seen and its own part known, can the reader pin a count from 1 to
   * 4 of what others reported? It tries each exact figure minus its own part, every difference of
   * a figure over time (minus what its own part did in between, which it knows), total minus
   * within72h, and the national total minus the provinces it sees.
   */
  const recovered = (r: Reader): string[] => {
    const found: string[] = [];
    const rest = (o: { f: Figures; own: Record<string, number> }, name: string) => {
      const v = o.f[name];
      return typeof v === 'number' ? v - (o.own[name] ?? 0) : null;
    };
    for (const [key, obs] of r.seen) {
      for (const o of obs) {
        for (const name of Object.keys(o.f)) {
          const n = rest(o, name);
          if (n !== null && small(n)) found.push(`${r.name} ${key} ${name}: ${n} after its own part`);
        }
        const [t, w] = [rest(o, 'total'), rest(o, 'within72h')];
        if (t !== null && w !== null && small(t - w)) found.push(`${r.name} ${key} later = ${t - w}`);
      }
      // Differencing over time: what others added between two observations.
      for (const a of obs)
        for (const b of obs)
          for (const name of Object.keys(b.f)) {
            const [u, v] = [rest(a, name), rest(b, name)];
            if (u !== null && v !== null && small(v - u))
              found.push(`${r.name} ${key} ${name}: ${u} -> ${v}`);
          }
    }
    for (const [month, totals] of r.national) {
      for (const t of totals) {
        if (typeof t !== 'number') continue;
        const inScope = [...r.seen.entries()].filter(([k]) => k.endsWith(`|${month}`));
        const exact = inScope.map(([, obs]) => obs.at(-1)!.f.total);
        // Labelled provinces count as their smallest and largest possible values.
        const lo = exact.reduce<number>((x, y) => x + (typeof y === 'number' ? y : y === null ? 0 : 1), 0);
        const hi = exact.reduce<number>((x, y) => x + (typeof y === 'number' ? y : y === null ? 0 : 4), 0);
        for (const left of [t - lo, t - hi])
          if (small(left)) found.push(`${r.name} national ${month} minus provinces = ${left}`);
      }
    }
    return found;
  };

  const release = async () => {
    const before = (await srv.app.ctx.db.query<{ seq: string }>('SELECT max(seq) AS seq FROM events'))
      .rows[0]!.seq;
    const r = await releaseIncidents(srv.app.ctx, new Date());
    const head = Number(
      (await srv.app.ctx.db.query<{ seq: string }>('SELECT max(seq) AS seq FROM events')).rows[0]!.seq,
    );
    if (head > Number(before)) await waitFor(() => readers.every((x) => x.replica.lastSeq >= head), 10_000);
    return r;
  };

  const cellOf = async (r: Reader, key: string) => {
    const s = (await r.api.get<IncidentSummary>('/api/incidents/summary')).body.data!;
    return s.cells.find((c) => `${c.provinceCode}|${c.month}` === key) ?? null;
  };

  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
    gbv = await login(srv.url, 'gbv');
    const orgs = (await admin.get<{ id: string; acronym: string }[]>('/api/organisations')).body.data!;
    const org = (a: string) => orgs.find((o) => o.acronym === a)!.id;
    const mk = async (username: string, role: string, orgId: string, scope: string[] | null) => {
      const res = await admin.send('POST', '/api/users', {
        username,
        displayName: username,
        password: PASSWORD,
        role,
        orgId,
        scope,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return login(srv.url, username, PASSWORD);
    };
    startSeq = (await admin.get<{ seq: number }>('/api/snapshot')).body.data!.seq;
    const people: [string, ApiClient, string, string[] | null][] = [
      ['ops', await login(srv.url, 'ops'), org('VDDMA'), null],
      ['gbv2', await mk('gbv2', 'gbv_coordinator', org('PSN'), null), org('PSN'), null],
      ['ops-qn', await mk('opsqn', 'ops_officer', org('QN-CD'), ['22']), org('QN-CD'), ['22']],
    ];
    for (const [name, api, orgId, scope] of people) {
      const socket = connectSocket(srv.url, api.cookie);
      const replica = new ReplicaClient(socket, startSeq);
      await connected(socket);
      readers.push({ name, api, orgId, scope, replica, seen: new Map(), national: new Map() });
    }
    for (const r of readers) await observe(r);
  }, 120_000);

  afterAll(async () => {
    for (const r of readers) r.replica.socket.disconnect();
    await srv?.stop();
  });

  const gbvOrg = async () => (await gbv.get<{ orgId: string }>('/api/me')).body.data!.orgId;

  it('(a) before/after one report: nothing changes until a release, and the release does not show it', async () => {
    const [ops, gbv2] = [readers[0]!, readers[1]!];
    const before = await Promise.all([observe(ops), observe(gbv2)]);
    const reporterSocket = connectSocket(srv.url, gbv.cookie);
    const reporterSeen: Change[] = [];
    reporterSocket.on('change', (c) => reporterSeen.push(c));
    await connected(reporterSocket);
    // One incident with a full profile, into Quang Ninh's released September (14 incidents).
    const seq = await report(
      gbv,
      await gbvOrg(),
      '2024-W37',
      '22',
      profile(1, { type: 'rape', age: '12-17', setting: 'evacuation_site', within72h: 1 }),
    );
    await waitFor(
      () => readers.every((r) => r.replica.lastSeq >= seq) && reporterSeen.some((c) => c.seq === seq),
    );
    // Every reader, the reporter's own socket included, gets the seq and nothing else.
    for (const c of [...readers.flatMap((r) => r.replica.received), ...reporterSeen].filter(
      (c) => c.seq === seq,
    ))
      expect(c).toEqual({ seq, type: 'hidden' });
    reporterSocket.disconnect();
    const after = await Promise.all([observe(ops), observe(gbv2)]);
    for (const i of [0, 1]) {
      expect(after[i]!.summary.cells).toEqual(before[i]!.summary.cells);
      expect(after[i]!.snapshot.cells).toEqual(before[i]!.snapshot.cells);
      expect(after[i]!.events.find((c) => c.seq === seq)).toEqual({ seq, type: 'hidden' });
    }
    // The next release: one incident moves every figure it touches by 1, so the figures stand.
    await release();
    const released = await Promise.all([observe(ops), observe(gbv2)]);
    for (const i of [0, 1]) expect(released[i]!.summary.cells).toEqual(before[i]!.summary.cells);
    // One incident into a period never released: released as a small count, no profile.
    const seq2 = await report(
      gbv,
      await gbvOrg(),
      '2024-07',
      '40',
      profile(1, { type: 'rape', age: '0-11' }),
    );
    await waitFor(() => readers.every((r) => r.replica.lastSeq >= seq2));
    await release();
    for (const r of [ops, gbv2]) {
      await observe(r);
      const c = await cellOf(r, '40|2024-07');
      expect(c?.counts).toEqual(SUPPRESSED_SMALL);
    }
    for (const r of readers) expect(recovered(r)).toEqual([]);
  });

  it('(b) padding: a second coordinator pads a <5 cell with 10 known counts and subtracts: the 2 stays hidden', async () => {
    const gbv2 = readers[1]!;
    // Two incidents from UNFPA, released as <5.
    await report(gbv, await gbvOrg(), '2024-06', '31', profile(2, { type: 'rape', within72h: 1 }));
    await release();
    expect((await cellOf(gbv2, '31|2024-06'))?.counts.total).toBe('<5');
    // Padding after the release, and padding before the first release of another cell.
    await report(gbv2.api, gbv2.orgId, '2024-06', '31', profile(10));
    await report(gbv, await gbvOrg(), '2024-03', '31', profile(2, { type: 'rape', within72h: 1 }));
    await report(gbv2.api, gbv2.orgId, '2024-03', '31', profile(10));
    await release();
    for (const r of readers) await observe(r);
    for (const key of ['31|2024-06', '31|2024-03']) {
      const c = await cellOf(gbv2, key);
      // Whatever it is shown, the total minus its own 10 never gives 2.
      expect(c).not.toBeNull();
      expect(typeof c!.counts.total === 'number' ? c!.counts.total - 10 : null).not.toBe(2);
    }
    // Padding again until a fold-in passes (11 more: every figure it moves moves by 11).
    await report(gbv2.api, gbv2.orgId, '2024-06', '31', profile(11));
    await release();
    for (const r of readers) await observe(r);
    const padded = await cellOf(gbv2, '31|2024-06');
    expect(padded!.counts.total).toBeNull();
    for (const r of readers) expect(recovered(r)).toEqual([]);
  });

  it('(c) the within-72-hours complement gives no small "reported later" count', async () => {
    // 12 incidents, 9 within 72 hours: 3 reported later.
    await report(gbv, await gbvOrg(), '2024-05', '15', profile(12, { within72h: 9 }));
    await release();
    for (const r of readers) await observe(r);
    for (const r of readers.filter((x) => x.scope === null)) {
      const c = await cellOf(r, '15|2024-05');
      expect(c!.counts.total).toBe(12);
      expect(c!.counts.within72h).toBeNull();
    }
    for (const r of readers) expect(recovered(r)).toEqual([]);
  });

  it('(d) national minus own province gives a province-scoped reader nothing', async () => {
    const opsQn = readers[2]!;
    // Quang Ninh 20, Hai Phong 3 (out of the reader's scope), in one month.
    await report(gbv, await gbvOrg(), '2024-04', '22', profile(20));
    await report(gbv, await gbvOrg(), '2024-04', '31', profile(3));
    await release();
    for (const r of readers) await observe(r);
    const s = (await opsQn.api.get<IncidentSummary>('/api/incidents/summary')).body.data!;
    expect(s.cells.every((c) => c.provinceCode === '22')).toBe(true);
    expect(s.national).toEqual([]);
    // Its socket got placeholders for the out-of-scope cell.
    const pushed = opsQn.replica.received.filter((c) => c.type === 'incident:released');
    expect(pushed.every((c) => c.type === 'incident:released' && c.data.provinceCode === '22')).toBe(true);
    expect(pushed.length).toBeGreaterThan(0);
    // A national reader gets no exact national total for that month either (Hai Phong is <5).
    const ops = (await readers[0]!.api.get<IncidentSummary>('/api/incidents/summary')).body.data!;
    expect(ops.national.find((n) => n.month === '2024-04')?.total).toBeNull();
    for (const r of readers) expect(recovered(r)).toEqual([]);
  });

  it('shows every reader the release times and nothing who reported', async () => {
    const s = (await readers[0]!.api.get<IncidentSummary>('/api/incidents/summary')).body.data!;
    expect(Date.parse(s.nextReleaseAt!)).toBeGreaterThan(Date.now());
    expect(s.cells.every((c) => !Number.isNaN(Date.parse(c.releasedAt)))).toBe(true);
    // The audit view: reads are recorded; report writes carry no user, organisation or place.
    const rows = (
      await admin.get<
        { action: string; resource: string; orgId: string | null; username: string | null; detail: object }[]
      >('/api/audit?limit=500')
    ).body.data!;
    const writes = rows.filter((r) => r.action === 'write');
    expect(writes.length).toBeGreaterThan(0);
    for (const w of writes) expect([w.orgId, w.username, w.detail]).toEqual([null, null, {}]);
    expect(new Set(rows.filter((r) => r.action === 'read').map((r) => r.resource))).toEqual(
      // Every path the attackers read through, socket pushes included, is recorded.
      new Set(['incidents.summary', 'snapshot.incidents', 'events.incidents', 'socket.push.incidents']),
    );
  });
});
