import { create } from 'zustand';
import type { Change } from '../../../../shared/events.js';
import type { Organisation } from '../../../../shared/schemas/auth.js';

interface OrganisationState {
  byId: Readonly<Record<string, Organisation>>;
  replaceAll: (orgs: readonly Organisation[]) => void;
  applyEvent: (changes: readonly Change[]) => void;
  reset: () => void;
}

export const useOrganisationStore = create<OrganisationState>()((set, get) => ({
  byId: {},
  replaceAll: (orgs) => set({ byId: Object.fromEntries(orgs.map((o) => [o.id, o])) }),
  applyEvent: (changes) => {
    let next: Record<string, Organisation> | null = null;
    for (const c of changes) {
      if (c.type !== 'organisation:created') continue;
      const cur = (next ?? get().byId)[c.data.id];
      if (cur && cur.version >= c.data.version) continue;
      next ??= { ...get().byId };
      next[c.data.id] = c.data;
    }
    if (next) set({ byId: next });
  },
  reset: () => set({ byId: {} }),
}));
