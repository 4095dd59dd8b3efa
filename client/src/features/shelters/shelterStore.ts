import { create } from 'zustand';
import type { Change } from '../../../../shared/events.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { NO_FILTER, type ShelterFilter } from './filters.js';
import { applyChanges, indexShelters, mergeShelters, type SheltersById } from './reconcile.js';

interface ShelterState {
  byId: SheltersById;
  selectedId: string | null;
  /** The new-shelter form is open in the panel. */
  creating: boolean;
  filter: ShelterFilter;
  /** Replace everything with a snapshot. */
  replaceAll: (shelters: readonly Shelter[]) => void;
  /** Merge one record, e.g. from an HTTP reply; an older version never replaces a newer one. */
  upsert: (shelter: Shelter) => void;
  /** Apply stream changes released by the realtime layer, in seq order. */
  applyEvent: (changes: readonly Change[]) => void;
  select: (id: string | null) => void;
  setCreating: (creating: boolean) => void;
  setFilter: (patch: Partial<ShelterFilter>) => void;
  reset: () => void;
}

export const useShelterStore = create<ShelterState>()((set, get) => ({
  byId: {},
  selectedId: null,
  creating: false,
  filter: NO_FILTER,
  replaceAll: (shelters) => set({ byId: indexShelters(shelters) }),
  upsert: (shelter) => {
    const { byId } = mergeShelters(get().byId, [shelter]);
    if (byId !== get().byId) set({ byId });
  },
  applyEvent: (changes) => {
    const { byId } = applyChanges(get().byId, changes);
    if (byId !== get().byId) set({ byId });
  },
  select: (selectedId) => set({ selectedId, creating: false }),
  setCreating: (creating) => set(creating ? { creating, selectedId: null } : { creating }),
  setFilter: (patch) => set({ filter: { ...get().filter, ...patch } }),
  reset: () => set({ byId: {}, selectedId: null, creating: false, filter: NO_FILTER }),
}));
