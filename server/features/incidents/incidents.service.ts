import { INCIDENT_NOTE, type Shown } from '../../../shared/domain/suppression.js';
import { nextReleaseAt } from '../../../shared/domain/releases.js';
import type { IncidentReportCreate, IncidentSummary } from '../../../shared/schemas/incidents.js';
import type { Ctx } from '../../context.js';
import { all, json, qb } from '../../db/query.js';
import type { Queryable } from '../../db/db.js';
import type { Audience, Viewer } from '../../auth/viewer.js';
import { inScope } from '../../auth/viewer.js';
import { readsIncidents, reportsIncidents } from '../../../shared/domain/permissions.js';
import type { Idempotency } from '../../events/writer.js';
import type { NewEvent } from '../../events/log.js';
import { forbidden } from '../../http/errors.js';
import { audit, auditReportWritten } from './audit.js';
import { presentIncidentCell } from './incidents.presenter.js';
import { latestReleases } from './releases.js';
import { THRESHOLDS } from './thresholds.js';
import { checkPlace } from '../areas/places.js';

export { THRESHOLDS };

/** The month an ISO week counts in: the month of its Thursday, as ISO 8601 assigns weeks to years. */
export function monthOf(period: string): string {
  if (!period.includes('W')) return period;
  const [y, w] = period.split('-W').map(Number) as [number, number];
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const monday = new Date(
    jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + (w - 1) * 7 * 86_400_000,
  );
  const thursday = new Date(monday.getTime() + 3 * 86_400_000);
  return thursday.toISOString().slice(0, 7);
}

/**
 * The summary for an audience allowed it (null otherwise), optionally filtered: released figures
 * only, suppressed per reader, never the reports entered since. National totals go to
 * national-scope readers only: a province-scoped reader could subtract the provinces it sees from
 * a national total and recover an out-of-scope province, and any rule that checks which
 * provinces it could see and which it could not is easy to get wrong, so it gets none.
 */
export async function summaryFor(
  q: Queryable,
  a: Audience,
  delayDays: number,
  f: { province?: string | undefined; from?: string | undefined; to?: string | undefined } = {},
  now: Date = new Date(),
): Promise<IncidentSummary | null> {
  if (!readsIncidents(a)) return null;
  const released = await latestReleases(q);
  const inRange = (m: string) => (!f.from || m >= f.from) && (!f.to || m <= f.to);
  const shown = released.map((c) => presentIncidentCell(c, a)).filter((c) => c !== null);
  const cells = shown.filter((c) => inRange(c.month) && (!f.province || c.provinceCode === f.province));
  // Exact only where every province total is exact for this reader, or the sum minus the exact
  // parts would give a labelled or hidden one away.
  const months = [...new Set(shown.map((c) => c.month))].filter(inRange).sort();
  const national =
    a.scope === null
      ? months.map((month) => {
          const parts = shown.filter((c) => c.month === month).map((c) => c.counts.total);
          const total: Shown = parts.every((n) => typeof n === 'number')
            ? parts.reduce((x, y) => x + y, 0)
            : null;
          return { month, total };
        })
      : [];
  return {
    cells,
    national,
    thresholds: THRESHOLDS,
    note: INCIDENT_NOTE,
    nextReleaseAt: nextReleaseAt(now, delayDays).toISOString(),
  };
}

/** Only GBV coordinators and operations officers read incident aggregates. */
export function requireReader(viewer: Viewer): void {
  if (!readsIncidents(viewer))
    throw forbidden('Incident aggregates are for GBV coordinators and operations officers only.');
}

/** The GET /api/incidents/summary answer, audited. */
export async function summary(
  ctx: Ctx,
  viewer: Viewer,
  f: { province?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<IncidentSummary> {
  requireReader(viewer);
  if (f.province && !inScope(viewer, f.province)) throw forbidden('This province is outside your scope.');
  const out = await summaryFor(ctx.db, viewer, ctx.config.incidentRelease.delayDays, f);
  await audit(ctx.db, viewer, 'read', 'incidents.summary', {
    province: f.province ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    cells: out!.cells.length,
  });
  return out!;
}

/** Enter counts for one area and period: GBV coordinators within scope. The reporting organisation is kept but never shown. */
export async function report(
  ctx: Ctx,
  viewer: Viewer,
  input: IncidentReportCreate,
  idem: Idempotency | null,
) {
  if (!reportsIncidents(viewer)) throw forbidden('Only GBV coordinators enter incident counts.');
  // The province first, then scope, then the commune: an out-of-scope province is a 403 whatever its commune.
  checkPlace(ctx.areas, input.provinceCode, null);
  if (!reportsIncidents(viewer, input.provinceCode)) throw forbidden('This province is outside your scope.');
  checkPlace(ctx.areas, input.provinceCode, input.communeCode);
  const month = monthOf(input.period);
  return ctx.writer.write(viewer, idem, async (q) => {
    const rows = await all(
      q,
      qb
        .insertInto('incident_reports')
        .values({
          period: input.period,
          month,
          province_code: input.provinceCode,
          commune_code: input.communeCode ?? null,
          reporting_org_id: viewer.orgId,
          counts: json(input.counts),
          created_by: viewer.userId,
        })
        .returning(['id', 'created_at']),
    );
    // The audit row says a report was written, never who wrote it or where (SPEC 2.7); see audit.ts.
    await auditReportWritten(q);
    // A report changes nothing any reader sees until a release (SPEC 2.4): its event carries no
    // figures and is a placeholder for every reader, the reporter's own sockets included.
    const events: NewEvent[] = [
      {
        type: 'incident:reported',
        entity: 'incident-report',
        entityId: rows[0]!.id,
        data: {},
        changes: null,
      },
    ];
    return {
      status: 201,
      body: {
        id: rows[0]!.id,
        period: input.period,
        month,
        provinceCode: input.provinceCode,
        createdAt: rows[0]!.created_at.toISOString(),
      },
      events,
    };
  });
}
