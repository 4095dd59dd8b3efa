import { addCounts, zeroCounts, type IncidentCounts } from '../../../shared/domain/suppression.js';
import { foldInAllowed, releaseDueAt, sameCounts } from '../../../shared/domain/releases.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db/db.js';
import { sql } from 'kysely';
import { all, first, qb } from '../../db/query.js';
import type { NewEvent } from '../../events/log.js';
import { stableId } from '../../db/records.js';
import type { ReleasedIncidentCell } from './incidents.presenter.js';
import { THRESHOLDS } from './thresholds.js';

// Held for the whole release transaction: two processes (or the timer and a test) never release at once.
const RELEASE_LOCK = 7304;

interface ReleaseRow {
  release_no: number;
  province_code: string;
  month: string;
  revision: number;
  counts: IncidentCounts;
  contributions: Record<string, IncidentCounts>;
  released_at: Date;
}

const toCell = (r: ReleaseRow): ReleasedIncidentCell => ({
  provinceCode: r.province_code,
  month: r.month,
  revision: r.revision,
  releaseNo: r.release_no,
  releasedAt: r.released_at.toISOString(),
  counts: r.counts,
  contributions: r.contributions,
  thresholds: THRESHOLDS,
});

/** The latest release of every province and month: the only incident figures any reader sees. */
export async function latestReleases(q: Queryable): Promise<ReleasedIncidentCell[]> {
  const rows = (await all(
    q,
    qb
      .selectFrom('incident_releases')
      .distinctOn(['province_code', 'month'])
      .selectAll()
      .orderBy('province_code')
      .orderBy('month')
      .orderBy('revision', 'desc'),
  )) as ReleaseRow[];
  return rows
    .map(toCell)
    .sort((a, b) => a.month.localeCompare(b.month) || a.provinceCode.localeCompare(b.provinceCode));
}

/** Every report summed by province and month, with each organisation's part. */
async function reportedCells(q: Queryable) {
  const rows = await all(
    q,
    qb
      .selectFrom('incident_reports')
      .select(['province_code', 'month', 'reporting_org_id', 'counts'])
      .$narrowType<{ counts: IncidentCounts }>()
      .orderBy('created_at')
      .orderBy('id'),
  );
  const cells = new Map<
    string,
    {
      provinceCode: string;
      month: string;
      counts: IncidentCounts;
      contributions: Record<string, IncidentCounts>;
    }
  >();
  for (const r of rows) {
    const key = `${r.province_code}|${r.month}`;
    const c = cells.get(key) ?? {
      provinceCode: r.province_code,
      month: r.month,
      counts: zeroCounts(),
      contributions: {},
    };
    c.counts = addCounts(c.counts, r.counts);
    c.contributions[r.reporting_org_id] = addCounts(
      c.contributions[r.reporting_org_id] ?? zeroCounts(),
      r.counts,
    );
    cells.set(key, c);
  }
  return [...cells.values()];
}

/**
 * Release what is due at `now`, inside the caller's transaction: every province and month whose
 * month closed at least the release delay ago and has reports. A cell not released yet is
 * released as it stands; a released cell gets a new revision only when later reports change it
 * and the fold-in rule allows it (shared/domain/releases.ts); otherwise its figures stand. One
 * `incident:released` event per cell released, each suppressed per reader by the projection.
 *
 * The release unit is the province-month, and a weekly report counts in the month of its Thursday
 * (monthOf). Weeks are not released on their own: figures are shown by month, and releasing each
 * week into its month would publish the month four or five times, each time one week apart, which
 * is exactly the differencing a release is meant to prevent.
 */
export async function releaseDue(
  q: Queryable,
  now: Date,
  delayDays: number,
): Promise<{ releaseNo: number | null; events: NewEvent[] }> {
  await all(q, sql`SELECT pg_advisory_xact_lock(${RELEASE_LOCK})`.compile(qb));
  const latest = new Map((await latestReleases(q)).map((c) => [`${c.provinceCode}|${c.month}`, c]));
  const due = (await reportedCells(q)).filter(
    (c) => releaseDueAt(c.month, delayDays).getTime() <= now.getTime(),
  );
  const toRelease = due.flatMap((c) => {
    const prev = latest.get(`${c.provinceCode}|${c.month}`);
    if (!prev) return [{ ...c, revision: 1 }];
    if (sameCounts(prev.counts, c.counts) || !foldInAllowed(prev, c, THRESHOLDS)) return [];
    return [{ ...c, revision: prev.revision + 1 }];
  });
  if (toRelease.length === 0) return { releaseNo: null, events: [] };
  const next = await first(
    q,
    qb.selectFrom('incident_releases').select(sql<number>`COALESCE(MAX(release_no), 0)::int + 1`.as('n')),
  );
  const releaseNo = Number(next!.n);
  const events: NewEvent[] = [];
  for (const c of toRelease) {
    const { rows: inserted } = await q.query<ReleaseRow>(
      `INSERT INTO incident_releases (release_no, province_code, month, revision, counts, contributions, released_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7) RETURNING *`,
      [
        releaseNo,
        c.provinceCode,
        c.month,
        c.revision,
        JSON.stringify(c.counts),
        JSON.stringify(c.contributions),
        now,
      ],
    );
    events.push({
      type: 'incident:released',
      entity: 'incident-cell',
      entityId: stableId(`incident-cell:${c.provinceCode}:${c.month}`),
      data: toCell(inserted[0]!),
      changes: null,
    });
  }
  return { releaseNo, events };
}

/** Run a release now (or at a test's fake `now`): one transaction, its events published after commit. */
export async function releaseIncidents(
  ctx: Ctx,
  now: Date = new Date(),
): Promise<{ releaseNo: number | null; cells: number }> {
  const out = await ctx.writer.write(null, null, async (q) => {
    const r = await releaseDue(q, now, ctx.config.incidentRelease.delayDays);
    return { status: 200, body: { releaseNo: r.releaseNo, cells: r.events.length }, events: r.events };
  });
  return out.body;
}

/** The release timer: a run at start, then one every few minutes; safe with several processes (advisory lock). */
export async function startIncidentReleases(ctx: Ctx): Promise<{ stop(): void }> {
  const run = () =>
    releaseIncidents(ctx).then(
      (r) => {
        if (r.releaseNo !== null)
          ctx.log.info({ releaseNo: r.releaseNo, cells: r.cells }, 'incident figures released');
      },
      (err: unknown) =>
        ctx.log.warn({ err: (err as Error).message }, 'incident release failed; retried on the next tick'),
    );
  await run();
  const timer = setInterval(() => void run(), ctx.config.incidentRelease.checkMinutes * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
