import type { Change } from './events.js';
import { LIMITS } from './limits.js';

/**
 * A run of seq-only placeholders on the wire: every seq from `seq` through `through` is an event
 * the audience may not see. A catch-up reply is mostly these for a role that sees little (a
 * shelter manager back after an hour: thousands of 28-byte placeholders, about 140 KB on a 50 KB/s
 * link); as runs they are a few dozen bytes. Sent only to a client that asked for runs (the
 * handshake's or the `sync` payload's `hiddenRuns`), after the server's hello said it sends them.
 */
export interface HiddenRun {
  seq: number;
  type: 'hidden';
  through: number;
}

/** A catch-up reply's event as sent: a change, or a run of placeholders. */
export type WireChange = Change | HiddenRun;

/** Fold each stretch of two or more placeholders with consecutive seqs into one run; the rest as it is. */
export function foldHidden(events: readonly Change[]): WireChange[] {
  const out: WireChange[] = [];
  for (let i = 0; i < events.length;) {
    const e = events[i]!;
    let j = i + 1;
    if (e.type === 'hidden')
      while (j < events.length && events[j]!.type === 'hidden' && events[j]!.seq === events[j - 1]!.seq + 1)
        j++;
    out.push(j - i > 1 ? { seq: e.seq, type: 'hidden', through: events[j - 1]!.seq } : e);
    i = j;
  }
  return out;
}

/** A reply spans at most the server's replay window of seqs; twice that bounds what its runs may unfold to. */
export const UNFOLD_MAX = 2 * LIMITS.syncReplayMax;

/**
 * Unfold the runs of a reply's events (not yet validated) into one placeholder per seq, at most
 * `max` in all; null when a run is malformed (`through` not a whole number at or past `seq`) or the
 * reply would unfold past `max`: the reply is then not taken, and the client asks again.
 */
export function unfoldHidden(events: readonly unknown[], max = UNFOLD_MAX): unknown[] | null {
  const out: unknown[] = [];
  for (const e of events) {
    const through = (e as { through?: unknown } | null)?.through;
    if (through === undefined) {
      out.push(e);
      continue;
    }
    const { seq, type } = e as { seq?: unknown; type?: unknown };
    if (type !== 'hidden' || !Number.isSafeInteger(seq) || !Number.isSafeInteger(through)) return null;
    const from = seq as number;
    const to = through as number;
    if (from < 1 || to < from || out.length + (to - from + 1) > max) return null;
    for (let s = from; s <= to; s++) out.push({ seq: s, type: 'hidden' });
  }
  return out.length > max ? null : out;
}
