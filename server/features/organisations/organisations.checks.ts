import type { Queryable } from '../../db/db.js';
import { badField } from '../../http/errors.js';
import { organisationExists } from './organisations.repo.js';

/** A 400 naming `field` when the organisation it names does not exist; no organisation is no check. */
export async function checkOrganisation(
  q: Queryable,
  orgId: string | null | undefined,
  field: string,
): Promise<void> {
  if (!orgId) return;
  if (!(await organisationExists(q, orgId))) throw badField(field, 'unknown organisation');
}
