import type { Change, SyncResult } from '../../shared/events.js';
import { LIMITS } from '../../shared/limits.js';
import type { StoredEvent } from '../events/log.js';
import { COMPACT_ABOVE, compactReplay } from '../events/compact.js';
import { shareReply } from './sharedReply.js';

// Recent events kept in memory (with their projections) to answer catch-up without the database.
const RING_MAX = 5000;
// Ring answers kept until the next event (or a forget); past this many distinct asks they are dropped.
const ANSWERS_MAX = 2000;

/** An emitted event with its projections so far, one per audience key. */
export interface RingEntry {
  ev: StoredEvent;
  projected: Map<string, Change>;
}

/** What the catch-up needs: the last seq emitted, a projection, and the log for older events. */
export interface CatchUpDeps {
  /** The last seq this process has emitted (the ring holds events up to it). */
  head: () => number;
  /** The event as the audience with this key may see it. */
  project: (ev: StoredEvent, audienceKey: string) => Change;
  /** A page of events after `afterSeq` from the log, projected for the audience (or a reset). */
  fromLog: (audienceKey: string, afterSeq: number) => Promise<SyncResult>;
  ringMax?: number;
  pageMax?: number;
}

/** Catch-up answers for sockets that missed events, and the ring of recent ones behind them. */
export interface CatchUp {
  /** Keep an emitted event (in seq order); returns its entry, to project it for each audience. */
  record(ev: StoredEvent): RingEntry;
  /** The entry's projection for an audience key, computed once per key. */
  projectedFor(entry: RingEntry, audienceKey: string): Change;
  /** Drop the projections of one record's events (its visibility changed since). */
  forget(entity: string, entityId: string): void;
  /**
   * The events after `afterSeq` for an audience key, a page at most. `continuing`: the socket is
   * paging through a long absence (its last reply was a page short of the head), so even a short
   * rest is compacted.
   */
  answer(audienceKey: string, afterSeq: number, continuing?: boolean): Promise<SyncResult>;
}

/**
 * The first page of a compacted replay: up to `pageMax` changes that carry data, with the seq-only
 * placeholders among them (a few bytes each, so a long absence of repeated updates is one page).
 */
export function pageOf(events: readonly Change[], pageMax: number): Change[] {
  let carrying = 0;
  for (let i = 0; i < events.length; i++)
    if (events[i]!.type !== 'hidden' && ++carrying > pageMax) return events.slice(0, i);
  return events.slice();
}

/**
 * Recent events come from memory, older ones from the log; identical requests (same audience, same
 * position) share one answer: from the log while it is being read, from memory until the ring changes.
 */
export function createCatchUp(deps: CatchUpDeps): CatchUp {
  const ringMax = deps.ringMax ?? RING_MAX;
  const pageMax = deps.pageMax ?? LIMITS.syncPageMax;
  const ring: RingEntry[] = [];
  const inFlight = new Map<string, Promise<SyncResult>>();
  // A thousand sockets back at once ask for the same few pages: each is sliced, projected and
  // compacted once. Keyed by audience and position, and dropped whenever the ring changes.
  const answers = new Map<string, SyncResult>();

  const projectedFor = (entry: RingEntry, key: string): Change => {
    let c = entry.projected.get(key);
    if (!c) entry.projected.set(key, (c = deps.project(entry.ev, key)));
    return c;
  };

  return {
    record(ev) {
      const entry = { ev, projected: new Map<string, Change>() };
      answers.clear();
      ring.push(entry);
      if (ring.length > ringMax) ring.splice(0, ring.length - ringMax);
      return entry;
    },
    projectedFor,
    forget(entity, entityId) {
      answers.clear();
      for (const e of ring) if (e.ev.entity === entity && e.ev.entityId === entityId) e.projected.clear();
    },
    answer(key, afterSeq, continuing = false) {
      const head = deps.head();
      const first = ring[0]?.ev.seq;
      const id = `${key}#${afterSeq}`;
      if (first !== undefined && afterSeq >= first - 1 && afterSeq <= head) {
        const cached = `${id}#${continuing ? 'c' : ''}`;
        const known = answers.get(cached);
        if (known && known.head === head) return Promise.resolve(known);
        // Everything after afterSeq that this process has emitted, a page at most (placeholders do
        // not fill it, so a long absence of repeated updates is one reply); anything newer
        // reaches the socket as a push, and a client further behind asks again from the page's end.
        // Compacted over the whole rest, so a page carries no state that a later page replaces.
        const rest = ring.slice(afterSeq - first + 1);
        const pairs = rest.map((e) => [e.ev, projectedFor(e, key)] as const);
        const events = pageOf(compactReplay(pairs, continuing ? 0 : COMPACT_ABOVE), pageMax);
        // Shared by every socket that asks: frozen, so no reader can change another's answer.
        const answer: SyncResult = { reset: false, events, head };
        Object.freeze(events);
        shareReply(Object.freeze(answer));
        if (answers.size >= ANSWERS_MAX) answers.clear();
        answers.set(cached, answer);
        return Promise.resolve(answer);
      }
      let p = inFlight.get(id);
      if (!p) {
        p = deps.fromLog(key, afterSeq).finally(() => inFlight.delete(id));
        inFlight.set(id, p);
      }
      return p;
    },
  };
}
