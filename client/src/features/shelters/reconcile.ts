import type { Change } from '../../../../shared/events.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { indexById, mergeById, newerVersion, type ById, type Merged } from '../../lib/byId.js';
import { recordsIn } from '../../lib/changes.js';

/** Shelters by id, as held by the store. */
export type SheltersById = ById<Shelter>;

/**
 * Pick the record to keep when a remote copy arrives. A higher version wins; an equal or lower one
 * is dropped so a socket echo of our own write (already applied from the HTTP reply) or a late
 * replay never rolls a record back, and unchanged records keep their identity for React.
 */
export function reconcileShelter(current: Shelter | undefined, incoming: Shelter): Shelter {
  return newerVersion(current, incoming);
}

/** Result of merging remote records: the new map and the ids whose record changed. */
export type MergeResult = Merged<Shelter>;

/** Merge records into the map; returns the same map object when nothing changed. */
export function mergeShelters(byId: SheltersById, incoming: readonly Shelter[]): MergeResult {
  return mergeById(byId, incoming, reconcileShelter);
}

/** The shelters a batch of changes carries, in seq order; other domains and placeholders are skipped. */
export function sheltersIn(changes: readonly Change[]): Shelter[] {
  return recordsIn(changes, ['shelter:created', 'shelter:updated']);
}

/** Apply a batch of stream changes to the shelters map (a pure reducer). */
export function applyChanges(byId: SheltersById, changes: readonly Change[]): MergeResult {
  return mergeShelters(byId, sheltersIn(changes));
}

/** Index a snapshot's shelters by id. */
export function indexShelters(shelters: readonly Shelter[]): SheltersById {
  return indexById(shelters);
}
