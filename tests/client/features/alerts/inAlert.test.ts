import { describe, expect, it } from 'vitest';
import { ALERT_STATUSES } from '../../../../shared/enums.js';
import { alertInForce, alertsAt, alertsInForce } from '../../../../client/src/features/alerts/inAlert.js';
import { applyAlertChanges } from '../../../../client/src/features/alerts/alertStore.js';
import { indexById } from '../../../../client/src/lib/byId.js';
import { buildAlert } from '../../factories.js';

describe('alerts in force', () => {
  it('is in force only while active or updated and within its validity (6 to 9 September)', () => {
    const times: [string, boolean][] = [
      ['2024-09-05T00:00:00Z', false],
      ['2024-09-06T00:00:00Z', true],
      ['2024-09-07T12:00:00Z', true],
      ['2024-09-09T00:00:00Z', true],
      ['2024-09-10T00:00:00Z', false],
    ];
    for (const status of ALERT_STATUSES)
      for (const [t, within] of times) {
        const a = buildAlert({ status });
        expect(alertInForce(a, new Date(t))).toBe(within && (status === 'active' || status === 'updated'));
      }
  });

  it('flags a place by province, by commune, or by its position in the polygon, never a hidden position by polygon', () => {
    const now = new Date('2024-09-07T12:00:00Z');
    const byProvince = buildAlert({ level: 3 });
    const byPolygon = buildAlert({
      level: 5,
      provinceCodes: [],
      polygon: {
        type: 'Polygon',
        coordinates: [
          [
            [107, 20],
            [108, 20],
            [108, 21],
            [107, 21],
            [107, 20],
          ],
        ],
      },
    });
    const cancelled = buildAlert({ status: 'cancelled', provinceCodes: ['31'] });
    const inForce = alertsInForce(indexById([byProvince, byPolygon, cancelled]), now);
    expect(inForce.map((a) => a.level)).toEqual([5, 3]);
    const inside = { provinceCode: '31', communeCode: null, lat: 20.5, lon: 107.5 };
    expect(alertsAt(inside, inForce)).toEqual([byPolygon]);
    expect(alertsAt({ ...inside, lat: null, lon: null }, inForce)).toEqual([]);
    expect(alertsAt({ provinceCode: '22', communeCode: null, lat: null, lon: null }, inForce)).toEqual([
      byProvince,
    ]);
  });

  it('merges alert changes by version', () => {
    const a = buildAlert({ version: 2 });
    const out = applyAlertChanges(indexById([a]), [
      {
        seq: 1,
        type: 'alert:updated',
        data: { ...a, version: 1, status: 'cancelled' },
        at: a.createdAt,
        by: { userId: null, orgId: null },
      },
    ]);
    expect(out.byId[a.id]?.status).toBe('active');
  });
});
