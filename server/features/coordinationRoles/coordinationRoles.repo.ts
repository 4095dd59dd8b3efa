import { columnsOf, recordTable } from '../../db/records.js';
import type { Queryable } from '../../db/db.js';
import { CoordinationRoleSchema, type CoordinationRole } from '../../../shared/schemas/coordinationRoles.js';

/** The coordination mechanism's roles (migration 10). */
export const coordinationRoleTable = recordTable<CoordinationRole>(
  'coordination_roles',
  columnsOf(CoordinationRoleSchema, { json: ['supportOrgIds', 'contact'], ts: ['lastReviewedAt'] }),
);

/** The order of the matrix: national roles first, then by province and function. */
export const ROLE_ORDER = 'province_code NULLS FIRST, function, id';

/** Every role, national first. */
export const listRoles = (q: Queryable): Promise<CoordinationRole[]> =>
  coordinationRoleTable.list(q, ROLE_ORDER);

/** The roles of one function nationally and in one province (what routing reads). */
export const rolesForRouting = (
  q: Queryable,
  fn: string,
  provinceCode: string,
): Promise<CoordinationRole[]> =>
  coordinationRoleTable.list(
    q,
    ROLE_ORDER,
    'function = $1 AND (province_code IS NULL OR province_code = $2)',
    [fn, provinceCode],
  );
