import { create } from 'zustand';
import type { Role } from '../../../shared/enums.js';
import { managesUsers, readsIncidents, readsRequests } from '../../../shared/domain/permissions.js';
import { useShelterStore } from '../features/shelters/shelterStore.js';

/** The lists beside the map. */
export const TABS = ['shelters', 'services', 'alerts', 'requests', 'incidents', 'admin'] as const;
export type Tab = (typeof TABS)[number];

/** What the detail column shows besides a shelter: a record of another domain, or a form. */
export type Detail =
  | { kind: 'service' | 'alert' | 'request'; id: string }
  | { kind: 'new-alert' }
  | { kind: 'new-request'; shelterId: string | null }
  | { kind: 'incident-entry' };

/** The tabs a role sees (SPEC 3): requests not for partner viewers, incidents for ops and GBV, admin for the admin. */
export function tabsFor(role: Role): Tab[] {
  return TABS.filter((t) => {
    if (t === 'requests') return readsRequests({ role });
    if (t === 'incidents') return readsIncidents({ role });
    if (t === 'admin') return managesUsers({ role });
    return true;
  });
}

interface NavState {
  tab: Tab;
  detail: Detail | null;
  setTab: (tab: Tab) => void;
  /** Open a record or form in the detail column; a chosen shelter gives way. */
  open: (detail: Detail) => void;
  close: () => void;
  reset: () => void;
}

export const useNavStore = create<NavState>()((set) => ({
  tab: 'shelters',
  detail: null,
  setTab: (tab) => set({ tab }),
  open: (detail) => {
    useShelterStore.getState().select(null);
    set({ detail });
  },
  close: () => set({ detail: null }),
  reset: () => set({ tab: 'shelters', detail: null }),
}));

// Choosing a shelter (list, map, feed) replaces whatever else the detail column showed.
useShelterStore.subscribe((s, prev) => {
  if ((s.selectedId && s.selectedId !== prev.selectedId) || (s.creating && !prev.creating))
    useNavStore.setState({ detail: null });
});
