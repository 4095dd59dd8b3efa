import type { CoordinationRequest } from '../../../../shared/schemas/requests.js';
import { createByIdStore } from '../../lib/byIdStore.js';
import { applyRequestChanges, reconcileRequest } from './reconcile.js';

/** Coordination requests by id. Threads live in the thread store; the status filter in the filter store. */
export const useRequestStore = createByIdStore<CoordinationRequest>(applyRequestChanges, reconcileRequest);
