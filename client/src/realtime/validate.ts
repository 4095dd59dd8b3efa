import '../lib/zodConfig.js';
import { ChangeSchema, SyncResultSchema, type Change, type SyncResult } from '../../../shared/events.js';

/**
 * Check a pushed change against the shared schema. A change that fails still holds its seq, so it
 * becomes a placeholder: the stream stays gap-free and the bad record is never shown.
 */
export function parseChange(raw: unknown): Change | null {
  const r = ChangeSchema.safeParse(raw);
  if (r.success) return r.data;
  const seq = (raw as { seq?: unknown } | null)?.seq;
  console.warn('realtime: change failed validation', typeof seq === 'number' ? seq : '?');
  return typeof seq === 'number' && Number.isInteger(seq) && seq > 0 ? { seq, type: 'hidden' } : null;
}

/** Check a sync answer; its events are checked one by one so one bad record does not drop the rest. */
export function parseSyncResult(raw: unknown): SyncResult | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { reset?: unknown; head?: unknown; events?: unknown };
  if (typeof r.head !== 'number') return null;
  if (r.reset === true) return { reset: true, head: r.head };
  if (r.reset !== false || !Array.isArray(r.events)) {
    return SyncResultSchema.safeParse(raw).success ? (raw as SyncResult) : null;
  }
  const events: Change[] = [];
  for (const e of r.events) {
    const c = parseChange(e);
    if (c) events.push(c);
  }
  return { reset: false, head: r.head, events };
}
