import { describe, expect, it } from 'vitest';
import {
  applyIncidentChanges,
  fromSummary,
  lastReleasedAt,
  monthsOf,
  nationalTotals,
  shownMonth,
} from '../../../../client/src/features/incidents/incidentStore.js';
import {
  choroplethFill,
  incidentColour,
  SMALL_COLOUR,
} from '../../../../client/src/map/layers/incidentLayer.js';
import { buildCell } from '../../factories.js';

const note = { vi: 'vi', en: 'en' };
const thresholds = { cell: 5, breakdown: 5, child: 10 };

describe('incident aggregates on the client', () => {
  it('publishes a national total only when every province total is exact', () => {
    expect(nationalTotals({ a: buildCell('01', '2024-09', 12), b: buildCell('22', '2024-09', 7) })).toEqual([
      { month: '2024-09', total: 19 },
    ]);
    expect(
      nationalTotals({ a: buildCell('01', '2024-09', 12), b: buildCell('22', '2024-09', '<5') }),
    ).toEqual([{ month: '2024-09', total: null }]);
    expect(nationalTotals({ a: buildCell('01', '2024-09', null), b: buildCell('22', '2024-09', 7) })).toEqual(
      [{ month: '2024-09', total: null }],
    );
  });

  it('replaces a province and month on change and recomputes the national line', () => {
    const data = fromSummary({
      cells: [buildCell('01', '2024-09', 12), buildCell('22', '2024-09', 7)],
      national: [{ month: '2024-09', total: 19 }],
      thresholds,
      note,
    });
    const next = applyIncidentChanges(data, [
      {
        seq: 1,
        type: 'incident:summary-changed',
        data: buildCell('22', '2024-09', '<5'),
        at: '2024-09-07T00:00:00Z',
        by: { userId: null, orgId: null },
      },
    ]);
    expect(next.national).toEqual([{ month: '2024-09', total: null }]);
    expect(applyIncidentChanges(next, [{ seq: 2, type: 'hidden' }])).toBe(next);
    expect(
      monthsOf(
        fromSummary({
          cells: [buildCell('01', '2024-08', 5), buildCell('01', '2024-09', 5)],
          national: [],
          thresholds,
          note,
        }),
      ),
    ).toEqual(['2024-09', '2024-08']);
    expect(shownMonth(next, null)).toBe('2024-09');
    expect(shownMonth(null, '2024-09')).toBeNull();
  });

  it('applies released figures and says when they were released', () => {
    const data = fromSummary({
      cells: [buildCell('01', '2024-09', 12)],
      national: [{ month: '2024-09', total: 12 }],
      thresholds,
      note,
      nextReleaseAt: '2024-11-11T00:00:00.000Z',
    });
    expect(data.nextReleaseAt).toBe('2024-11-11T00:00:00.000Z');
    const next = applyIncidentChanges(data, [
      {
        seq: 3,
        type: 'incident:released',
        data: { ...buildCell('22', '2024-09', 9), releasedAt: '2024-12-01T10:00:00.000Z' },
        at: '2024-12-01T10:00:00.000Z',
        by: { userId: null, orgId: null },
      },
    ]);
    expect(next.national).toEqual([{ month: '2024-09', total: 21 }]);
    expect(lastReleasedAt(next)).toBe('2024-12-01T10:00:00.000Z');
    // A reader given no national line (province scope) does not get one built on the device either.
    expect(
      applyIncidentChanges({ ...data, national: [] }, [
        {
          seq: 4,
          type: 'incident:released',
          data: buildCell('22', '2024-08', 9),
          at: '2024-12-01T10:00:00.000Z',
          by: { userId: null, orgId: null },
        },
      ]).national,
    ).toEqual([]);
  });

  it('colours the choropleth by class, small counts pale, hidden and zero clear', () => {
    expect(incidentColour('<5')).toBe(SMALL_COLOUR);
    expect(incidentColour(null)).toMatch(/rgba\(0,0,0,0\)/);
    expect(incidentColour(0)).toMatch(/rgba\(0,0,0,0\)/);
    expect(incidentColour(25)).not.toBe(incidentColour(6));
    const data = fromSummary({
      cells: [buildCell('01', '2024-09', 25), buildCell('22', '2024-08', 7)],
      national: [],
      thresholds,
      note,
    });
    const fill = JSON.stringify(choroplethFill(data, '2024-09'));
    expect(fill).toContain('"01"');
    expect(fill).not.toContain('"22"');
    expect(choroplethFill(null, '2024-09')).toMatch(/rgba/);
  });
});
