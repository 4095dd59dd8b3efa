import type { Queryable } from '../../db/db.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';

/** A shelters row as PostgreSQL returns it. */
export interface ShelterRow {
  id: string;
  name: string;
  kind: Shelter['kind'];
  province_code: string;
  commune_code: string | null;
  lat: number;
  lon: number;
  managing_org_id: string | null;
  contact_phone: string | null;
  status: Shelter['status'];
  capacity: number;
  occupancy: number;
  households: number;
  demographics: Shelter['demographics'];
  vulnerable: Shelter['vulnerable'];
  needs: Shelter['needs'];
  checklist: NonNullable<Shelter['checklist']>;
  safety_score: number;
  last_reported_at: Date;
  report_source: Shelter['reportSource'];
  sms_code: string;
  simulated: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
  updated_by: string | null;
  org_id: string | null;
}

/** Map a row to the wire shape. */
export const toShelter = (r: ShelterRow): Shelter => ({
  id: r.id,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  version: r.version,
  updatedBy: r.updated_by,
  orgId: r.org_id,
  name: r.name,
  kind: r.kind,
  provinceCode: r.province_code,
  communeCode: r.commune_code,
  lat: r.lat,
  lon: r.lon,
  managingOrgId: r.managing_org_id,
  contactPhone: r.contact_phone,
  status: r.status,
  capacity: r.capacity,
  occupancy: r.occupancy,
  households: r.households,
  demographics: r.demographics,
  vulnerable: r.vulnerable,
  needs: r.needs,
  checklist: r.checklist,
  safetyScore: r.safety_score,
  lastReportedAt: r.last_reported_at.toISOString(),
  reportSource: r.report_source,
  smsCode: r.sms_code,
  simulated: r.simulated,
});

/** All shelters, by province then name. */
export async function listShelters(q: Queryable): Promise<Shelter[]> {
  const { rows } = await q.query<ShelterRow>('SELECT * FROM shelters ORDER BY province_code, name, id');
  return rows.map(toShelter);
}

/** One shelter, optionally locked for update. */
export async function getShelter(q: Queryable, id: string, forUpdate = false): Promise<Shelter | null> {
  const { rows } = await q.query<ShelterRow>(
    `SELECT * FROM shelters WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toShelter(rows[0]) : null;
}

/** Fields a write sets; everything but the record metadata. */
export type ShelterFields = Omit<
  Shelter,
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
  | 'updatedBy'
  | 'orgId'
  | 'lastReportedAt'
  | 'reportSource'
  | 'smsCode'
> & {
  checklist: NonNullable<Shelter['checklist']>;
};

const COLUMNS = [
  ['name', 'name'],
  ['kind', 'kind'],
  ['province_code', 'provinceCode'],
  ['commune_code', 'communeCode'],
  ['lat', 'lat'],
  ['lon', 'lon'],
  ['managing_org_id', 'managingOrgId'],
  ['contact_phone', 'contactPhone'],
  ['status', 'status'],
  ['capacity', 'capacity'],
  ['occupancy', 'occupancy'],
  ['households', 'households'],
  ['demographics', 'demographics'],
  ['vulnerable', 'vulnerable'],
  ['needs', 'needs'],
  ['checklist', 'checklist'],
  ['safety_score', 'safetyScore'],
  ['simulated', 'simulated'],
] as const satisfies readonly (readonly [string, keyof ShelterFields])[];

const JSON_COLUMNS = new Set(['demographics', 'vulnerable', 'needs', 'checklist']);
const param = (col: string, value: unknown) =>
  JSON_COLUMNS.has(col) && value !== null ? JSON.stringify(value) : value;
const placeholder = (col: string, i: number) => (JSON_COLUMNS.has(col) ? `$${i}::jsonb` : `$${i}`);

/** Insert a shelter. */
export async function insertShelter(
  q: Queryable,
  f: ShelterFields,
  meta: {
    userId: string | null;
    orgId: string | null;
    id?: string;
    lastReportedAt?: string;
    smsCode?: string;
  },
): Promise<Shelter> {
  const cols = COLUMNS.map(([c]) => c);
  const values = COLUMNS.map(([c, k]) => param(c, f[k]));
  const extra: [string, unknown][] = [
    ['updated_by', meta.userId],
    ['org_id', meta.orgId],
  ];
  if (meta.id) extra.push(['id', meta.id]);
  if (meta.lastReportedAt) extra.push(['last_reported_at', meta.lastReportedAt]);
  if (meta.smsCode) extra.push(['sms_code', meta.smsCode]);
  const allCols = [...cols, ...extra.map(([c]) => c)];
  const allValues = [...values, ...extra.map(([, v]) => v)];
  const { rows } = await q.query<ShelterRow>(
    `INSERT INTO shelters (${allCols.join(', ')}) VALUES (${allCols.map((c, i) => placeholder(c, i + 1)).join(', ')}) RETURNING *`,
    allValues,
  );
  return toShelter(rows[0]!);
}

/** Update a shelter if it is still at `version`; null when the version is stale. */
export async function updateShelter(
  q: Queryable,
  id: string,
  version: number,
  f: ShelterFields,
  meta: { userId: string; reported: boolean; source: Shelter['reportSource'] },
): Promise<Shelter | null> {
  const sets = COLUMNS.map(([c], i) => `${c} = ${placeholder(c, i + 3)}`);
  const n = COLUMNS.length;
  // A report (not an edit of the name or place) says where it came from.
  const reported = meta.reported ? `, last_reported_at = now(), report_source = $${n + 4}` : '';
  const { rows } = await q.query<ShelterRow>(
    `UPDATE shelters SET ${sets.join(', ')}, version = version + 1, updated_at = now(),
       updated_by = $${n + 3}${reported}
     WHERE id = $1 AND version = $2 RETURNING *`,
    [
      id,
      version,
      ...COLUMNS.map(([c, k]) => param(c, f[k])),
      meta.userId,
      ...(meta.reported ? [meta.source] : []),
    ],
  );
  return rows[0] ? toShelter(rows[0]) : null;
}
