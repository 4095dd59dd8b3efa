import { create } from 'zustand';
import { SNAPSHOT_DOMAINS, type SnapshotDomain } from '../../../shared/snapshotParts.js';

interface DomainLoadState {
  /** The domains whose records are in the stores (from the server or from this device). */
  loaded: Readonly<Partial<Record<SnapshotDomain, true>>>;
  mark: (domains: readonly SnapshotDomain[]) => void;
  reset: () => void;
}

/**
 * Which domains have arrived. The snapshot comes in parts (the first screen's domains first), so a
 * screen or a figure whose domain has not arrived shows a skeleton, never "0" or "no results".
 */
export const useDomainLoadStore = create<DomainLoadState>()((set) => ({
  loaded: {},
  mark: (domains) =>
    set((s) => {
      if (domains.every((d) => s.loaded[d])) return s;
      const loaded = { ...s.loaded };
      for (const d of domains) loaded[d] = true;
      return { loaded };
    }),
  reset: () => set({ loaded: {} }),
}));

/** Whether every one of `domains` has arrived. */
export function useDomainsLoaded(...domains: readonly SnapshotDomain[]): boolean {
  return useDomainLoadStore((s) => domains.every((d) => s.loaded[d]));
}

/** Every domain, for a whole snapshot. */
export const ALL_DOMAINS: readonly SnapshotDomain[] = SNAPSHOT_DOMAINS;
