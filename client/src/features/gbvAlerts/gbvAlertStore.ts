import type { Change } from '../../../../shared/events.js';
import type { GbvAlert } from '../../../../shared/schemas/services.js';
import { mergeById, newerVersion, type ById, type Merged } from '../../lib/byId.js';
import { recordsIn } from '../../lib/changes.js';
import { createByIdStore } from '../../lib/byIdStore.js';

/** Apply time-critical alert changes (a pure reducer). */
export function applyGbvAlertChanges(byId: ById<GbvAlert>, changes: readonly Change[]): Merged<GbvAlert> {
  return mergeById(byId, recordsIn(changes, ['gbv-alert:raised', 'gbv-alert:acknowledged']), newerVersion);
}

/** Open alerts, newest first. */
export function openGbvAlerts(byId: ById<GbvAlert>): GbvAlert[] {
  return Object.values(byId)
    .filter((a) => a.status === 'open')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export const useGbvAlertStore = createByIdStore<GbvAlert>(applyGbvAlertChanges);
