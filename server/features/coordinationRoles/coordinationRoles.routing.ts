import type { RequestKind } from '../../../shared/enums.js';
import { FUNCTION_OF_KIND, routeRequest } from '../../../shared/domain/coordination.js';
import type { Queryable } from '../../db/db.js';
import { badField } from '../../http/errors.js';
import { rolesForRouting } from './coordinationRoles.repo.js';

/**
 * The recipient of a request its requester addressed to nobody: the lead of the kind's function in
 * the province, else the national lead. A 400 naming `toOrgId` when the mechanism has no lead at all.
 */
export async function routedRecipient(
  q: Queryable,
  kind: RequestKind,
  provinceCode: string,
): Promise<string> {
  const fn = FUNCTION_OF_KIND[kind];
  const routed = routeRequest(await rolesForRouting(q, fn, provinceCode), kind, provinceCode);
  if (!routed)
    throw badField(
      'toOrgId',
      `no organisation leads ${fn} in this province or nationally: address the request to an organisation or a sector`,
    );
  return routed.orgId;
}
