import '../lib/zodConfig.js';
import type { z } from 'zod';
import {
  EVENT_DATA_SCHEMAS,
  HelloSchema,
  type Change,
  type ChangeType,
  type Hello,
  type SyncResult,
} from '../../../shared/events.js';
import { RiskAlertSchema } from '../../../shared/schemas/alerts.js';
import { OrganisationSchema } from '../../../shared/schemas/auth.js';
import { IncidentSummarySchema } from '../../../shared/schemas/incidents.js';
import { CoordinationRequestSchema } from '../../../shared/schemas/requests.js';
import { GbvAlertSchema, ServicePointSchema, StockTotalsSchema } from '../../../shared/schemas/services.js';
import { ShelterSchema } from '../../../shared/schemas/shelters.js';
import type { Snapshot } from './snapshot.js';

/**
 * Validation of everything the server sends, with the shared schemas. This module (zod and every
 * domain schema, about 30 KB gzip) is its own chunk: realtime/ loads it beside the snapshot, so
 * the first screen draws without waiting for it.
 */

const DATA_SCHEMAS: Record<ChangeType, { safeParse: (v: unknown) => { success: boolean } }> =
  EVENT_DATA_SCHEMAS;

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
    Object.hasOwn(DATA_SCHEMAS, type) &&
    typeof c['at'] === 'string' &&
    typeof c['data'] === 'object' &&
    c['data'] !== null;
  if (!envelopeOk || !DATA_SCHEMAS[type as ChangeType].safeParse(c['data']).success) {
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

/** Check the server's `hello`. */
export function parseHello(raw: unknown): Hello | null {
  const r = HelloSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** Keep the records that pass their schema; a bad one is dropped and logged, the rest still load. */
function valid<T>(schema: z.ZodType, list: unknown, what: string): T[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const out: T[] = [];
  for (const x of list) {
    if (schema.safeParse(x).success) out.push(x as T);
    else console.warn('snapshot: record failed validation', what);
  }
  return out;
}

/**
 * Check a snapshot. Keys a role may not read are absent and stay absent (undefined), so the stores
 * can tell "none" from "not yours".
 */
export function parseSnapshot(raw: unknown): Snapshot | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r['seq'] !== 'number') return null;
  const incidents = r['incidents'];
  return {
    seq: r['seq'],
    shelters: valid(ShelterSchema, r['shelters'], 'shelter') ?? [],
    organisations: valid(OrganisationSchema, r['organisations'], 'organisation') ?? [],
    services: valid(ServicePointSchema, r['services'], 'service') ?? [],
    alerts: valid(RiskAlertSchema, r['alerts'], 'alert') ?? [],
    requests: valid(CoordinationRequestSchema, r['requests'], 'request') ?? [],
    gbvAlerts: valid(GbvAlertSchema, r['gbvAlerts'], 'gbv alert') ?? [],
    stockTotals: valid(StockTotalsSchema, r['stockTotals'], 'stock totals'),
    incidents:
      incidents !== undefined && IncidentSummarySchema.safeParse(incidents).success
        ? (incidents as Snapshot['incidents'])
        : undefined,
  };
}
