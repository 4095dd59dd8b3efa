import type { GbvAlert } from '../../../shared/schemas/services.js';
import { readsGbvAlert } from '../../../shared/domain/permissions.js';
import type { Audience } from '../../auth/viewer.js';

/** A time-critical alert goes to the GBV coordinators of its province only (SPEC 2.3). */
export function presentGbvAlert(g: GbvAlert, a: Audience): GbvAlert | null {
  return readsGbvAlert(a, g.provinceCode) ? g : null;
}
