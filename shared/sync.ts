import type { Change } from './events.js';

/** The position in an event stream plus items that arrived ahead of a gap. */
export interface StreamState<T extends { seq: number } = Change> {
  lastSeq: number;
  pending: ReadonlyMap<number, T>;
}

/** Result of offering one or more items to the stream. */
export interface StreamStep<T extends { seq: number } = Change> {
  state: StreamState<T>;
  /** Items to apply now, in seq order, each exactly once. */
  apply: T[];
  /** True when a gap stands before the pending items and the reader must catch up. */
  gap: boolean;
}

/** A fresh stream position, as after loading a snapshot current to `seq`. */
export function startStream<T extends { seq: number } = Change>(seq: number): StreamState<T> {
  return { lastSeq: seq, pending: new Map() };
}

/**
 * Offer items to the stream: duplicates and already-applied seqs are dropped, contiguous ones
 * are released in order, and anything past a gap waits in `pending` until the gap is filled.
 * The client reorders changes with it and the server its bus events (one copy of the logic).
 */
export function receive<T extends { seq: number }>(
  state: StreamState<T>,
  items: readonly T[],
): StreamStep<T> {
  const pending = new Map(state.pending);
  for (const c of items) if (c.seq > state.lastSeq && !pending.has(c.seq)) pending.set(c.seq, c);
  let lastSeq = state.lastSeq;
  const apply: T[] = [];
  for (let next = pending.get(lastSeq + 1); next; next = pending.get(lastSeq + 1)) {
    pending.delete(next.seq);
    lastSeq = next.seq;
    apply.push(next);
  }
  return { state: { lastSeq, pending }, apply, gap: pending.size > 0 };
}
