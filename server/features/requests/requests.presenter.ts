import type { CoordinationRequest, RequestMessageAdded } from '../../../shared/schemas/requests.js';
import type { RequestStatus } from '../../../shared/enums.js';
import { inScope, type Audience } from '../../auth/viewer.js';

/** True when the reader's own organisation is party to the request as a shelter manager: it asked, or it runs the shelter. */
const ownShelters = (r: Pick<CoordinationRequest, 'fromOrgId' | 'shelterOrgId'>, a: Audience) =>
  r.fromOrgId === a.orgId || (r.shelterOrgId !== null && r.shelterOrgId === a.orgId);

/**
 * Who reads a request (SPEC 3): operations officers, GBV coordinators and the admin within scope;
 * a shelter manager its own shelters'; a service provider those addressed to it; partner viewers
 * none (requests can reveal where GBV needs are).
 */
export function canReadRequest(r: CoordinationRequest, a: Audience): boolean {
  if (!inScope(a, r.provinceCode)) return false;
  switch (a.role) {
    case 'ops_officer':
    case 'gbv_coordinator':
    case 'admin':
      return true;
    case 'viewer':
      return false;
    case 'shelter_manager':
      return ownShelters(r, a);
    case 'service_provider':
      return r.toOrgId === a.orgId;
  }
}

/** The statuses each role may move a request to (within the workflow): requesters withdraw or escalate, addressees act. */
const ROLE_MOVES: Record<Audience['role'], readonly RequestStatus[]> = {
  ops_officer: ['acknowledged', 'in_progress', 'done', 'declined', 'cancelled', 'escalated'],
  gbv_coordinator: ['acknowledged', 'in_progress', 'done', 'declined', 'cancelled', 'escalated'],
  shelter_manager: ['cancelled', 'escalated', 'done'],
  service_provider: ['acknowledged', 'in_progress', 'done', 'declined', 'escalated'],
  viewer: [],
  admin: [],
};

/** True when the reader may write on the request (change it, post to its thread). */
export function canWriteRequest(r: CoordinationRequest, a: Audience): boolean {
  return canReadRequest(r, a) && ROLE_MOVES[a.role].length > 0;
}

/** True when the reader's role may move a request to this status. */
export function roleMayMove(a: Audience, to: RequestStatus): boolean {
  return ROLE_MOVES[a.role].includes(to);
}

/** A request as the reader may see it, or null. */
export function presentRequest(r: CoordinationRequest, a: Audience): CoordinationRequest | null {
  return canReadRequest(r, a) ? r : null;
}

/** A thread message goes to those who read its request. */
export function presentRequestMessage(d: RequestMessageAdded, a: Audience): RequestMessageAdded | null {
  return canReadRequest(d.request, a) ? d : null;
}
