import '../lib/zodConfig.js';
import { z } from 'zod';
import {
  ChangeSchema,
  HelloSchema,
  HiddenChangeSchema,
  SnapshotDomainSchema,
  SnapshotSchema,
  SyncResultSchema,
  type Change,
  type Hello,
  type SyncResult,
} from '../../../shared/events.js';
import type { SnapshotDomain } from '../../../shared/snapshotParts.js';
import { unfoldHidden } from '../../../shared/hiddenRuns.js';
import type { Snapshot } from './snapshot.js';

/**
 * Validation of everything the server sends, with the shared contract (shared/events.ts). This
 * module (zod and every domain schema, about 30 KB gzip) is its own chunk: realtime/ loads it beside
 * the snapshot, so the first screen draws without waiting for it.
 */

const SeqSchema = HiddenChangeSchema.shape.seq;

/**
 * Check a pushed change. A change that fails still holds its seq, so it becomes a placeholder:
 * the stream stays gap-free and the bad record is never shown.
 */
export function parseChange(raw: unknown): Change | null {
  const seq = SeqSchema.safeParse((raw as { seq?: unknown } | null)?.seq);
  if (typeof raw !== 'object' || !seq.success) return null;
  const change = ChangeSchema.safeParse(raw);
  if (change.success) return change.data;
  console.warn('realtime: change failed validation', seq.data);
  return { seq: seq.data, type: 'hidden' };
}

// The frame of a sync answer, its events not yet looked at.
const SyncFrameSchema = SyncResultSchema.options[0].extend({ events: z.array(z.unknown()) });

/**
 * Check a sync answer; its events are checked one by one so one bad record does not drop the rest.
 * Placeholder runs (shared/hiddenRuns.ts) are unfolded first, one placeholder per seq; a malformed
 * run makes the whole answer unusable (null: the client asks again), since its seqs are unknown.
 */
export function parseSyncResult(raw: unknown): SyncResult | null {
  const frame = SyncFrameSchema.safeParse(raw);
  if (!frame.success) return SyncResultSchema.safeParse(raw).data ?? null;
  const unfolded = unfoldHidden(frame.data.events);
  if (!unfolded) return null;
  const whole = SyncResultSchema.safeParse({ ...frame.data, events: unfolded });
  if (whole.success) return whole.data;
  const events = unfolded.map(parseChange).filter((c): c is Change => c !== null);
  return { reset: false, head: frame.data.head, events };
}

const HelloFrameSchema = HelloSchema.omit({ catchUp: true });

/**
 * Check the server's `hello`; its catch-up as a sync answer (event by event). A catch-up that does
 * not parse is dropped, so the client asks with `sync` instead.
 */
export function parseHello(raw: unknown): Hello | null {
  const r = HelloFrameSchema.safeParse(raw);
  if (!r.success) return null;
  const catchUp = (raw as { catchUp?: unknown }).catchUp;
  const parsed = catchUp === undefined ? null : parseSyncResult(catchUp);
  return parsed ? { ...r.data, catchUp: parsed } : r.data;
}

const S = SnapshotSchema.shape;

/** Keep the records that pass their schema; a bad one is dropped and logged, the rest still load. */
function valid<T>(schema: z.ZodType<T>, list: unknown, what: string): T[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const out: T[] = [];
  for (const x of list) {
    const r = schema.safeParse(x);
    if (r.success) out.push(r.data);
    else console.warn('snapshot: record failed validation', what);
  }
  return out;
}

/**
 * Check a snapshot against `SnapshotSchema`, record by record. Keys a role may not read are absent
 * and stay absent (undefined), so the stores can tell "none" from "not yours".
 */
export function parseSnapshot(raw: unknown): Snapshot | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const seq = S.seq.safeParse(r['seq']);
  if (!seq.success) return null;
  const incidents = S.incidents.safeParse(r['incidents']);
  return {
    seq: seq.data,
    shelters: valid(S.shelters.element, r['shelters'], 'shelter') ?? [],
    organisations: valid(S.organisations.element, r['organisations'], 'organisation') ?? [],
    services: valid(S.services.element, r['services'], 'service') ?? [],
    alerts: valid(S.alerts.element, r['alerts'], 'alert') ?? [],
    requests: valid(S.requests.element, r['requests'], 'request') ?? [],
    gbvAlerts: valid(S.gbvAlerts.element, r['gbvAlerts'], 'gbv alert') ?? [],
    careAlerts: valid(S.careAlerts.unwrap().element, r['careAlerts'], 'care alert'),
    stockTotals: valid(S.stockTotals.unwrap().element, r['stockTotals'], 'stock totals'),
    incidents: incidents.success ? incidents.data : undefined,
  };
}

const PartDomainsSchema = z.array(SnapshotDomainSchema).min(1);

/**
 * Check a part of the snapshot (GET /api/snapshot?domains=…), record by record as a whole one. Only
 * the domains it says it covers are to be loaded from it; the rest of what it returns is filler.
 */
export function parseSnapshotPart(raw: unknown): { snap: Snapshot; domains: SnapshotDomain[] } | null {
  const domains = PartDomainsSchema.safeParse((raw as { domains?: unknown } | null)?.domains);
  const snap = parseSnapshot(raw);
  return domains.success && snap ? { snap, domains: domains.data } : null;
}
