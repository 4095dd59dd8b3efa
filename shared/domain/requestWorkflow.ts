import type { RequestStatus } from '../enums.js';

/** The allowed moves of a coordination request (SPEC 2.6); any open state may be escalated. */
export const REQUEST_TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  open: ['acknowledged', 'declined', 'cancelled', 'escalated'],
  acknowledged: ['in_progress', 'declined', 'cancelled', 'escalated'],
  in_progress: ['done', 'cancelled', 'escalated'],
  // An escalated request is still open: someone picks it up, declines it, or it is withdrawn.
  escalated: ['acknowledged', 'in_progress', 'declined', 'cancelled'],
  done: [],
  declined: [],
  cancelled: [],
};

/** True when a request may move from one status to another. */
export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return REQUEST_TRANSITIONS[from].includes(to);
}

/** True while a request still needs something done (it counts as open). */
export function isOpenRequest(status: RequestStatus): boolean {
  return REQUEST_TRANSITIONS[status].length > 0;
}
