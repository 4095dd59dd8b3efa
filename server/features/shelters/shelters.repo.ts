import type { Queryable } from '../../db/db.js';
import { columnsOf, recordTable, type Meta } from '../../db/records.js';
import { ShelterSchema, type Shelter } from '../../../shared/schemas/shelters.js';

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

// What a write sets: every field but those a report sets (when, from where) and the SMS code.
const FIELDS = columnsOf(ShelterSchema, {
  omit: ['lastReportedAt', 'reportSource', 'smsCode'],
  json: ['demographics', 'vulnerable', 'needs', 'checklist'],
});

/** Shelters. */
export const shelterTable = recordTable<Shelter>('shelters', [
  ...FIELDS,
  ['last_reported_at', 'lastReportedAt', 'ts'],
  ['report_source', 'reportSource'],
  ['sms_code', 'smsCode'],
]);

/** A shelters row (as from a keyset page) as a shelter. */
export const toShelter = (row: Record<string, unknown>): Shelter => shelterTable.toRecord(row);

/** All shelters, by province then name. */
export function listShelters(q: Queryable): Promise<Shelter[]> {
  return shelterTable.list(q, 'province_code, name, id');
}

/** One shelter, optionally locked for update. */
export function getShelter(q: Queryable, id: string, forUpdate = false): Promise<Shelter | null> {
  return shelterTable.get(q, id, forUpdate);
}

/** Insert a shelter. */
export function insertShelter(
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
  const { lastReportedAt, smsCode, ...rest } = meta;
  return shelterTable.insert(q, f as Omit<Shelter, keyof Meta>, {
    ...rest,
    extra: {
      ...(lastReportedAt ? { last_reported_at: lastReportedAt } : {}),
      ...(smsCode ? { sms_code: smsCode } : {}),
    },
  });
}

/** Update a shelter (every field: one left out is cleared) if it is still at `version`; null when the version is stale. */
export function updateShelter(
  q: Queryable,
  id: string,
  version: number,
  f: ShelterFields,
  meta: { userId: string; reported: boolean; source: Shelter['reportSource'] },
): Promise<Shelter | null> {
  const fields: Record<string, unknown> = Object.fromEntries(FIELDS.map(([, k]) => [k, f[k] ?? null]));
  // A report (not an edit of the name or place) says where it came from.
  if (meta.reported) fields.reportSource = meta.source;
  return shelterTable.update(
    q,
    id,
    version,
    fields,
    meta.userId,
    meta.reported ? 'last_reported_at = now()' : '',
  );
}
