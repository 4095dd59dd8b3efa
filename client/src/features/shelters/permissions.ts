import type { Me } from '../../../../shared/schemas/auth.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';

/**
 * Whether to offer the update form. The server decides; this only avoids offering a form that
 * would be refused: shelter managers edit their organisation's shelters, operations officers
 * those within their scope. Nobody else edits shelters.
 */
export function canEditShelter(me: Me, s: Shelter): boolean {
  if (me.role === 'shelter_manager') return s.managingOrgId !== null && s.managingOrgId === me.orgId;
  if (me.role === 'ops_officer') return me.scope === null || me.scope.includes(s.provinceCode);
  return false;
}

/** Only operations officers list new shelters. */
export function canCreateShelter(me: Me): boolean {
  return me.role === 'ops_officer';
}
