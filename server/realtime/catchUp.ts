import type { Change, SyncResult } from '../../shared/events.js';
import { LIMITS } from '../../shared/limits.js';
import type { StoredEvent } from '../events/log.js';
import { compactReplay } from '../events/compact.js';

// Recent events kept in memory (with their projections) to answer catch-up without the database.
const RING_MAX = 5000;

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
  /** The events after `afterSeq` for an audience key, a page at most. */
  answer(audienceKey: string, afterSeq: number): Promise<SyncResult>;
}

/**
 * Recent events come from memory, older ones from the log; identical requests to the log (same
 * audience, same position) share one answer.
 */
export function createCatchUp(deps: CatchUpDeps): CatchUp {
  const ringMax = deps.ringMax ?? RING_MAX;
  const pageMax = deps.pageMax ?? LIMITS.syncPageMax;
  const ring: RingEntry[] = [];
  const inFlight = new Map<string, Promise<SyncResult>>();

  const projectedFor = (entry: RingEntry, key: string): Change => {
    let c = entry.projected.get(key);
    if (!c) entry.projected.set(key, (c = deps.project(entry.ev, key)));
    return c;
  };

  return {
    record(ev) {
      const entry = { ev, projected: new Map<string, Change>() };
      ring.push(entry);
      if (ring.length > ringMax) ring.splice(0, ring.length - ringMax);
      return entry;
    },
    projectedFor,
    forget(entity, entityId) {
      for (const e of ring) if (e.ev.entity === entity && e.ev.entityId === entityId) e.projected.clear();
    },
    answer(key, afterSeq) {
      const head = deps.head();
      const first = ring[0]?.ev.seq;
      if (first !== undefined && afterSeq >= first - 1 && afterSeq <= head) {
        // Everything after afterSeq that this process has emitted, a page at most; anything newer
        // reaches the socket as a push, and a client further behind asks again from the page's end.
        const start = afterSeq - first + 1;
        const slice = ring.slice(start, start + pageMax);
        return Promise.resolve({
          reset: false,
          events: compactReplay(slice.map((e) => [e.ev, projectedFor(e, key)] as const)),
          head,
        });
      }
      const id = `${key}#${afterSeq}`;
      let p = inFlight.get(id);
      if (!p) {
        p = deps.fromLog(key, afterSeq).finally(() => inFlight.delete(id));
        inFlight.set(id, p);
      }
      return p;
    },
  };
}
