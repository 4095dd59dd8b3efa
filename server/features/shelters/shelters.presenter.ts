import type { Shelter } from '../../../shared/schemas/shelters.js';
import type { Audience } from '../../auth/viewer.js';

/** Roles that read the full GBV safety checklist; others see the score only (SPEC 3). */
const CHECKLIST_READERS = new Set(['ops_officer', 'shelter_manager', 'gbv_coordinator', 'admin']);

/** A shelter as the audience may see it. Every role sees shelters; the checklist is restricted. */
export function presentShelter(s: Shelter, a: Audience): Shelter {
  return CHECKLIST_READERS.has(a.role) ? s : { ...s, checklist: null };
}

/** True when the audience may edit this shelter: its own (managing org) for a shelter manager, within scope for an ops officer. */
export function canEditShelter(s: Pick<Shelter, 'managingOrgId' | 'provinceCode'>, a: Audience): boolean {
  if (a.role === 'shelter_manager')
    return s.managingOrgId === a.orgId && (a.scope === null || a.scope.includes(s.provinceCode));
  if (a.role === 'ops_officer') return a.scope === null || a.scope.includes(s.provinceCode);
  return false;
}

/** True when the audience may list a new shelter in the province. */
export function canCreateShelter(provinceCode: string, a: Audience): boolean {
  return a.role === 'ops_officer' && (a.scope === null || a.scope.includes(provinceCode));
}
