import type { GbvAlert } from '../../../shared/schemas/services.js';
import { inScope, type Audience } from '../../auth/viewer.js';

/** A time-critical alert goes to the GBV coordinators of its province only (SPEC 2.3). */
export function presentGbvAlert(g: GbvAlert, a: Audience): GbvAlert | null {
  return a.role === 'gbv_coordinator' && inScope(a, g.provinceCode) ? g : null;
}
