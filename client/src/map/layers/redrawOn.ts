import { useFilterStore } from '../../app/filterStore.js';

/** A domain store as a layer watches it: only whether its records changed. */
interface RecordStore {
  subscribe: (listener: (s: { byId: unknown }, prev: { byId: unknown }) => void) => () => void;
}

/**
 * Asks a layer's redraw whenever the records of one of its stores change and, for a layer that
 * shows a filtered list, when that list's filter or the province changes. Returns the unsubscribe.
 */
export function redrawOn(
  schedule: () => void,
  stores: readonly RecordStore[],
  list?: 'shelters' | 'services',
): () => void {
  const unsubs = stores.map((store) =>
    store.subscribe((s, prev) => {
      if (s.byId !== prev.byId) schedule();
    }),
  );
  if (list)
    unsubs.push(
      useFilterStore.subscribe((s, prev) => {
        if (s[list] !== prev[list] || s.provinceCode !== prev.provinceCode) schedule();
      }),
    );
  return () => unsubs.forEach((u) => u());
}
