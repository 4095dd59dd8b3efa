import type { Queryable } from '../db/db.js';
import type { StoredEvent } from './log.js';
import { allDomains, domainOf } from './registry.js';

/**
 * The current state of the records whose visibility can tighten after the fact (see
 * `Domain.current`), so that past events are projected with it on every path.
 */
export interface CurrentStates {
  of(entity: string, id: string): unknown;
}

/** No current state known: each event is projected with its own state only. */
export const NO_CURRENT_STATES: CurrentStates = { of: () => undefined };

/** Read the current state, from the database, of every record the events touch (one query per entity). */
export async function loadCurrentStates(
  q: Queryable,
  events: readonly Pick<StoredEvent, 'entity' | 'entityId'>[],
): Promise<CurrentStates> {
  const byEntity = new Map<string, Map<string, unknown>>();
  for (const d of allDomains()) {
    if (!d.current) continue;
    const ids = [...new Set(events.filter((e) => e.entity === d.entity).map((e) => e.entityId))];
    if (ids.length) byEntity.set(d.entity, await d.current.load(q, ids));
  }
  if (!byEntity.size) return NO_CURRENT_STATES;
  return { of: (entity, id) => byEntity.get(entity)?.get(id) };
}

/** Current states kept up to date from the event stream, for a process that projects from memory. */
export interface LiveStates extends CurrentStates {
  /** Take an event's state; true when the record's visibility changed (earlier projections of it are stale). */
  track(ev: StoredEvent): boolean;
}

/** Every record's current state, loaded once, then kept by `track`. */
export async function loadLiveStates(q: Queryable): Promise<LiveStates> {
  const byEntity = new Map<string, Map<string, unknown>>();
  for (const d of allDomains()) if (d.current) byEntity.set(d.entity, await d.current.loadAll(q));
  return {
    of: (entity, id) => byEntity.get(entity)?.get(id),
    track(ev) {
      const source = domainOf(ev.entity)?.current;
      const states = byEntity.get(ev.entity);
      if (!source || !states) return false;
      const next = source.of(ev.data);
      const prev = states.get(ev.entityId);
      states.set(ev.entityId, next);
      return prev !== undefined && JSON.stringify(prev) !== JSON.stringify(next);
    },
  };
}
