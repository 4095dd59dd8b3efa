import type { Queryable } from '../../db/db.js';
import type { Organisation } from '../../../shared/schemas/auth.js';

interface OrgRow {
  id: string;
  name: string;
  acronym: string | null;
  kind: Organisation['kind'];
  sectors: Organisation['sectors'];
  created_at: Date;
  updated_at: Date;
  version: number;
  updated_by: string | null;
}

/** Map a row to the wire shape; an organisation owns itself. */
export const toOrganisation = (r: OrgRow): Organisation => ({
  id: r.id,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  version: r.version,
  updatedBy: r.updated_by,
  orgId: r.id,
  name: r.name,
  acronym: r.acronym,
  kind: r.kind,
  sectors: r.sectors,
});

/** All organisations by name. */
export async function listOrganisations(q: Queryable): Promise<Organisation[]> {
  const { rows } = await q.query<OrgRow>('SELECT * FROM organisations ORDER BY name');
  return rows.map(toOrganisation);
}

/** Insert an organisation. */
export async function insertOrganisation(
  q: Queryable,
  o: Pick<Organisation, 'name' | 'acronym' | 'kind' | 'sectors'> & { id?: string },
  userId: string | null,
): Promise<Organisation> {
  const { rows } = await q.query<OrgRow>(
    `INSERT INTO organisations (id, name, acronym, kind, sectors, updated_by)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6) RETURNING *`,
    [o.id ?? null, o.name, o.acronym, o.kind, o.sectors, userId],
  );
  return toOrganisation(rows[0]!);
}
