import { create } from 'zustand';
import type { Change } from '../../../shared/events.js';
import { indexById, mergeById, newerVersion, type ById, type Merged } from './byId.js';

/** A store holding one domain's records by id, and nothing else. */
export interface ByIdState<T> {
  byId: ById<T>;
  /** Replace everything with a snapshot. */
  replaceAll: (records: readonly T[]) => void;
  /** Merge one record, e.g. from an HTTP reply; an older version never replaces a newer one. */
  upsert: (record: T) => void;
  /** Apply stream changes released by the realtime layer, in seq order. */
  applyEvent: (changes: readonly Change[]) => void;
  reset: () => void;
}

/**
 * A zustand store of versioned records by id. `applyChanges` is the domain's pure reducer that picks
 * its records out of a batch of changes; `keep` is the rule it merges with, which `upsert` (an HTTP
 * reply) uses too. The map keeps its identity when nothing changed, so selectors do not re-render
 * for echoes of our own writes. Every by-id domain store is built here (registered in
 * app/domainStores.ts).
 */
export function createByIdStore<T extends { id: string; version: number }>(
  applyChanges: (byId: ById<T>, changes: readonly Change[]) => Merged<T>,
  keep: (current: T | undefined, incoming: T) => T = newerVersion,
) {
  return create<ByIdState<T>>()((set, get) => ({
    byId: {},
    replaceAll: (records) => set({ byId: indexById(records) }),
    upsert: (record) => {
      const { byId } = mergeById(get().byId, [record], keep);
      if (byId !== get().byId) set({ byId });
    },
    applyEvent: (changes) => {
      const { byId } = applyChanges(get().byId, changes);
      if (byId !== get().byId) set({ byId });
    },
    reset: () => set({ byId: {} }),
  }));
}
