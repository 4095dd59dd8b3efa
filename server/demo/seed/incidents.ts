import type { Queryable } from '../../db/db.js';
import type { NewEvent } from '../../events/log.js';
import { zeroCounts, type IncidentCounts } from '../../../shared/domain/suppression.js';
import { monthOf } from '../../features/incidents/incidents.service.js';
import { releaseDue } from '../../features/incidents/releases.js';
import { releaseDueAt } from '../../../shared/domain/releases.js';
import { INCIDENT_SEEDS } from '../data.js';

export const HOUR = 3_600_000;

/**
 * Build counts from a type breakdown and shares for the others, so every breakdown sums to the
 * total. The demo seed and the tests (tests/helpers/factories.ts) build incident rows with it.
 */
export function buildIncidentCounts(
  byType: Partial<IncidentCounts['byType']>,
  sex: [number, number],
  age: [number, number, number, number],
  setting: [number, number, number, number],
  within72h = 0,
): IncidentCounts {
  const c = zeroCounts();
  c.byType = { ...c.byType, ...byType };
  c.total = Object.values(c.byType).reduce((a, b) => a + b, 0);
  c.bySex = { female: sex[0], male: sex[1] };
  c.byAge = { '0-11': age[0], '12-17': age[1], '18-59': age[2], '60+': age[3] };
  c.bySetting = {
    home: setting[0],
    evacuation_site: setting[1],
    public_space: setting[2],
    other: setting[3],
  };
  c.within72h = within72h;
  return c;
}

/**
 * Incident reports for the weeks of Typhoon Yagi (September 2024, weekly reports counting in their
 * month) and the month before, both already released (incident figures are released, not streamed),
 * so the choropleth and the summary show data. The periods are fixed, not anchored to now like the
 * rest of the demo: figures for the current month could not be shown until a release.
 */
export async function seedIncidents(
  q: Queryable,
  ids: Record<string, string>,
  delayDays: number,
): Promise<NewEvent[]> {
  // Small counts on purpose: labels (<5), hidden breakdowns (total under 5), hidden age (under 10),
  // complements. The weekly reports count in September; the others are August's.
  for (const r of INCIDENT_SEEDS) {
    const c = buildIncidentCounts(r.byType, r.sex, r.age, r.setting, r.within72h);
    await q.query(
      'INSERT INTO incident_reports (period, month, province_code, reporting_org_id, counts) VALUES ($1, $2, $3, $4, $5::jsonb)',
      [r.period, monthOf(r.period), r.provinceCode, ids[r.org]!, JSON.stringify(c)],
    );
  }
  // The two releases as they would have run: August's, then September's.
  const events: NewEvent[] = [];
  for (const m of ['2024-08', '2024-09'])
    events.push(...(await releaseDue(q, releaseDueAt(m, delayDays), delayDays)).events);
  return events;
}
