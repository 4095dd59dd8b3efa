import type { Queryable } from '../../db/db.js';
import { columnsOf, recordTable } from '../../db/records.js';
import {
  ServicePointSchema,
  type Availability,
  type ServicePoint,
} from '../../../shared/schemas/services.js';

/**
 * A service point as stored and as carried in events: the exact position, plus the public point
 * (the commune's) used for readers who may not see the exact one. Presenters strip what a reader
 * may not see; `publicLat`/`publicLon` never leave the server.
 */
export type StoredService = Omit<ServicePoint, 'positionShown' | 'masked' | 'providerOrgId'> & {
  providerOrgId: string;
  publicLat: number | null;
  publicLon: number | null;
};

/** Fields a write sets. */
export type ServiceFields = Omit<
  StoredService,
  'id' | 'createdAt' | 'updatedAt' | 'version' | 'updatedBy' | 'orgId'
>;

const table = recordTable<StoredService>(
  'service_points',
  columnsOf(ServicePointSchema, {
    omit: ['masked', 'positionShown'],
    json: ['availability'],
    ts: ['lastReportedAt'],
  }),
);

// The public point is derived from the commune, not stored: keep it on the record in memory.
type AreaLookup = (communeCode: string) => { lat: number | null; lon: number | null } | undefined;

const withPublic = (
  s: Omit<StoredService, 'publicLat' | 'publicLon'>,
  commune: AreaLookup,
): StoredService => {
  const c = s.communeCode ? commune(s.communeCode) : undefined;
  return { ...s, publicLat: c?.lat ?? null, publicLon: c?.lon ?? null };
};

/** The service repository, bound to the area index that gives communes' points. */
export function serviceRepo(commune: AreaLookup) {
  const fix = (s: StoredService | null) => (s ? withPublic(s, commune) : null);
  return {
    /** A service_points row (as from a keyset page) as a stored service. */
    fromRow(row: Record<string, unknown>): StoredService {
      return withPublic(table.toRecord(row), commune);
    },
    async list(q: Queryable): Promise<StoredService[]> {
      return (await table.list(q, 'province_code, name, id')).map((s) => withPublic(s, commune));
    },
    async get(q: Queryable, id: string, forUpdate = false): Promise<StoredService | null> {
      return fix(await table.get(q, id, forUpdate));
    },
    async getMany(q: Queryable, ids: readonly string[]): Promise<StoredService[]> {
      return (await table.getMany(q, ids)).map((s) => withPublic(s, commune));
    },
    async insert(
      q: Queryable,
      f: ServiceFields,
      meta: { userId: string | null; orgId: string | null; id?: string },
    ): Promise<StoredService> {
      const { publicLat: _a, publicLon: _b, ...fields } = f;
      return withPublic(await table.insert(q, fields as never, meta), commune);
    },
    async update(
      q: Queryable,
      id: string,
      version: number,
      f: Partial<ServiceFields>,
      userId: string | null,
      reported = false,
    ): Promise<StoredService | null> {
      const { publicLat: _a, publicLon: _b, ...fields } = f;
      return fix(
        await table.update(q, id, version, fields, userId, reported ? 'last_reported_at = now()' : ''),
      );
    },
  };
}
/** The service repository. */
export type ServiceRepo = ReturnType<typeof serviceRepo>;

/** Append one availability update to the history. */
export async function insertAvailability(q: Queryable, serviceId: string, a: Availability): Promise<void> {
  await q.query(
    `INSERT INTO service_availability (service_id, status, reasons, expected_restore_at, stock, safe_house_beds, hotline_working, note, reported_by, reported_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10)`,
    [
      serviceId,
      a.status,
      a.reasons,
      a.expectedRestoreAt,
      a.stock ? JSON.stringify(a.stock) : null,
      a.safeHouseBeds,
      a.hotlineWorking,
      a.note,
      a.reportedBy,
      a.reportedAt,
    ],
  );
}

interface AvailabilityRow {
  status: Availability['status'];
  reasons: Availability['reasons'];
  expected_restore_at: Date | null;
  stock: Availability['stock'];
  safe_house_beds: number | null;
  hotline_working: boolean | null;
  note: string | null;
  reported_by: string | null;
  reported_at: Date;
}

/** A service's availability history, newest first. */
export async function listAvailability(q: Queryable, serviceId: string): Promise<Availability[]> {
  const { rows } = await q.query<AvailabilityRow>(
    'SELECT * FROM service_availability WHERE service_id = $1 ORDER BY reported_at DESC, id',
    [serviceId],
  );
  return rows.map((r) => ({
    status: r.status,
    reasons: r.reasons,
    expectedRestoreAt: r.expected_restore_at ? r.expected_restore_at.toISOString() : null,
    stock: r.stock,
    safeHouseBeds: r.safe_house_beds,
    hotlineWorking: r.hotline_working,
    note: r.note,
    reportedBy: r.reported_by,
    reportedAt: r.reported_at.toISOString(),
  }));
}
