import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { RequestStatusFilter } from '../features/requests/filters.js';
import { NO_SERVICE_FILTER, type ServiceFilter } from '../features/services/filters.js';
import { NO_FILTER, type ShelterFilter } from '../features/shelters/filters.js';

/** The default request list: those still open. */
export const OPEN_REQUESTS: RequestStatusFilter = 'open';

interface FilterState {
  /** The province every tab, figure and map layer narrows to (null: all provinces). */
  provinceCode: string | null;
  shelters: ShelterFilter;
  services: ServiceFilter;
  requests: RequestStatusFilter;
  setProvince: (provinceCode: string | null) => void;
  setShelterFilter: (patch: Partial<ShelterFilter>) => void;
  setServiceFilter: (patch: Partial<ServiceFilter>) => void;
  setRequestFilter: (requests: RequestStatusFilter) => void;
  reset: () => void;
}

const INITIAL = {
  provinceCode: null,
  shelters: NO_FILTER,
  services: NO_SERVICE_FILTER,
  requests: OPEN_REQUESTS,
} as const;

/**
 * What the user narrowed the picture to: one province for every domain, and each list's own status
 * filters. Lists and map layers read it; the domain stores hold records only.
 */
export const useFilterStore = create<FilterState>()((set, get) => ({
  ...INITIAL,
  setProvince: (provinceCode) => set({ provinceCode }),
  setShelterFilter: (patch) => set({ shelters: { ...get().shelters, ...patch } }),
  setServiceFilter: (patch) => set({ services: { ...get().services, ...patch } }),
  setRequestFilter: (requests) => set({ requests }),
  reset: () => set(INITIAL),
}));

const SETTERS = {
  shelters: 'setShelterFilter',
  services: 'setServiceFilter',
  requests: 'setRequestFilter',
} as const;

/** One list's own filter with its setter, and the shared province: what a list tab reads. */
export function useListFilter<K extends keyof typeof SETTERS>(list: K) {
  return useFilterStore(
    useShallow((s) => ({
      filter: s[list],
      setFilter: s[SETTERS[list]],
      province: s.provinceCode,
    })),
  );
}
