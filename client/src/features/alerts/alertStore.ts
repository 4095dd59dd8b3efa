import { create } from 'zustand';
import type { Change } from '../../../../shared/events.js';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';
import { indexById, mergeById, newerVersion, type ById, type Merged } from '../../lib/byId.js';

/** The risk alerts a batch of changes carries, in seq order. */
export function alertsIn(changes: readonly Change[]): RiskAlert[] {
  const out: RiskAlert[] = [];
  for (const c of changes) if (c.type === 'alert:created' || c.type === 'alert:updated') out.push(c.data);
  return out;
}

/** Apply a batch of stream changes to the alerts map (a pure reducer). */
export function applyAlertChanges(byId: ById<RiskAlert>, changes: readonly Change[]): Merged<RiskAlert> {
  return mergeById(byId, alertsIn(changes), newerVersion);
}

interface AlertState {
  byId: ById<RiskAlert>;
  replaceAll: (alerts: readonly RiskAlert[]) => void;
  upsert: (alert: RiskAlert) => void;
  applyEvent: (changes: readonly Change[]) => void;
  reset: () => void;
}

export const useAlertStore = create<AlertState>()((set, get) => ({
  byId: {},
  replaceAll: (alerts) => set({ byId: indexById(alerts) }),
  upsert: (alert) => {
    const { byId } = mergeById(get().byId, [alert], newerVersion);
    if (byId !== get().byId) set({ byId });
  },
  applyEvent: (changes) => {
    const { byId } = applyAlertChanges(get().byId, changes);
    if (byId !== get().byId) set({ byId });
  },
  reset: () => set({ byId: {} }),
}));
