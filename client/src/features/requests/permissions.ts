import type { RequestStatus, Role } from '../../../../shared/enums.js';
import type { Me } from '../../../../shared/schemas/auth.js';
import type { CoordinationRequest } from '../../../../shared/schemas/requests.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { REQUEST_TRANSITIONS } from '../../../../shared/domain/requestWorkflow.js';

/**
 * Whether to offer a new request. The server decides; this only avoids offering a form it would
 * refuse: operations officers and GBV coordinators within scope, shelter managers for their own shelters.
 */
export function canCreateRequest(me: Me, shelter?: Pick<Shelter, 'managingOrgId' | 'provinceCode'>): boolean {
  if (me.role === 'shelter_manager') return !!shelter && shelter.managingOrgId === me.orgId;
  if (me.role !== 'ops_officer' && me.role !== 'gbv_coordinator') return false;
  return !shelter || me.scope === null || me.scope.includes(shelter.provinceCode);
}

/**
 * The statuses each role may move a request to, as the server's request presenter has them:
 * requesters withdraw, escalate or close; addressees act. The workflow itself is shared.
 */
const ROLE_MOVES: Record<Role, readonly RequestStatus[]> = {
  ops_officer: ['acknowledged', 'in_progress', 'done', 'declined', 'cancelled', 'escalated'],
  gbv_coordinator: ['acknowledged', 'in_progress', 'done', 'declined', 'cancelled', 'escalated'],
  shelter_manager: ['cancelled', 'escalated', 'done'],
  service_provider: ['acknowledged', 'in_progress', 'done', 'declined', 'escalated'],
  viewer: [],
  admin: [],
};

/** The moves to offer as buttons: allowed by the workflow from the current status and by the role. */
export function movesFor(role: Role, r: Pick<CoordinationRequest, 'status'>): RequestStatus[] {
  return REQUEST_TRANSITIONS[r.status].filter((s) => ROLE_MOVES[role].includes(s));
}

/** True when the role may write on requests it reads (change them, post to their thread). */
export function canWriteRequests(role: Role): boolean {
  return ROLE_MOVES[role].length > 0;
}
