import {
  addCounts,
  INCIDENT_NOTE,
  resolveThresholds,
  suppressedSum,
  zeroCounts,
  type IncidentCounts,
} from '../../../shared/domain/suppression.js';
import type { IncidentReportCreate, IncidentSummary } from '../../../shared/schemas/incidents.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db/db.js';
import type { Audience, Viewer } from '../../auth/viewer.js';
import { inScope } from '../../auth/viewer.js';
import type { Idempotency } from '../../events/writer.js';
import type { NewEvent } from '../../events/log.js';
import { stableId } from '../../db/records.js';
import { badField, forbidden } from '../../http/errors.js';
import { audit } from './audit.js';
import { presentIncidentCell, readsIncidents, type RawIncidentCell } from './incidents.presenter.js';

/** Suppression thresholds in force: the floor of SPEC 2.4 (configuration may only raise them). */
export const THRESHOLDS = resolveThresholds();

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

/** Raw cells summed over reports, keyed by province and month. */
async function rawCells(q: Queryable, where = 'TRUE', params: unknown[] = []): Promise<RawIncidentCell[]> {
  const { rows } = await q.query<{ province_code: string; month: string; counts: IncidentCounts }>(
    `SELECT province_code, month, counts FROM incident_reports WHERE ${where} ORDER BY month, province_code`,
    params,
  );
  const cells = new Map<string, RawIncidentCell>();
  for (const r of rows) {
    const key = `${r.province_code}|${r.month}`;
    const c = cells.get(key) ?? {
      provinceCode: r.province_code,
      month: r.month,
      counts: zeroCounts(),
      thresholds: THRESHOLDS,
    };
    c.counts = addCounts(c.counts, r.counts);
    cells.set(key, c);
  }
  return [...cells.values()];
}

/** The suppressed summary for an audience allowed it (null otherwise), optionally filtered. */
export async function summaryFor(
  q: Queryable,
  a: Audience,
  f: { province?: string | undefined; from?: string | undefined; to?: string | undefined } = {},
): Promise<IncidentSummary | null> {
  if (!readsIncidents(a)) return null;
  const all = await rawCells(q);
  const inRange = (m: string) => (!f.from || m >= f.from) && (!f.to || m <= f.to);
  const cells = all
    .filter((c) => inRange(c.month) && (!f.province || c.provinceCode === f.province))
    .map((c) => presentIncidentCell(c, a))
    .filter((c) => c !== null);
  // National figures are sums over every province, exact only where no province is labelled.
  const months = [...new Set(all.map((c) => c.month))].filter(inRange).sort();
  const national = months.map((month) => ({
    month,
    total: suppressedSum(
      all.filter((c) => c.month === month).map((c) => c.counts.total),
      THRESHOLDS,
    ),
  }));
  return { cells, national, thresholds: THRESHOLDS, note: INCIDENT_NOTE };
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
  const out = await summaryFor(ctx.db, viewer, f);
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
  if (viewer.role !== 'gbv_coordinator') throw forbidden('Only GBV coordinators enter incident counts.');
  if (!ctx.areas.province(input.provinceCode)) throw badField('provinceCode', 'unknown province code');
  if (!inScope(viewer, input.provinceCode)) throw forbidden('This province is outside your scope.');
  if (input.communeCode) {
    const c = ctx.areas.commune(input.communeCode);
    if (!c) throw badField('communeCode', 'unknown commune code');
    if (c.parentCode !== input.provinceCode)
      throw badField('communeCode', `commune ${input.communeCode} is not in province ${input.provinceCode}`);
  }
  const month = monthOf(input.period);
  return ctx.writer.write(viewer, idem, async (q) => {
    const { rows } = await q.query<{ id: string; created_at: Date }>(
      'INSERT INTO incident_reports (period, month, province_code, commune_code, reporting_org_id, counts, created_by) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING id, created_at',
      [
        input.period,
        month,
        input.provinceCode,
        input.communeCode ?? null,
        viewer.orgId,
        JSON.stringify(input.counts),
        viewer.userId,
      ],
    );
    await audit(q, viewer, 'write', 'incident-reports', {
      province: input.provinceCode,
      period: input.period,
    });
    const [cell] = await rawCells(q, 'province_code = $1 AND month = $2', [input.provinceCode, month]);
    const events: NewEvent[] = [
      {
        type: 'incident:summary-changed',
        entity: 'incident-cell',
        entityId: stableId(`incident-cell:${input.provinceCode}:${month}`),
        data: cell,
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
