import type { Change } from './events.js';

/** The client's position in the event stream plus events that arrived ahead of a gap. */
export interface StreamState {
  lastSeq: number;
  pending: ReadonlyMap<number, Change>;
}

/** Result of offering one or more changes to the stream. */
export interface StreamStep {
  state: StreamState;
  /** Changes to apply now, in seq order, each exactly once. */
  apply: Change[];
  /** True when a gap stands before the pending changes and the client must catch up. */
  gap: boolean;
}

/** A fresh stream position, as after loading a snapshot current to `seq`. */
export function startStream(seq: number): StreamState {
  return { lastSeq: seq, pending: new Map() };
}

/**
 * Offer changes to the stream: duplicates and already-applied seqs are dropped, contiguous ones
 * are released in order, and anything past a gap waits in `pending` until the gap is filled.
 */
export function receive(state: StreamState, changes: readonly Change[]): StreamStep {
  const pending = new Map(state.pending);
  for (const c of changes) if (c.seq > state.lastSeq && !pending.has(c.seq)) pending.set(c.seq, c);
  let lastSeq = state.lastSeq;
  const apply: Change[] = [];
  for (let next = pending.get(lastSeq + 1); next; next = pending.get(lastSeq + 1)) {
    pending.delete(next.seq);
    lastSeq = next.seq;
    apply.push(next);
  }
  return { state: { lastSeq, pending }, apply, gap: pending.size > 0 };
}
