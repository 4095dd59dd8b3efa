import type { Change } from '../../../../shared/events.js';
import type { Organisation } from '../../../../shared/schemas/auth.js';
import { mergeById, newerVersion, type ById, type Merged } from '../../lib/byId.js';
import { createByIdStore } from '../../lib/byIdStore.js';

/** Apply `organisation:created` changes to the organisations map (a pure reducer). */
export function applyOrganisationChanges(
  byId: ById<Organisation>,
  changes: readonly Change[],
): Merged<Organisation> {
  const incoming: Organisation[] = [];
  for (const c of changes) if (c.type === 'organisation:created') incoming.push(c.data);
  return mergeById(byId, incoming, newerVersion);
}

export const useOrganisationStore = createByIdStore<Organisation>(applyOrganisationChanges);
