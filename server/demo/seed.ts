import type { Ctx } from '../context.js';
import {
  CHECKLIST_KEYS,
  CRITICAL_CHECKLIST_KEYS,
  type ChecklistAnswer,
  type ChecklistKey,
  type Role,
} from '../../shared/enums.js';
import { safetyScore } from '../../shared/domain/safety.js';
import type { Organisation } from '../../shared/schemas/auth.js';
import type { Shelter } from '../../shared/schemas/shelters.js';
import { insertOrganisation } from '../features/organisations/organisations.repo.js';
import { insertShelter } from '../features/shelters/shelters.repo.js';
import { insertUser } from '../features/users/users.routes.js';
import type { NewEvent } from '../events/log.js';
import { demoId } from './ids.js';
import { HttpError } from '../http/errors.js';
import { seedGbvDemo } from './seedGbv.js';

type OrgSeed = Pick<Organisation, 'name' | 'acronym' | 'kind' | 'sectors'> & { key: string };

/** Demo organisations. Names are invented or generic; everything is labelled simulated in the UI. */
export const DEMO_ORGS: OrgSeed[] = [
  {
    key: 'vddma',
    name: 'Disaster and Dyke Management Authority (simulated)',
    acronym: 'VDDMA',
    kind: 'government',
    sectors: ['disaster_ops'],
  },
  {
    key: 'halong',
    name: 'Ha Long Ward People’s Committee (simulated)',
    acronym: 'HL-PC',
    kind: 'government',
    sectors: ['shelter'],
  },
  {
    key: 'qn-cd',
    name: 'Quang Ninh Civil Defence Command (simulated)',
    acronym: 'QN-CD',
    kind: 'civil_defence',
    sectors: ['disaster_ops', 'shelter'],
  },
  {
    key: 'hp-cd',
    name: 'Hai Phong Civil Defence Command (simulated)',
    acronym: 'HP-CD',
    kind: 'civil_defence',
    sectors: ['disaster_ops', 'shelter'],
  },
  {
    key: 'lc-cd',
    name: 'Lao Cai Civil Defence Command (simulated)',
    acronym: 'LC-CD',
    kind: 'civil_defence',
    sectors: ['disaster_ops', 'shelter'],
  },
  {
    key: 'hn-cd',
    name: 'Ha Noi Civil Defence Command (simulated)',
    acronym: 'HN-CD',
    kind: 'civil_defence',
    sectors: ['disaster_ops', 'shelter'],
  },
  {
    key: 'unfpa',
    name: 'UNFPA Viet Nam (simulated)',
    acronym: 'UNFPA',
    kind: 'un_agency',
    sectors: ['gbv', 'health'],
  },
  {
    key: 'wu-qn',
    name: 'Women’s Union, Quang Ninh (simulated)',
    acronym: 'VWU-QN',
    kind: 'mass_organisation',
    sectors: ['gbv'],
  },
  {
    key: 'qn-hosp',
    name: 'Quang Ninh General Hospital (simulated)',
    acronym: 'QNGH',
    kind: 'health_facility',
    sectors: ['health', 'gbv'],
  },
  {
    key: 'redcross',
    name: 'Red Cross Partner Office (simulated)',
    acronym: 'RC',
    kind: 'ngo',
    sectors: ['shelter', 'wash'],
  },
  { key: 'platform', name: 'Safe Haven Ops platform team', acronym: 'SHO', kind: 'other', sectors: [] },
];

/** One sign-in per role (SPEC 9), all with the password `demo`. */
export const DEMO_USERS: {
  username: string;
  displayName: string;
  role: Role;
  org: string;
  scope: string[] | null;
}[] = [
  {
    username: 'ops',
    displayName: 'Operations officer (demo)',
    role: 'ops_officer',
    org: 'vddma',
    scope: null,
  },
  {
    username: 'shelter',
    displayName: 'Shelter manager, Ha Long (demo)',
    role: 'shelter_manager',
    org: 'halong',
    scope: ['22'],
  },
  {
    username: 'gbv',
    displayName: 'GBV coordinator (demo)',
    role: 'gbv_coordinator',
    org: 'unfpa',
    scope: null,
  },
  {
    username: 'provider',
    displayName: 'Service provider, QN hospital (demo)',
    role: 'service_provider',
    org: 'qn-hosp',
    scope: ['22'],
  },
  { username: 'viewer', displayName: 'Partner viewer (demo)', role: 'viewer', org: 'redcross', scope: null },
  { username: 'admin', displayName: 'Administrator (demo)', role: 'admin', org: 'platform', scope: null },
];

/** Phone numbers of demo users, for SMS reports (E.164; not a real subscriber). */
export const DEMO_PHONES: Record<string, string> = { shelter: '+84900000001' };

type ShelterSeed = [
  name: string,
  kind: Shelter['kind'],
  province: string,
  commune: string,
  lat: number,
  lon: number,
  org: string,
  status: Shelter['status'],
  capacity: number,
  occupancy: number,
  score: number,
  hoursAgo: number,
];

// Typhoon Yagi (Sept 2024): landfall in Quang Ninh and Hai Phong, then floods in Lao Cai and along the Red River.
const SHELTERS: ShelterSeed[] = [
  [
    'Ha Long Primary School No. 1',
    'school',
    '22',
    '06688',
    20.9551,
    107.0801,
    'halong',
    'open',
    300,
    214,
    6,
    1,
  ],
  [
    'Bai Chay Ward Cultural House',
    'cultural_house',
    '22',
    '06673',
    20.9601,
    107.0463,
    'halong',
    'full',
    180,
    188,
    3,
    2,
  ],
  ['Hong Gai Secondary School', 'school', '22', '06685', 20.9532, 107.0853, 'halong', 'open', 420, 265, 8, 3],
  [
    'Ha Tu Flood Shelter',
    'flood_shelter',
    '22',
    '06652',
    20.9687,
    107.1302,
    'halong',
    'open',
    250,
    97,
    2,
    14,
  ],
  [
    'Tuan Chau Commune Hall',
    'commune_hall',
    '22',
    '06706',
    20.9262,
    106.9903,
    'halong',
    'standby',
    120,
    0,
    4,
    5,
  ],
  [
    'Ha Lam Health Station',
    'health_station',
    '22',
    '06676',
    20.9622,
    107.1001,
    'halong',
    'open',
    60,
    41,
    5,
    2,
  ],
  ['Cam Pha High School', 'school', '22', '06793', 21.0134, 107.2901, 'qn-cd', 'open', 500, 402, 4, 4],
  [
    'Van Don Special Zone Hall',
    'commune_hall',
    '22',
    '06994',
    21.0648,
    107.4202,
    'qn-cd',
    'damaged',
    200,
    0,
    1,
    20,
  ],
  ['Mong Cai Ward 1 School', 'school', '22', '06712', 21.5271, 107.9653, 'qn-cd', 'open', 350, 150, 7, 6],
  ['Do Son Primary School', 'school', '31', '11455', 20.7172, 106.7833, 'hp-cd', 'full', 280, 291, 3, 1],
  ['Cat Hai Commune Hall', 'commune_hall', '31', '11914', 20.805, 107.0016, 'hp-cd', 'open', 150, 122, 5, 3],
  [
    'Thuy Nguyen Cultural House',
    'cultural_house',
    '31',
    '11560',
    20.8887,
    106.6869,
    'hp-cd',
    'open',
    220,
    133,
    6,
    2,
  ],
  ['Kien An Secondary School', 'school', '31', '11443', 20.8199, 106.6395, 'hp-cd', 'closing', 300, 45, 8, 7],
  [
    'Tien Lang Flood Shelter',
    'flood_shelter',
    '31',
    '11755',
    20.736,
    106.5425,
    'hp-cd',
    'open',
    260,
    188,
    2,
    16,
  ],
  ['Le Chan Pagoda Hall', 'religious', '31', '11383', 20.8415, 106.6847, 'hp-cd', 'open', 90, 70, 4, 5],
  ['Yen Bai Ward School', 'school', '15', '04252', 21.7176, 104.9019, 'lc-cd', 'full', 320, 335, 2, 2],
  ['Van Ban Commune Hall', 'commune_hall', '15', '03082', 22.1097, 104.2453, 'lc-cd', 'open', 150, 118, 3, 9],
  [
    'Mu Cang Chai Boarding School',
    'school',
    '15',
    '04456',
    21.8596,
    104.1194,
    'lc-cd',
    'open',
    240,
    176,
    1,
    26,
  ],
  [
    'Luc Yen Cultural House',
    'cultural_house',
    '15',
    '04303',
    22.1208,
    104.7785,
    'lc-cd',
    'open',
    160,
    84,
    5,
    3,
  ],
  [
    'Bao Yen Health Station',
    'health_station',
    '15',
    '02947',
    22.211,
    104.481,
    'lc-cd',
    'damaged',
    40,
    0,
    0,
    30,
  ],
  ['Bat Xat Secondary School', 'school', '15', '02683', 22.5207, 103.8556, 'lc-cd', 'open', 210, 157, 6, 4],
  ['Long Bien Sports Hall', 'other', '01', '00145', 21.0199, 105.8962, 'hn-cd', 'open', 600, 380, 7, 2],
  ['Hong Ha Riverside School', 'school', '01', '00097', 21.057, 105.8462, 'hn-cd', 'full', 400, 412, 4, 1],
  ['Phuc Tho Commune Hall', 'commune_hall', '01', '09715', 21.1081, 105.5311, 'hn-cd', 'open', 180, 96, 5, 8],
  [
    'Son Tay Cultural House',
    'cultural_house',
    '01',
    '09574',
    21.1448,
    105.4936,
    'hn-cd',
    'standby',
    200,
    0,
    6,
    11,
  ],
];

/** A checklist with `score` critical items at `yes`; the rest spread over partial, no and unknown so the demo shows every state. */
function demoChecklist(score: number, salt: number): Record<ChecklistKey, ChecklistAnswer> {
  const others: ChecklistAnswer[] = ['partial', 'no', 'unknown'];
  const out = {} as Record<ChecklistKey, ChecklistAnswer>;
  CHECKLIST_KEYS.forEach((k, i) => {
    const critIndex = CRITICAL_CHECKLIST_KEYS.indexOf(k);
    if (critIndex >= 0) out[k] = critIndex < score ? 'yes' : others[(i + salt) % 3]!;
    else out[k] = (['yes', 'partial', 'no', 'unknown'] as const)[(i + salt) % 4]!;
  });
  return out;
}

function demographics(occupancy: number) {
  const f = Math.round(occupancy * 0.52);
  const m = occupancy - f;
  const split = (n: number) => {
    const a = Math.round(n * 0.08);
    const b = Math.round(n * 0.24);
    const d = Math.round(n * 0.14);
    return { '0-4': a, '5-17': b, '18-59': n - a - b - d, '60+': d };
  };
  return { female: split(f), male: split(m) };
}

/** Seed demo organisations, users and the Yagi shelters. Idempotent: records that exist are left as they are. */
export async function seedDemo(ctx: Ctx): Promise<{ created: number }> {
  const orgIds = Object.fromEntries(DEMO_ORGS.map((o) => [o.key, demoId(`org:${o.key}`)]));
  let created = 0;

  await ctx.writer.write(null, null, async (q) => {
    // Several processes may start at once on one PostgreSQL: seed under a lock, checking inside it.
    await q.query('SELECT pg_advisory_xact_lock(7302)');
    const { rows: existing } = await q.query<{ id: string }>(
      'SELECT id FROM organisations WHERE id = ANY($1::uuid[])',
      [Object.values(orgIds)],
    );
    const haveOrg = new Set(existing.map((r) => r.id));
    const { rows: existingShelters } = await q.query<{ id: string }>(
      'SELECT id FROM shelters WHERE simulated',
    );
    const haveShelter = new Set(existingShelters.map((r) => r.id));
    const events: NewEvent[] = [];
    for (const o of DEMO_ORGS) {
      if (haveOrg.has(orgIds[o.key]!)) continue;
      const org = await insertOrganisation(q, { ...o, id: orgIds[o.key]! }, null);
      events.push({
        type: 'organisation:created',
        entity: 'organisation',
        entityId: org.id,
        data: org,
        changes: null,
      });
    }
    const now = Date.now();
    for (const [
      i,
      [name, kind, provinceCode, communeCode, lat, lon, org, status, capacity, occupancy, score, hoursAgo],
    ] of SHELTERS.entries()) {
      const id = demoId(`shelter:${name}`);
      if (haveShelter.has(id)) continue;
      const checklist = demoChecklist(score, i);
      const s = await insertShelter(
        q,
        {
          name,
          kind,
          provinceCode,
          communeCode,
          lat,
          lon,
          managingOrgId: orgIds[org]!,
          contactPhone: null,
          status,
          capacity,
          occupancy,
          households: Math.round(occupancy / 3.4),
          demographics: occupancy ? demographics(occupancy) : null,
          vulnerable: occupancy
            ? {
                pregnantLactating: Math.round(occupancy * 0.03),
                disabilities: Math.round(occupancy * 0.04),
                unaccompaniedChildren: i % 5 === 0 ? 2 : 0,
                femaleHeadedHouseholds: Math.round(occupancy * 0.05),
              }
            : null,
          needs: {
            water: i % 4 === 0 ? 'low' : 'ok',
            food: i % 6 === 1 ? 'low' : 'ok',
            power: i % 3 === 0 ? 'out' : 'ok',
            medical: i % 7 === 2 ? 'out' : 'ok',
          },
          checklist,
          safetyScore: safetyScore(checklist),
          simulated: true,
        },
        {
          userId: null,
          orgId: orgIds[org]!,
          id,
          lastReportedAt: new Date(now - hoursAgo * 3_600_000).toISOString(),
          // Short codes a shelter manager types on a keypad: province code and a number (`TT 2201 SN 240`).
          smsCode: `${provinceCode}${String(i + 1).padStart(2, '0')}`,
        },
      );
      events.push({ type: 'shelter:created', entity: 'shelter', entityId: s.id, data: s, changes: null });
      created++;
    }
    return { status: 200, body: null, events };
  });

  for (const u of DEMO_USERS) {
    const { rows } = await ctx.db.query('SELECT 1 FROM users WHERE username = $1', [u.username]);
    if (rows.length) continue;
    try {
      await insertUser(
        ctx.db,
        {
          username: u.username,
          displayName: u.displayName,
          password: 'demo',
          role: u.role,
          orgId: orgIds[u.org]!,
          scope: u.scope,
        },
        { demoSeed: true },
      );
    } catch (err) {
      // Another process seeding at the same moment took the username: fine.
      if (!(err instanceof HttpError && err.status === 409)) throw err;
    }
  }
  // The demo shelter manager reports by SMS from this (fictional) number.
  for (const [username, phone] of Object.entries(DEMO_PHONES))
    await ctx.db.query('UPDATE users SET phone = $2 WHERE username = $1 AND phone IS NULL', [
      username,
      phone,
    ]);
  // The GBV response picture (services, alerts, requests, incidents) on top of the shelters.
  await seedGbvDemo(ctx, orgIds);
  return { created };
}
