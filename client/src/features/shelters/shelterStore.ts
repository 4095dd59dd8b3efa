import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { createByIdStore } from '../../lib/byIdStore.js';
import { applyChanges, reconcileShelter } from './reconcile.js';

/** Shelters by id. Which one is open lives in the nav store; the filters in the filter store. */
export const useShelterStore = createByIdStore<Shelter>(applyChanges, reconcileShelter);
