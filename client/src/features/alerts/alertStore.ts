import type { Change } from '../../../../shared/events.js';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';
import { mergeById, newerVersion, type ById, type Merged } from '../../lib/byId.js';
import { recordsIn } from '../../lib/changes.js';
import { createByIdStore } from '../../lib/byIdStore.js';

/** The risk alerts a batch of changes carries, in seq order. */
export function alertsIn(changes: readonly Change[]): RiskAlert[] {
  return recordsIn(changes, ['alert:created', 'alert:updated']);
}

/** Apply a batch of stream changes to the alerts map (a pure reducer). */
export function applyAlertChanges(byId: ById<RiskAlert>, changes: readonly Change[]): Merged<RiskAlert> {
  return mergeById(byId, alertsIn(changes), newerVersion);
}

export const useAlertStore = createByIdStore<RiskAlert>(applyAlertChanges);
