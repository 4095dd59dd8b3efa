import type { ServicePoint } from '../../../../shared/schemas/services.js';
import { createByIdStore } from '../../lib/byIdStore.js';
import { applyServiceChanges } from './reconcile.js';

/** Service points by id. The list filter lives in the filter store. */
export const useServiceStore = createByIdStore<ServicePoint>(applyServiceChanges);
