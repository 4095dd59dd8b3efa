import type { Organisation } from '../../../shared/schemas/auth.js';
import type { Audience } from '../../auth/viewer.js';

/** Organisations are public within the system: every role may see who is who. */
export function presentOrganisation(o: Organisation, _a: Audience): Organisation {
  return o;
}
