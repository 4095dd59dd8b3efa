import { create } from 'zustand';
import type { Change } from '../../../../shared/events.js';
import type { GbvAlert } from '../../../../shared/schemas/services.js';
import { indexById, mergeById, newerVersion, type ById, type Merged } from '../../lib/byId.js';

/** Apply time-critical alert changes (a pure reducer). */
export function applyGbvAlertChanges(byId: ById<GbvAlert>, changes: readonly Change[]): Merged<GbvAlert> {
  const incoming: GbvAlert[] = [];
  for (const c of changes)
    if (c.type === 'gbv-alert:raised' || c.type === 'gbv-alert:acknowledged') incoming.push(c.data);
  return mergeById(byId, incoming, newerVersion);
}

/** Open alerts, newest first. */
export function openGbvAlerts(byId: ById<GbvAlert>): GbvAlert[] {
  return Object.values(byId)
    .filter((a) => a.status === 'open')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

interface GbvAlertState {
  byId: ById<GbvAlert>;
  replaceAll: (alerts: readonly GbvAlert[]) => void;
  upsert: (alert: GbvAlert) => void;
  applyEvent: (changes: readonly Change[]) => void;
  reset: () => void;
}

export const useGbvAlertStore = create<GbvAlertState>()((set, get) => ({
  byId: {},
  replaceAll: (alerts) => set({ byId: indexById(alerts) }),
  upsert: (alert) => {
    const { byId } = mergeById(get().byId, [alert], newerVersion);
    if (byId !== get().byId) set({ byId });
  },
  applyEvent: (changes) => {
    const { byId } = applyGbvAlertChanges(get().byId, changes);
    if (byId !== get().byId) set({ byId });
  },
  reset: () => set({ byId: {} }),
}));
