import { isOpenRequest } from '../../../../shared/domain/requestWorkflow.js';
import type { CoordinationRequest } from '../../../../shared/schemas/requests.js';

/** Which requests the list shows: those still open, all, or one status. */
export type RequestStatusFilter = 'open' | 'all' | CoordinationRequest['status'];

/** True when the request passes the status filter and the province (null: all provinces). */
export function matchesRequestFilter(
  r: CoordinationRequest,
  status: RequestStatusFilter,
  provinceCode: string | null,
): boolean {
  if (provinceCode && r.provinceCode !== provinceCode) return false;
  if (status === 'all') return true;
  return status === 'open' ? isOpenRequest(r.status) : r.status === status;
}
