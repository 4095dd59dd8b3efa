import type { RequestStatus, Role } from '../enums.js';
import { REQUEST_TRANSITIONS } from './requestWorkflow.js';
// permissions.ts re-exports this file; the cycle is safe because nothing here runs at load time
// but the REQUEST_MOVES literal.
import { inScope, type Caller, type ShelterRef } from './permissions.js';

/** The rulebook (SPEC 3) for coordination requests: who reads, opens, moves and answers them. */

/** A coordination request as far as permissions go. */
export interface RequestRef {
  provinceCode: string;
  fromOrgId: string | null;
  toOrgId: string | null;
  shelterOrgId: string | null;
}

/**
 * Who reads a request (SPEC 3): operations officers, GBV coordinators and the admin within scope;
 * a shelter manager its own shelters'; a service provider those addressed to it; partner viewers
 * none (requests can reveal where GBV needs are).
 */
export function readsRequest(c: Caller, r: RequestRef): boolean {
  if (!inScope(c, r.provinceCode)) return false;
  switch (c.role) {
    case 'ops_officer':
    case 'gbv_coordinator':
    case 'admin':
      return true;
    case 'viewer':
      return false;
    case 'shelter_manager':
      return r.fromOrgId === c.orgId || (r.shelterOrgId !== null && r.shelterOrgId === c.orgId);
    case 'service_provider':
      return r.toOrgId === c.orgId;
  }
}

/** True when the role reads coordination requests at all (the tab and the map badges). */
export function readsRequests(c: Pick<Caller, 'role'>): boolean {
  return c.role !== 'viewer';
}

/**
 * True when the caller may open a coordination request: operations officers and GBV coordinators
 * within scope; shelter managers for the shelters they manage (within scope). Without a province,
 * whether the role may open requests at all.
 */
export function opensRequest(
  c: Caller,
  r: { provinceCode?: string; shelter?: ShelterRef | null } = {},
): boolean {
  const province = r.shelter?.provinceCode ?? r.provinceCode;
  if (province !== undefined && !inScope(c, province)) return false;
  if (c.role === 'shelter_manager')
    return r.shelter === undefined ? true : r.shelter !== null && r.shelter.managingOrgId === c.orgId;
  return c.role === 'ops_officer' || c.role === 'gbv_coordinator';
}

/** The statuses each role may move a request to (within the workflow): requesters withdraw or escalate, addressees act. */
const REQUEST_MOVES: Record<Role, readonly RequestStatus[]> = {
  ops_officer: ['acknowledged', 'in_progress', 'done', 'declined', 'cancelled', 'escalated'],
  gbv_coordinator: ['acknowledged', 'in_progress', 'done', 'declined', 'cancelled', 'escalated'],
  shelter_manager: ['cancelled', 'escalated', 'done'],
  service_provider: ['acknowledged', 'in_progress', 'done', 'declined', 'escalated'],
  viewer: [],
  admin: [],
};

/** True when the caller's role may move a request to this status. */
export function movesRequestTo(c: Pick<Caller, 'role'>, to: RequestStatus): boolean {
  return REQUEST_MOVES[c.role].includes(to);
}

/** True when the caller may write on a request it reads (change it, post to its thread). */
export function writesRequest(c: Caller, r: RequestRef): boolean {
  return readsRequest(c, r) && writesRequests(c);
}

/** True when a provider may only answer a request (not reassign or reprioritise it). */
export function onlyAnswersRequests(c: Pick<Caller, 'role'>): boolean {
  return c.role === 'service_provider';
}

/** The moves to offer as buttons: allowed by the workflow from the current status and by the role. */
export function requestMovesFor(c: Pick<Caller, 'role'>, r: { status: RequestStatus }): RequestStatus[] {
  return REQUEST_TRANSITIONS[r.status].filter((s) => movesRequestTo(c, s));
}

/** True when the role may write on the requests it reads at all (the thread box). */
export function writesRequests(c: Pick<Caller, 'role'>): boolean {
  return REQUEST_MOVES[c.role].length > 0;
}
