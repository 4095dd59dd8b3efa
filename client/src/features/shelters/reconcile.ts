import type { Change } from '../../../../shared/events.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';

/** Shelters by id, as held by the store. */
export type SheltersById = Readonly<Record<string, Shelter>>;

/**
 * Pick the record to keep when a remote copy arrives. A higher version wins; an equal or lower one
 * is dropped so a socket echo of our own write (already applied from the HTTP reply) or a late
 * replay never rolls a record back, and unchanged records keep their identity for React.
 */
export function reconcileShelter(current: Shelter | undefined, incoming: Shelter): Shelter {
  if (!current || incoming.version > current.version) return incoming;
  return current;
}

/** Result of merging remote records: the new map and the ids whose record changed. */
export interface MergeResult {
  byId: SheltersById;
  changed: string[];
}

/** Merge records into the map; returns the same map object when nothing changed. */
export function mergeShelters(byId: SheltersById, incoming: readonly Shelter[]): MergeResult {
  let next: Record<string, Shelter> | null = null;
  const changed: string[] = [];
  for (const s of incoming) {
    const cur = (next ?? byId)[s.id];
    const kept = reconcileShelter(cur, s);
    if (kept === cur) continue;
    next ??= { ...byId };
    next[s.id] = kept;
    changed.push(s.id);
  }
  return { byId: next ?? byId, changed };
}

/** The shelters a batch of changes carries, in seq order; other domains and placeholders are skipped. */
export function sheltersIn(changes: readonly Change[]): Shelter[] {
  const out: Shelter[] = [];
  for (const c of changes) if (c.type === 'shelter:created' || c.type === 'shelter:updated') out.push(c.data);
  return out;
}

/** Apply a batch of stream changes to the shelters map (a pure reducer). */
export function applyChanges(byId: SheltersById, changes: readonly Change[]): MergeResult {
  return mergeShelters(byId, sheltersIn(changes));
}

/** Index a snapshot's shelters by id. */
export function indexShelters(shelters: readonly Shelter[]): SheltersById {
  const byId: Record<string, Shelter> = {};
  for (const s of shelters) byId[s.id] = s;
  return byId;
}
