import type { Shelter } from '../../../shared/schemas/shelters.js';
import { readsChecklist } from '../../../shared/domain/permissions.js';
import type { Audience } from '../../auth/viewer.js';

/** A shelter as the audience may see it. Every role sees shelters; the checklist is restricted (SPEC 3). */
export function presentShelter(s: Shelter, a: Audience): Shelter {
  return readsChecklist(a) ? s : { ...s, checklist: null };
}
