import type { CoordinationRole } from '../../../shared/schemas/coordinationRoles.js';
import { readsCoordinationRoles } from '../../../shared/domain/permissions.js';
import type { Audience } from '../../auth/viewer.js';

/** Everyone signed in reads the mechanism; a role carries only organisations and a role contact. */
export function presentCoordinationRole(r: CoordinationRole, a: Audience): CoordinationRole | null {
  return readsCoordinationRoles(a) ? r : null;
}
