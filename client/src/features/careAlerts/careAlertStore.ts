import type { Change } from '../../../../shared/events.js';
import type { CareAlert } from '../../../../shared/schemas/careAlerts.js';
import { mergeById, newerVersion, type ById, type Merged } from '../../lib/byId.js';
import { recordsIn } from '../../lib/changes.js';
import { createByIdStore } from '../../lib/byIdStore.js';

/** Apply duty-of-care alert changes (a pure reducer): raised, acknowledged and cleared carry the whole alert. */
export function applyCareAlertChanges(byId: ById<CareAlert>, changes: readonly Change[]): Merged<CareAlert> {
  const types = ['care-alert:raised', 'care-alert:acknowledged', 'care-alert:cleared'] as const;
  return mergeById(byId, recordsIn(changes, types), newerVersion);
}

/** Alerts whose condition still holds (open first, then acknowledged), newest first. */
export function liveCareAlerts(byId: ById<CareAlert>): CareAlert[] {
  const rank = (a: CareAlert) => (a.status === 'open' ? 0 : 1);
  return Object.values(byId)
    .filter((a) => a.status === 'open' || a.status === 'acknowledged')
    .sort((a, b) => rank(a) - rank(b) || (b.raisedAt ?? '').localeCompare(a.raisedAt ?? ''));
}

export const useCareAlertStore = createByIdStore<CareAlert>(applyCareAlertChanges);
