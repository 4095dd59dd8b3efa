import { describe, expect, it } from 'vitest';
import type { AdminArea } from '../../../shared/schemas/areas.js';
import type { RiskAlert } from '../../../shared/schemas/alerts.js';
import { alertBounds } from '../../../client/src/map/alertBounds.js';

const area = (code: string, lon: number, lat: number): AdminArea => ({
  code,
  level: 'province',
  nameVi: code,
  nameEn: code,
  parentCode: null,
  lat,
  lon,
});
const byCode = { '22': area('22', 107.1, 21.0), '31': area('31', 106.7, 20.8) };

describe('alertBounds', () => {
  it('boxes polygons by their points and provinces by their centre with a margin', () => {
    const polygon = {
      polygon: {
        type: 'Polygon',
        coordinates: [
          [
            [105, 19],
            [106, 19],
            [106, 20],
            [105, 19],
          ],
        ],
      },
      provinceCodes: ['31'],
    } as unknown as RiskAlert;
    const provinces = { polygon: null, provinceCodes: ['22', 'unknown'] } as unknown as RiskAlert;
    const b = alertBounds([polygon, provinces], byCode);
    expect(b).not.toBeNull();
    const [w, s, e, n] = b!;
    expect(w).toBeCloseTo(105);
    expect(s).toBeCloseTo(19);
    expect(e).toBeCloseTo(107.55);
    expect(n).toBeCloseTo(21.45);
  });

  it('is null when nothing is in force or no place is known', () => {
    expect(alertBounds([], byCode)).toBeNull();
    expect(
      alertBounds([{ polygon: null, provinceCodes: ['99'] } as unknown as RiskAlert], byCode),
    ).toBeNull();
  });
});
