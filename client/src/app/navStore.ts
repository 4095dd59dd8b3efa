import { create } from 'zustand';
import type { Role } from '../../../shared/enums.js';
import { managesUsers, readsIncidents, readsRequests } from '../../../shared/domain/permissions.js';

/** The lists beside the map. */
export const TABS = ['shelters', 'services', 'alerts', 'requests', 'incidents', 'admin'] as const;
export type Tab = (typeof TABS)[number];

/** The domains whose records the detail column opens by id. */
export type RecordKind = 'shelter' | 'service' | 'alert' | 'request';

/** What the detail column shows: one record of any domain, or a form. */
export type Detail =
  | { kind: RecordKind; id: string }
  | { kind: 'new-shelter' }
  | { kind: 'new-alert' }
  | { kind: 'new-request'; shelterId: string | null }
  | { kind: 'incident-entry' };

/** The id of the record of `kind` the detail column shows, or null. */
export function openId(detail: Detail | null, kind: RecordKind): string | null {
  return detail && detail.kind === kind && 'id' in detail ? detail.id : null;
}

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
  /** The one selection: choosing a record or form (list, map, feed) replaces whatever was open. */
  detail: Detail | null;
  setTab: (tab: Tab) => void;
  /** Open a record or form in the detail column. */
  open: (detail: Detail) => void;
  close: () => void;
  reset: () => void;
}

export const useNavStore = create<NavState>()((set) => ({
  tab: 'shelters',
  detail: null,
  setTab: (tab) => set({ tab }),
  open: (detail) => set({ detail }),
  close: () => set({ detail: null }),
  reset: () => set({ tab: 'shelters', detail: null }),
}));
