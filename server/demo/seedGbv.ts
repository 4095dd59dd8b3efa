import type { Ctx } from '../context.js';
import type { Queryable } from '../db/db.js';
import type { NewEvent } from '../events/log.js';
import type { Availability, Stock } from '../../shared/schemas/services.js';
import type { ServiceType } from '../../shared/enums.js';
import type { RiskAlert } from '../../shared/schemas/alerts.js';
import type { CoordinationRequest } from '../../shared/schemas/requests.js';
import { zeroCounts, type IncidentCounts } from '../../shared/domain/suppression.js';
import { insertOrganisation } from '../features/organisations/organisations.repo.js';
import { insertAvailability } from '../features/services/services.repo.js';
import { repoOf, stockTotals } from '../features/services/services.service.js';
import { criticalConditions } from '../features/gbvAlerts/gbvAlerts.service.js';
import { gbvAlertTable } from '../features/gbvAlerts/gbvAlerts.repo.js';
import { alertTable } from '../features/alerts/alerts.repo.js';
import { requestTable, insertMessage } from '../features/requests/requests.repo.js';
import { monthOf } from '../features/incidents/incidents.service.js';
import { releaseDue } from '../features/incidents/releases.js';
import { releaseDueAt } from '../../shared/domain/releases.js';
import { stableId } from '../db/records.js';
import { demoId } from './ids.js';

/** Organisations the GBV demo adds to the core ones (invented, labelled simulated). */
const GBV_ORGS = [
  {
    key: 'hp-hosp',
    name: 'Hai Phong Women and Children Hospital (simulated)',
    acronym: 'HPWCH',
    kind: 'health_facility',
    sectors: ['health', 'gbv'],
  },
  {
    key: 'lc-hosp',
    name: 'Lao Cai Provincial Hospital (simulated)',
    acronym: 'LCPH',
    kind: 'health_facility',
    sectors: ['health', 'gbv'],
  },
  {
    key: 'hn-hosp',
    name: 'Ha Noi Obstetrics Centre (simulated)',
    acronym: 'HNOC',
    kind: 'health_facility',
    sectors: ['health', 'gbv'],
  },
  {
    key: 'wu-lc',
    name: 'Women’s Union, Lao Cai (simulated)',
    acronym: 'VWU-LC',
    kind: 'mass_organisation',
    sectors: ['gbv'],
  },
  {
    key: 'wu-hp',
    name: 'Women’s Union, Hai Phong (simulated)',
    acronym: 'VWU-HP',
    kind: 'mass_organisation',
    sectors: ['gbv', 'child_protection'],
  },
  {
    key: 'police-qn',
    name: 'Quang Ninh Provincial Police (simulated)',
    acronym: 'QN-PC',
    kind: 'police',
    sectors: ['gbv'],
  },
  {
    key: 'legal-aid',
    name: 'State Legal Aid Centre, North (simulated)',
    acronym: 'SLAC',
    kind: 'legal_aid',
    sectors: ['gbv'],
  },
  {
    key: 'pss-ngo',
    name: 'Psychosocial Support Network (simulated)',
    acronym: 'PSN',
    kind: 'ngo',
    sectors: ['gbv', 'child_protection'],
  },
] as const;

type Svc = [
  name: string,
  org: string,
  types: ServiceType[],
  province: string,
  commune: string | null,
  vis: 'exact' | 'commune' | 'hidden',
  lat: number | null,
  lon: number | null,
  status: Availability['status'],
  stock: Stock | null,
  hoursAgo: number,
  open24h: boolean,
];

const ok = (quantity: number) => ({ quantity, level: 'ok' as const });
const low = (quantity: number) => ({ quantity, level: 'low' as const });
const out = { quantity: 0, level: 'out' as const };

// Safe houses carry invented names and no stored position shown to anyone but GBV coordinators and their provider.
const SERVICES: Svc[] = [
  [
    'Quang Ninh General Hospital – one-stop crisis unit',
    'qn-hosp',
    ['health_cmr', 'health_srh'],
    '22',
    '06688',
    'exact',
    20.9532,
    107.0903,
    'open',
    { pep_courses: ok(24), emergency_contraception: ok(40), post_rape_kits: ok(15) },
    2,
    true,
  ],
  [
    'Bai Chay Health Station',
    'qn-hosp',
    ['health_cmr', 'health_srh'],
    '22',
    '06673',
    'exact',
    20.9585,
    107.0402,
    'limited',
    { pep_courses: low(3), emergency_contraception: ok(12), post_rape_kits: low(2) },
    5,
    false,
  ],
  [
    'Cam Pha Regional Hospital',
    'qn-hosp',
    ['health_cmr'],
    '22',
    '06793',
    'exact',
    21.0102,
    107.2788,
    'open',
    { pep_courses: ok(10), emergency_contraception: low(4), post_rape_kits: ok(6) },
    8,
    true,
  ],
  [
    'Hoa Sen Safe House',
    'qn-hosp',
    ['safe_house'],
    '22',
    '06685',
    'hidden',
    20.9561,
    107.0899,
    'open',
    null,
    6,
    true,
  ],
  [
    'Binh Minh Safe House',
    'wu-qn',
    ['safe_house', 'case_management'],
    '22',
    null,
    'hidden',
    21.0199,
    107.3011,
    'limited',
    null,
    10,
    true,
  ],
  [
    'Women’s Union Quang Ninh case management',
    'wu-qn',
    ['case_management', 'psychosocial'],
    '22',
    '06688',
    'exact',
    20.9512,
    107.0811,
    'open',
    null,
    3,
    false,
  ],
  [
    'Ha Long women and girls safe space',
    'wu-qn',
    ['women_girls_safe_space', 'dignity_kits'],
    '22',
    '06688',
    'commune',
    20.9577,
    107.0755,
    'open',
    { dignity_kits: ok(180) },
    4,
    false,
  ],
  [
    'Quang Ninh police family-violence desk',
    'police-qn',
    ['police'],
    '22',
    '06688',
    'exact',
    20.9498,
    107.0862,
    'open',
    null,
    12,
    true,
  ],
  [
    'Van Don mobile psychosocial team',
    'pss-ngo',
    ['psychosocial'],
    '22',
    '06994',
    'commune',
    21.0648,
    107.4202,
    'mobile_only',
    null,
    20,
    false,
  ],
  [
    'Hai Phong Women and Children Hospital',
    'hp-hosp',
    ['health_cmr', 'health_srh'],
    '31',
    '11383',
    'exact',
    20.846,
    106.688,
    'open',
    { pep_courses: ok(18), emergency_contraception: ok(30), post_rape_kits: ok(9) },
    3,
    true,
  ],
  [
    'Do Son Health Station',
    'hp-hosp',
    ['health_cmr'],
    '31',
    '11455',
    'exact',
    20.719,
    106.7801,
    'closed',
    { pep_courses: out, emergency_contraception: low(2), post_rape_kits: out },
    9,
    false,
  ],
  [
    'Cat Hai Health Station',
    'hp-hosp',
    ['health_srh'],
    '31',
    '11914',
    'exact',
    20.8032,
    107.004,
    'limited',
    null,
    16,
    false,
  ],
  [
    'An Lac Safe House',
    'wu-hp',
    ['safe_house'],
    '31',
    '11560',
    'hidden',
    20.8901,
    106.6902,
    'open',
    null,
    7,
    true,
  ],
  [
    'Women’s Union Hai Phong child protection',
    'wu-hp',
    ['child_protection', 'case_management'],
    '31',
    '11443',
    'exact',
    20.8205,
    106.6401,
    'open',
    null,
    5,
    false,
  ],
  [
    'Thuy Nguyen dignity kit point',
    'wu-hp',
    ['dignity_kits'],
    '31',
    '11560',
    'commune',
    20.887,
    106.685,
    'limited',
    { dignity_kits: low(25) },
    30,
    false,
  ],
  [
    'Legal aid clinic, Hai Phong',
    'legal-aid',
    ['legal_aid'],
    '31',
    '11383',
    'exact',
    20.8431,
    106.6821,
    'open',
    null,
    14,
    false,
  ],
  [
    'Lao Cai Provincial Hospital – crisis unit',
    'lc-hosp',
    ['health_cmr', 'health_srh'],
    '15',
    '04252',
    'exact',
    21.7201,
    104.905,
    'limited',
    { pep_courses: low(4), emergency_contraception: ok(15), post_rape_kits: low(2) },
    4,
    true,
  ],
  [
    'Van Ban Health Station',
    'lc-hosp',
    ['health_cmr'],
    '15',
    '03082',
    'exact',
    22.1105,
    104.246,
    'closed',
    { pep_courses: out, emergency_contraception: out, post_rape_kits: out },
    11,
    false,
  ],
  [
    'Bat Xat Health Station',
    'lc-hosp',
    ['health_srh', 'health_cmr'],
    '15',
    '02683',
    'exact',
    22.519,
    103.857,
    'open',
    { pep_courses: ok(5), emergency_contraception: ok(8), post_rape_kits: ok(3) },
    28,
    false,
  ],
  [
    'Hoa Ban Safe House',
    'wu-lc',
    ['safe_house'],
    '15',
    null,
    'hidden',
    21.723,
    104.912,
    'open',
    null,
    6,
    true,
  ],
  [
    'Mu Cang Chai mobile psychosocial team',
    'pss-ngo',
    ['psychosocial', 'women_girls_safe_space'],
    '15',
    '04456',
    'commune',
    21.8596,
    104.1194,
    'mobile_only',
    null,
    26,
    false,
  ],
  [
    'Women’s Union Lao Cai dignity kits',
    'wu-lc',
    ['dignity_kits', 'case_management'],
    '15',
    '04252',
    'exact',
    21.715,
    104.899,
    'open',
    { dignity_kits: ok(320) },
    2,
    false,
  ],
  [
    'Ha Noi Obstetrics Centre – crisis unit',
    'hn-hosp',
    ['health_cmr', 'health_srh'],
    '01',
    '00097',
    'exact',
    21.028,
    105.85,
    'open',
    { pep_courses: ok(60), emergency_contraception: ok(90), post_rape_kits: ok(30) },
    1,
    true,
  ],
  [
    'Long Bien Health Station',
    'hn-hosp',
    ['health_srh'],
    '01',
    '00145',
    'exact',
    21.021,
    105.899,
    'open',
    null,
    6,
    false,
  ],
  ['Hong Ha Safe House', 'unfpa', ['safe_house'], '01', null, 'hidden', 21.05, 105.84, 'open', null, 5, true],
  [
    'National GBV hotline (simulated)',
    'unfpa',
    ['hotline', 'psychosocial'],
    '01',
    null,
    'hidden',
    null,
    null,
    'open',
    null,
    1,
    true,
  ],
  [
    'Legal aid clinic, Ha Noi',
    'legal-aid',
    ['legal_aid'],
    '01',
    '00145',
    'exact',
    21.023,
    105.893,
    'open',
    null,
    20,
    false,
  ],
  [
    'Thanh Hoa child protection office',
    'pss-ngo',
    ['child_protection'],
    '38',
    '14758',
    'exact',
    19.8449,
    105.7741,
    'open',
    null,
    10,
    false,
  ],
  [
    'Nghe An Provincial Hospital – crisis unit',
    'unfpa',
    ['health_cmr'],
    '40',
    '16681',
    'exact',
    18.6761,
    105.6582,
    'open',
    { pep_courses: ok(14), emergency_contraception: ok(20), post_rape_kits: ok(8) },
    18,
    true,
  ],
  [
    'Ha Tinh women and girls safe space',
    'pss-ngo',
    ['women_girls_safe_space'],
    '42',
    '18073',
    'commune',
    18.3419,
    105.9027,
    'open',
    null,
    40,
    false,
  ],
  [
    'Ho Chi Minh City crisis centre',
    'unfpa',
    ['health_cmr', 'psychosocial'],
    '79',
    '25747',
    'exact',
    10.9692,
    106.6605,
    'open',
    { pep_courses: ok(80), emergency_contraception: ok(120), post_rape_kits: ok(40) },
    3,
    true,
  ],
];

const HOUR = 3_600_000;

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

/**
 * Extend the Yagi demo with the GBV response picture: service points of every type (safe houses
 * with invented names, hidden), risk alerts along the storm's timeline, coordination requests,
 * time-critical alerts and incident aggregates with small counts. Idempotent. The timeline is
 * anchored to now (landfall 18 hours ago) so the demo is live; everything is labelled simulated.
 */
export async function seedGbvDemo(ctx: Ctx, orgIds: Record<string, string>): Promise<number> {
  return (
    await ctx.writer.write(null, null, async (q) => {
      await q.query('SELECT pg_advisory_xact_lock(7303)');
      const { rows } = await q.query('SELECT 1 FROM service_points WHERE id = $1', [
        demoId(`service:${SERVICES[0]![0]}`),
      ]);
      if (rows.length) return { status: 200, body: 0, events: [] };
      const events: NewEvent[] = [];
      const ids: Record<string, string> = { ...orgIds };
      for (const o of GBV_ORGS) {
        ids[o.key] = demoId(`org:${o.key}`);
        const { rows: have } = await q.query('SELECT 1 FROM organisations WHERE id = $1', [ids[o.key]]);
        if (have.length) continue;
        const org = await insertOrganisation(q, { ...o, sectors: [...o.sectors], id: ids[o.key] }, null);
        events.push({
          type: 'organisation:created',
          entity: 'organisation',
          entityId: org.id,
          data: org,
          changes: null,
        });
      }
      const now = Date.now();
      const landfall = now - 18 * HOUR;
      const repo = repoOf(ctx);
      const svcIds: Record<string, string> = {};
      for (const [
        name,
        org,
        types,
        provinceCode,
        communeCode,
        vis,
        lat,
        lon,
        status,
        stock,
        hoursAgo,
        open24h,
      ] of SERVICES) {
        const reportedAt = new Date(now - hoursAgo * HOUR).toISOString();
        const reasons: Availability['reasons'] =
          status === 'closed'
            ? ['flooded', 'no_power']
            : status === 'limited'
              ? ['staff_short', 'road_cut']
              : [];
        const availability: Availability = {
          status,
          reasons,
          expectedRestoreAt: status === 'closed' ? new Date(now + 36 * HOUR).toISOString() : null,
          stock,
          safeHouseBeds: types.includes('safe_house') ? (status === 'limited' ? 1 : 4) : null,
          hotlineWorking: types.includes('hotline') ? true : null,
          note: null,
          reportedAt,
          reportedBy: null,
        };
        const id = demoId(`service:${name}`);
        svcIds[name] = id;
        const s = await repo.insert(
          q,
          {
            name,
            providerOrgId: ids[org]!,
            types,
            provinceCode,
            communeCode,
            locationVisibility: vis,
            lat,
            lon,
            contactPhone: types.includes('hotline') ? '1800 0000' : null,
            hours: open24h ? null : '7:30–17:00',
            open24h,
            languages: provinceCode === '15' ? ['vi', 'Hmong', 'Dao'] : ['vi', 'en'],
            cost: 'free',
            referral: types.includes('safe_house')
              ? 'case_manager'
              : types.includes('health_cmr')
                ? 'any'
                : 'self',
            availability,
            lastReportedAt: reportedAt,
            simulated: true,
            publicLat: null,
            publicLon: null,
          },
          { userId: null, orgId: ids[org]!, id },
        );
        await q.query('UPDATE service_points SET last_reported_at = $2 WHERE id = $1', [id, reportedAt]);
        await insertAvailability(q, id, availability);
        events.push({
          type: 'service:created',
          entity: 'service',
          entityId: id,
          data: { ...s, lastReportedAt: reportedAt },
          changes: null,
        });
        const reasonsNow = criticalConditions(s, availability);
        if (reasonsNow.length) {
          const g = await gbvAlertTable.insert(
            q,
            {
              serviceId: id,
              serviceName: name,
              provinceCode,
              reasons: reasonsNow,
              status: 'open',
              acknowledgedAt: null,
              acknowledgedBy: null,
              simulated: true,
            },
            { userId: null, orgId: ids[org]!, id: demoId(`gbv-alert:${name}`) },
          );
          events.push({
            type: 'gbv-alert:raised',
            entity: 'gbv-alert',
            entityId: g.id,
            data: g,
            changes: null,
          });
        }
      }
      for (const p of ['22', '31', '15', '01', '40', '79']) {
        events.push({
          type: 'stock-totals:changed',
          entity: 'stock-totals',
          entityId: stableId(`stock-totals:${p}`),
          data: await stockTotals(ctx, q, p),
          changes: null,
        });
      }
      events.push(...(await seedAlerts(q, landfall, now)));
      events.push(...(await seedRequests(q, ids, svcIds, now)));
      events.push(...(await seedIncidents(q, ids, ctx.config.incidentRelease.delayDays)));
      return { status: 200, body: SERVICES.length, events };
    })
  ).body;
}

async function seedAlerts(q: Queryable, landfall: number, now: number): Promise<NewEvent[]> {
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
    events.push({ type: 'alert:created', entity: 'alert', entityId: r.id, data: r, changes: null });
  }
  return events;
}

async function seedRequests(
  q: Queryable,
  ids: Record<string, string>,
  svc: Record<string, string>,
  now: number,
): Promise<NewEvent[]> {
  const shelter = (name: string) => demoId(`shelter:${name}`);
  const { rows } = await q.query<{ id: string; managing_org_id: string; province_code: string }>(
    'SELECT id, managing_org_id, province_code FROM shelters WHERE simulated',
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  type R = [
    key: string,
    kind: CoordinationRequest['kind'],
    title: string,
    from: string,
    to: string | null,
    sector: CoordinationRequest['toSector'],
    shelterName: string | null,
    serviceName: string | null,
    province: string,
    priority: CoordinationRequest['priority'],
    quantity: number | null,
    status: CoordinationRequest['status'],
    messages: string[],
  ];
  const list: R[] = [
    [
      'r1',
      'dignity_kits',
      'Bộ vệ sinh cá nhân cho 120 phụ nữ và trẻ em gái / Dignity kits for 120 women and girls',
      'halong',
      'unfpa',
      null,
      'Bai Chay Ward Cultural House',
      null,
      '22',
      'urgent',
      120,
      'acknowledged',
      ['Shelter is over capacity; kits needed before night.', 'Đã nhận, sẽ giao trong ngày mai.'],
    ],
    [
      'r2',
      'lighting',
      'Đèn cho lối đi tới nhà vệ sinh / Lights on the paths to the latrines',
      'halong',
      'qn-cd',
      null,
      'Ha Tu Flood Shelter',
      null,
      '22',
      'urgent',
      20,
      'open',
      ['Power is out; paths dark after 18:00.'],
    ],
    [
      'r3',
      'locks_partitions',
      'Khóa trong cho nhà tắm và vách ngăn khu ngủ / Inside locks for bathing areas and partitions',
      'halong',
      'wu-qn',
      null,
      'Ha Tu Flood Shelter',
      null,
      '22',
      'urgent',
      null,
      'in_progress',
      [],
    ],
    [
      'r4',
      'female_staff',
      'Cần nhân viên nữ cho ca đêm / Female staff for the night shift',
      'qn-cd',
      'wu-qn',
      null,
      'Cam Pha High School',
      null,
      '22',
      'urgent',
      2,
      'escalated',
      ['No answer in 24 hours; escalating.'],
    ],
    [
      'r5',
      'cmr_supplies',
      'Bổ sung thuốc PEP cho trạm y tế Bãi Cháy / PEP resupply for Bai Chay Health Station',
      'unfpa',
      'qn-hosp',
      null,
      null,
      'Bai Chay Health Station',
      '22',
      'life_saving',
      20,
      'in_progress',
      ['Stock low; 3 courses left.'],
    ],
    [
      'r6',
      'psychosocial_team',
      'Nhóm hỗ trợ tâm lý lưu động / Mobile psychosocial team',
      'qn-cd',
      'pss-ngo',
      null,
      'Van Don Special Zone Hall',
      null,
      '22',
      'routine',
      null,
      'done',
      ['Team visited; follow-up next week.'],
    ],
    [
      'r7',
      'safety_audit',
      'Đánh giá an toàn điểm sơ tán / Safety audit of the shelter',
      'unfpa',
      null,
      'gbv',
      'Ha Long Primary School No. 1',
      null,
      '22',
      'routine',
      null,
      'open',
      [],
    ],
    [
      'r8',
      'cmr_supplies',
      'Trạm y tế Đồ Sơn hết PEP, cần bộ dụng cụ sau hiếp dâm / Do Son Health Station out of PEP and post-rape kits',
      'unfpa',
      'hp-hosp',
      null,
      null,
      'Do Son Health Station',
      '31',
      'life_saving',
      15,
      'acknowledged',
      ['Station flooded; supplies to be moved to the hospital unit.'],
    ],
    [
      'r9',
      'dignity_kits',
      'Bộ vệ sinh cá nhân cho điểm sơ tán Đồ Sơn / Dignity kits for the Do Son shelter',
      'hp-cd',
      'wu-hp',
      null,
      'Do Son Primary School',
      null,
      '31',
      'urgent',
      200,
      'open',
      [],
    ],
    [
      'r10',
      'latrine_separation',
      'Tách nhà vệ sinh nam nữ / Separate latrines by sex',
      'hp-cd',
      'redcross',
      null,
      'Tien Lang Flood Shelter',
      null,
      '31',
      'urgent',
      null,
      'declined',
      ['No materials in stock; please ask the provincial WASH cluster.'],
    ],
    [
      'r11',
      'safe_transport',
      'Phương tiện đưa người tới nơi an toàn / Safe transport to a safe place',
      'unfpa',
      'wu-hp',
      null,
      null,
      null,
      '31',
      'life_saving',
      null,
      'done',
      [],
    ],
    [
      'r12',
      'interpreter',
      'Phiên dịch tiếng Mông / Hmong interpreter',
      'lc-cd',
      'wu-lc',
      null,
      'Mu Cang Chai Boarding School',
      null,
      '15',
      'urgent',
      1,
      'acknowledged',
      [],
    ],
    [
      'r13',
      'mobile_clinic',
      'Phòng khám lưu động cho Văn Bàn / Mobile clinic for Van Ban',
      'unfpa',
      'lc-hosp',
      null,
      'Van Ban Commune Hall',
      null,
      '15',
      'life_saving',
      null,
      'escalated',
      ['Road cut; the station is closed.', 'Requesting helicopter slot via the province.'],
    ],
    [
      'r14',
      'cmr_supplies',
      'PEP và thuốc tránh thai khẩn cấp cho Văn Bàn / PEP and emergency contraception for Van Ban',
      'unfpa',
      'lc-hosp',
      null,
      null,
      'Van Ban Health Station',
      '15',
      'life_saving',
      10,
      'open',
      [],
    ],
    [
      'r15',
      'safe_house_space',
      'Chỗ ở an toàn cho 1 gia đình / Safe-house space for one family',
      'unfpa',
      'wu-lc',
      null,
      null,
      'Hoa Ban Safe House',
      '15',
      'urgent',
      1,
      'in_progress',
      [],
    ],
    [
      'r16',
      'dignity_kits',
      'Bộ vệ sinh cá nhân cho trường Yên Bái / Dignity kits for Yen Bai school',
      'lc-cd',
      'wu-lc',
      null,
      'Yen Bai Ward School',
      null,
      '15',
      'urgent',
      150,
      'cancelled',
      ['Covered by an earlier delivery.'],
    ],
    [
      'r17',
      'lighting',
      'Đèn năng lượng mặt trời / Solar lights',
      'lc-cd',
      null,
      'shelter',
      'Bao Yen Health Station',
      null,
      '15',
      'routine',
      30,
      'open',
      [],
    ],
    [
      'r18',
      'female_staff',
      'Nhân viên nữ cho nhà thi đấu Long Biên / Female staff for Long Bien sports hall',
      'hn-cd',
      'unfpa',
      null,
      'Long Bien Sports Hall',
      null,
      '01',
      'routine',
      3,
      'acknowledged',
      [],
    ],
    [
      'r19',
      'safety_audit',
      'Đánh giá an toàn trường Hồng Hà / Safety audit at Hong Ha school',
      'unfpa',
      'hn-cd',
      null,
      'Hong Ha Riverside School',
      null,
      '01',
      'routine',
      null,
      'in_progress',
      [],
    ],
    [
      'r20',
      'other',
      'Bảng thông tin đường dây nóng / Hotline posters for shelters',
      'unfpa',
      null,
      'gbv',
      null,
      null,
      '01',
      'routine',
      100,
      'done',
      [],
    ],
  ];
  const events: NewEvent[] = [];
  for (const [
    i,
    [
      key,
      kind,
      title,
      from,
      to,
      sector,
      shelterName,
      serviceName,
      province,
      priority,
      quantity,
      status,
      messages,
    ],
  ] of list.entries()) {
    const shelterId = shelterName ? shelter(shelterName) : null;
    const sh = shelterId ? byId.get(shelterId) : undefined;
    let r = await requestTable.insert(
      q,
      {
        kind,
        title,
        fromOrgId: ids[from]!,
        toOrgId: to ? ids[to]! : null,
        toSector: sector,
        shelterId: sh ? shelterId : null,
        shelterOrgId: sh?.managing_org_id ?? null,
        serviceId: serviceName ? svc[serviceName]! : null,
        provinceCode: province,
        priority,
        quantity,
        neededBy: new Date(now + (12 + i * 3) * HOUR).toISOString(),
        status,
        messageCount: 0,
        simulated: true,
      },
      { userId: null, orgId: ids[from]!, id: demoId(`request:${key}`) },
    );
    events.push({ type: 'request:created', entity: 'request', entityId: r.id, data: r, changes: null });
    for (const [j, text] of messages.entries()) {
      const message = await insertMessage(q, r.id, {
        orgId: j % 2 === 0 ? ids[from]! : to ? ids[to]! : null,
        userId: null,
        text,
      });
      r = { ...r, messageCount: r.messageCount + 1 };
      await q.query('UPDATE coordination_requests SET message_count = $2 WHERE id = $1', [
        r.id,
        r.messageCount,
      ]);
      events.push({
        type: 'request:message-added',
        entity: 'request-message',
        entityId: r.id,
        data: { request: r, message },
        changes: null,
      });
    }
  }
  return events;
}

/** Build counts from a type breakdown and shares for the others, so every breakdown sums to the total. */
function counts(
  byType: Partial<IncidentCounts['byType']>,
  sex: [number, number],
  age: [number, number, number, number],
  setting: [number, number, number, number],
  within72h: number,
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
async function seedIncidents(
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
      counts(
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
      counts({ physical_assault: 5, psychological_abuse: 4 }, [9, 0], [0, 1, 8, 0], [5, 4, 0, 0], 2),
    ],
    [
      '31',
      0,
      'wu-hp',
      counts({ physical_assault: 2, denial_of_resources: 1 }, [3, 0], [0, 0, 3, 0], [2, 1, 0, 0], 1),
    ],
    [
      '31',
      1,
      'wu-hp',
      counts(
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
      counts({ rape: 1, physical_assault: 4, forced_marriage: 2 }, [7, 0], [0, 3, 4, 0], [3, 3, 1, 0], 2),
    ],
    [
      '15',
      1,
      'wu-lc',
      counts(
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
      counts(
        { rape: 3, sexual_assault: 4, physical_assault: 12, denial_of_resources: 5, psychological_abuse: 9 },
        [29, 4],
        [2, 5, 22, 4],
        [15, 8, 6, 4],
        11,
      ),
    ],
    ['38', 0, 'unfpa', counts({ physical_assault: 4 }, [4, 0], [0, 0, 4, 0], [4, 0, 0, 0], 0)],
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
