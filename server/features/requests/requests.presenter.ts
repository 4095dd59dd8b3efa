import type { CoordinationRequest, RequestMessageAdded } from '../../../shared/schemas/requests.js';
import { readsRequest } from '../../../shared/domain/permissions.js';
import type { Audience } from '../../auth/viewer.js';

/** A request as the reader may see it, or null. */
export function presentRequest(r: CoordinationRequest, a: Audience): CoordinationRequest | null {
  return readsRequest(a, r) ? r : null;
}

/** A thread message goes to those who read its request. */
export function presentRequestMessage(d: RequestMessageAdded, a: Audience): RequestMessageAdded | null {
  return readsRequest(a, d.request) ? d : null;
}
