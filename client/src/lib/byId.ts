/** Records held by a store, normalised by id. */
export type ById<T> = Readonly<Record<string, T>>;

/** Result of merging remote records: the new map (the same object when nothing changed) and the ids that changed. */
export interface Merged<T> {
  byId: ById<T>;
  changed: string[];
}

/** A higher version wins; an equal or older copy (an echo of our own write, a late replay) is dropped. */
export function newerVersion<T extends { version: number }>(current: T | undefined, incoming: T): T {
  return !current || incoming.version > current.version ? incoming : current;
}

/** Merge records into the map with a rule that picks the copy to keep. */
export function mergeById<T extends { id: string }>(
  byId: ById<T>,
  incoming: readonly T[],
  keep: (current: T | undefined, incoming: T) => T,
): Merged<T> {
  let next: Record<string, T> | null = null;
  const changed: string[] = [];
  for (const r of incoming) {
    const cur = (next ?? byId)[r.id];
    const kept = keep(cur, r);
    if (kept === cur) continue;
    next ??= { ...byId };
    next[r.id] = kept;
    changed.push(r.id);
  }
  return { byId: next ?? byId, changed };
}

/** Index a snapshot's records by id. */
export function indexById<T extends { id: string }>(list: readonly T[]): ById<T> {
  const out: Record<string, T> = {};
  for (const r of list) out[r.id] = r;
  return out;
}

/** The records `keep` passes, ranked by `rank` and then by name in the reader's language: a list's order. */
export function rankedByName<T extends { name: string }>(
  byId: ById<T>,
  keep: (r: T) => boolean,
  rank: (r: T) => number,
  locale: string,
): T[] {
  const coll = new Intl.Collator(locale);
  return Object.values(byId)
    .filter(keep)
    .sort((a, b) => rank(a) - rank(b) || coll.compare(a.name, b.name));
}
