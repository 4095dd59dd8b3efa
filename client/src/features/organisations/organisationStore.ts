import type { Change } from '../../../../shared/events.js';
import type { Organisation } from '../../../../shared/schemas/auth.js';
import { mergeById, newerVersion, type ById, type Merged } from '../../lib/byId.js';
import { recordsIn } from '../../lib/changes.js';
import { createByIdStore } from '../../lib/byIdStore.js';

/** Apply `organisation:created` changes to the organisations map (a pure reducer). */
export function applyOrganisationChanges(
  byId: ById<Organisation>,
  changes: readonly Change[],
): Merged<Organisation> {
  return mergeById(byId, recordsIn(changes, ['organisation:created']), newerVersion);
}

export const useOrganisationStore = createByIdStore<Organisation>(applyOrganisationChanges);
