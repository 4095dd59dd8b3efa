import type { Queryable } from '../../db/db.js';
import { recordEvent, type NewEvent } from '../../events/log.js';
import type { RiskAlert } from '../../../shared/schemas/alerts.js';
import { alertTable } from '../../features/alerts/alerts.repo.js';
import { demoId } from '../ids.js';

export const HOUR = 3_600_000;

/** Yagi's track, observed then forecast, relative to the landfall time. */
function yagiTrack(landfall: number) {
  const pt = (h: number, lat: number, lon: number, windForce: number) => ({
    at: new Date(landfall + h * HOUR).toISOString(),
    lat,
    lon,
    kind: h <= 0 ? ('observed' as const) : ('forecast' as const),
    windForce,
  });
  return [
    pt(-96, 16.4, 121.6, 10),
    pt(-72, 18.5, 117.9, 13),
    pt(-48, 19.4, 113.8, 16),
    pt(-24, 19.9, 110.2, 16),
    pt(-12, 20.6, 108.6, 15),
    pt(0, 20.95, 107.1, 14),
    pt(6, 21.2, 106.2, 11),
    pt(12, 21.5, 105.3, 8),
    pt(24, 21.9, 104.2, 6),
  ];
}

/** Risk alerts along the storm's timeline. */
export async function seedAlerts(q: Queryable, landfall: number, now: number): Promise<NewEvent[]> {
  const iso = (t: number) => new Date(t).toISOString();
  const track = yagiTrack(landfall);
  const storm = {
    name: 'Yagi (simulated)',
    position: { lat: 21.5, lon: 105.3, at: iso(now) },
    track,
    landfallAt: iso(landfall),
  };
  type A = Omit<RiskAlert, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'updatedBy' | 'orgId'>;
  const ring = (pts: [number, number][]) => ({ type: 'Polygon' as const, coordinates: [[...pts, pts[0]!]] });
  const alerts: [string, A][] = [
    [
      'td',
      {
        hazard: 'tropical_depression',
        level: 3,
        title:
          'Áp thấp nhiệt đới trên Biển Đông (mô phỏng) / Tropical depression in the South China Sea (simulated)',
        provinceCodes: [],
        communeCodes: [],
        polygon: ring([
          [112, 16],
          [120, 16],
          [120, 21],
          [112, 21],
        ]),
        storm: null,
        validFrom: iso(landfall - 110 * HOUR),
        validTo: iso(landfall - 60 * HOUR),
        status: 'cancelled',
        issuer: 'National hydro-meteorological forecasting (simulated)',
        bulletinNumber: 'ATNĐ-01',
        simulated: true,
      },
    ],
    [
      'storm',
      {
        hazard: 'storm',
        level: 4,
        title:
          'Bão số 3 (Yagi) đổ bộ Quảng Ninh – Hải Phòng (mô phỏng) / Storm No. 3 (Yagi) landfall in Quang Ninh and Hai Phong (simulated)',
        provinceCodes: ['22', '31'],
        communeCodes: [],
        polygon: ring([
          [105.6, 20.3],
          [108.2, 20.3],
          [108.2, 21.8],
          [105.6, 21.8],
        ]),
        storm,
        validFrom: iso(landfall - 72 * HOUR),
        validTo: iso(now + 6 * HOUR),
        status: 'updated',
        issuer: 'National hydro-meteorological forecasting (simulated)',
        bulletinNumber: 'BÃO-03/27',
        simulated: true,
      },
    ],
    [
      'surge',
      {
        hazard: 'storm_surge',
        level: 4,
        title:
          'Nước dâng do bão ven biển Quảng Ninh – Hải Phòng (mô phỏng) / Storm surge on the Quang Ninh–Hai Phong coast (simulated)',
        provinceCodes: ['22', '31'],
        communeCodes: [],
        polygon: null,
        storm: null,
        validFrom: iso(landfall - 12 * HOUR),
        validTo: iso(landfall + 6 * HOUR),
        status: 'expired',
        issuer: 'National hydro-meteorological forecasting (simulated)',
        bulletinNumber: 'ND-03/05',
        simulated: true,
      },
    ],
    [
      'rain',
      {
        hazard: 'heavy_rain',
        level: 3,
        title: 'Mưa lớn diện rộng Bắc Bộ (mô phỏng) / Widespread heavy rain in the north (simulated)',
        provinceCodes: ['15', '01', '25'],
        communeCodes: [],
        polygon: null,
        storm: null,
        validFrom: iso(landfall),
        validTo: iso(now + 48 * HOUR),
        status: 'active',
        issuer: 'National hydro-meteorological forecasting (simulated)',
        bulletinNumber: 'MƯA-09/12',
        simulated: true,
      },
    ],
    [
      'flash',
      {
        hazard: 'flash_flood',
        level: 3,
        title:
          'Lũ quét, sạt lở đất vùng núi Lào Cai (mô phỏng) / Flash floods and landslides in Lao Cai’s mountains (simulated)',
        provinceCodes: [],
        communeCodes: ['03082', '02683'],
        polygon: ring([
          [103.7, 21.8],
          [104.6, 21.8],
          [104.6, 22.6],
          [103.7, 22.6],
        ]),
        storm: null,
        validFrom: iso(now - 6 * HOUR),
        validTo: iso(now + 30 * HOUR),
        status: 'active',
        issuer: 'Lao Cai Civil Defence Command (simulated)',
        bulletinNumber: 'LQ-LC/04',
        simulated: true,
      },
    ],
    [
      'redriver',
      {
        hazard: 'flood',
        level: 2,
        title: 'Lũ sông Hồng tại Hà Nội (mô phỏng) / Red River flood at Ha Noi (simulated)',
        provinceCodes: ['01'],
        communeCodes: [],
        polygon: null,
        storm: null,
        validFrom: iso(now + 24 * HOUR),
        validTo: iso(now + 96 * HOUR),
        status: 'forecast',
        issuer: 'National hydro-meteorological forecasting (simulated)',
        bulletinNumber: 'LŨ-SH/02',
        simulated: true,
      },
    ],
  ];
  const events: NewEvent[] = [];
  for (const [key, a] of alerts) {
    const r = await alertTable.insert(q, a, { userId: null, orgId: null, id: demoId(`alert:${key}`) });
    events.push(recordEvent('alert:created', r));
  }
  return events;
}
