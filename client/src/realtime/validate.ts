import '../lib/zodConfig.js';
import type { Change, ChangeType, SyncResult } from '../../../shared/events.js';
import { OrganisationSchema } from '../../../shared/schemas/auth.js';
import { ShelterSchema } from '../../../shared/schemas/shelters.js';

/**
 * Schemas of the records this client applies to its stores. Records of other domains only reach
 * the activity feed (type, time, name), so their schemas stay out of the phone's bundle; a domain
 * gets its schema here when it gets a store. Importing `ChangeSchema` from shared/events.ts would
 * pull in every domain's schemas (about 35 KB gzip).
 */
const DATA_SCHEMAS: Partial<Record<ChangeType, { safeParse: (v: unknown) => { success: boolean } }>> = {
  'shelter:created': ShelterSchema,
  'shelter:updated': ShelterSchema,
  'organisation:created': OrganisationSchema,
};

function isSeq(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/**
 * Check a pushed change. A change that fails still holds its seq, so it becomes a placeholder:
 * the stream stays gap-free and the bad record is never shown.
 */
export function parseChange(raw: unknown): Change | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Record<string, unknown>;
  if (!isSeq(c['seq'])) return null;
  const placeholder = { seq: c['seq'], type: 'hidden' } as const;
  if (c['type'] === 'hidden') return placeholder;
  const type = c['type'];
  const envelopeOk =
    typeof type === 'string' &&
    /^[a-z-]+:[a-z-]+$/.test(type) &&
    typeof c['at'] === 'string' &&
    typeof c['data'] === 'object' &&
    c['data'] !== null;
  const schema = envelopeOk ? DATA_SCHEMAS[type as ChangeType] : undefined;
  if (!envelopeOk || (schema && !schema.safeParse(c['data']).success)) {
    console.warn('realtime: change failed validation', c['seq']);
    return placeholder;
  }
  return raw as Change;
}

/** Check a sync answer; its events are checked one by one so one bad record does not drop the rest. */
export function parseSyncResult(raw: unknown): SyncResult | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { reset?: unknown; head?: unknown; events?: unknown };
  if (typeof r.head !== 'number') return null;
  if (r.reset === true) return { reset: true, head: r.head };
  if (r.reset !== false || !Array.isArray(r.events)) return null;
  const events: Change[] = [];
  for (const e of r.events) {
    const c = parseChange(e);
    if (c) events.push(c);
  }
  return { reset: false, head: r.head, events };
}
