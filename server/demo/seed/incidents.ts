import type { Queryable } from '../../db/db.js';
import type { NewEvent } from '../../events/log.js';
import { zeroCounts, type IncidentCounts } from '../../../shared/domain/suppression.js';
import { monthOf } from '../../features/incidents/incidents.service.js';
import { releaseDue } from '../../features/incidents/releases.js';
import { releaseDueAt } from '../../../shared/domain/releases.js';

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
  const month = (back: number) => (back === 0 ? '2024-09' : '2024-08');
  const weeks: Record<string, string> = {
    '22': '2024-W37',
    '31': '2024-W37',
    '15': '2024-W38',
    '01': '2024-W37',
    '38': '2024-W38',
  };
  // Small counts on purpose: labels (<5), hidden breakdowns (total under 5), hidden age (under 10), complements.
  const reports: [province: string, back: number, org: string, c: IncidentCounts][] = [
    [
      '22',
      0,
      'wu-qn',
      buildIncidentCounts(
        { rape: 2, sexual_assault: 1, physical_assault: 6, psychological_abuse: 5 },
        [13, 1],
        [1, 2, 10, 1],
        [6, 5, 2, 1],
        4,
      ),
    ],
    [
      '22',
      1,
      'wu-qn',
      buildIncidentCounts(
        { physical_assault: 5, psychological_abuse: 4 },
        [9, 0],
        [0, 1, 8, 0],
        [5, 4, 0, 0],
        2,
      ),
    ],
    [
      '31',
      0,
      'wu-hp',
      buildIncidentCounts(
        { physical_assault: 2, denial_of_resources: 1 },
        [3, 0],
        [0, 0, 3, 0],
        [2, 1, 0, 0],
        1,
      ),
    ],
    [
      '31',
      1,
      'wu-hp',
      buildIncidentCounts(
        { sexual_assault: 1, physical_assault: 7, psychological_abuse: 6 },
        [12, 2],
        [0, 1, 12, 1],
        [8, 4, 1, 1],
        5,
      ),
    ],
    [
      '15',
      0,
      'wu-lc',
      buildIncidentCounts(
        { rape: 1, physical_assault: 4, forced_marriage: 2 },
        [7, 0],
        [0, 3, 4, 0],
        [3, 3, 1, 0],
        2,
      ),
    ],
    [
      '15',
      1,
      'wu-lc',
      buildIncidentCounts(
        { physical_assault: 6, forced_marriage: 3, psychological_abuse: 3 },
        [11, 1],
        [1, 4, 7, 0],
        [7, 3, 0, 2],
        3,
      ),
    ],
    [
      '01',
      0,
      'unfpa',
      buildIncidentCounts(
        { rape: 3, sexual_assault: 4, physical_assault: 12, denial_of_resources: 5, psychological_abuse: 9 },
        [29, 4],
        [2, 5, 22, 4],
        [15, 8, 6, 4],
        11,
      ),
    ],
    ['38', 0, 'unfpa', buildIncidentCounts({ physical_assault: 4 }, [4, 0], [0, 0, 4, 0], [4, 0, 0, 0], 0)],
  ];
  for (const [provinceCode, back, org, c] of reports) {
    const period = back === 0 ? weeks[provinceCode]! : month(back);
    await q.query(
      'INSERT INTO incident_reports (period, month, province_code, reporting_org_id, counts) VALUES ($1, $2, $3, $4, $5::jsonb)',
      [period, monthOf(period), provinceCode, ids[org]!, JSON.stringify(c)],
    );
  }
  // The two releases as they would have run: August's, then September's.
  const events: NewEvent[] = [];
  for (const m of ['2024-08', '2024-09'])
    events.push(...(await releaseDue(q, releaseDueAt(m, delayDays), delayDays)).events);
  return events;
}
