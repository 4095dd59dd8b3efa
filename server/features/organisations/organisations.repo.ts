import type { Selectable } from 'kysely';
import type { Queryable } from '../../db/db.js';
import type { OrganisationsTable } from '../../db/schema.js';
import { all, first, qb } from '../../db/query.js';
import type { Organisation } from '../../../shared/schemas/auth.js';

type OrgRow = Selectable<OrganisationsTable>;

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
  return (await all(q, qb.selectFrom('organisations').selectAll().orderBy('name'))).map(toOrganisation);
}

/** True when an organisation with this id exists. */
export async function organisationExists(q: Queryable, id: string): Promise<boolean> {
  return !!(await first(q, qb.selectFrom('organisations').select('id').where('id', '=', id)));
}

/** True when an organisation has this name, in any case. */
export async function organisationNameTaken(q: Queryable, name: string): Promise<boolean> {
  return !!(await first(
    q,
    qb
      .selectFrom('organisations')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', eb.fn('lower', [eb.val(name)]))),
  ));
}

/** Insert an organisation. */
export async function insertOrganisation(
  q: Queryable,
  o: Pick<Organisation, 'name' | 'acronym' | 'kind' | 'sectors'> & { id?: string },
  userId: string | null,
): Promise<Organisation> {
  const row = await first(
    q,
    qb
      .insertInto('organisations')
      .values({
        ...(o.id ? { id: o.id } : {}),
        name: o.name,
        acronym: o.acronym,
        kind: o.kind,
        sectors: o.sectors,
        updated_by: userId,
      })
      .returningAll(),
  );
  return toOrganisation(row!);
}
