import type { Change } from '../../shared/events.js';
import type { StoredEvent } from './log.js';

/** Broadcast types whose data is the record's whole new state, so a later one of the same record supersedes an earlier one. */
const STATE_TYPES = new Set<string>([
  'shelter:updated',
  'service:updated',
  'service:availability-changed',
  'alert:updated',
  'request:updated',
  'stock-totals:changed',
  'incident:summary-changed',
  'incident:released',
]);

/**
 * Replies up to this long are sent whole, so a short absence still shows every step in the
 * activity feed; longer ones (a phone that was off for an hour) are compacted.
 */
export const COMPACT_ABOVE = 100;

/**
 * Compact a catch-up reply: when the same record has several visible state updates of one type,
 * only the last carries data and the earlier ones become seq-only placeholders. The stream stays
 * gap-free and the client ends in the same state, with far less to parse after a long absence.
 * Only visible changes supersede: a later hidden change never blanks an earlier visible one.
 */
export function compactReplay(
  pairs: readonly (readonly [StoredEvent, Change])[],
  minLength = COMPACT_ABOVE,
): Change[] {
  if (pairs.length <= minLength) return pairs.map(([, ch]) => ch);
  const lastOf = new Map<string, number>();
  pairs.forEach(([ev, ch], i) => {
    if (ch.type !== 'hidden' && STATE_TYPES.has(ev.type))
      lastOf.set(`${ev.type}|${ev.entity}|${ev.entityId}`, i);
  });
  return pairs.map(([ev, ch], i) => {
    if (ch.type === 'hidden' || !STATE_TYPES.has(ev.type)) return ch;
    return lastOf.get(`${ev.type}|${ev.entity}|${ev.entityId}`) === i ? ch : { seq: ch.seq, type: 'hidden' };
  });
}
