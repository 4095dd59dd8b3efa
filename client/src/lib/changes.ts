import type { Change } from '../../../shared/events.js';

/** A change that carries a record (every type but the `hidden` placeholder). */
type DataChange = Extract<Change, { data: unknown }>;
/** The record a change of type `K` carries. */
export type DataOf<K extends DataChange['type']> = Extract<DataChange, { type: K }>['data'];

/** The records that changes of the given types carry, in seq order; other domains and placeholders are skipped. */
export function recordsIn<K extends DataChange['type']>(
  changes: readonly Change[],
  types: readonly K[],
): DataOf<K>[] {
  const wanted: readonly string[] = types;
  const isWanted = (c: Change): c is Extract<DataChange, { type: K }> => wanted.includes(c.type);
  return changes.filter(isWanted).map((c) => c.data as DataOf<K>);
}
