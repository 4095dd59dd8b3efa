import type { z } from 'zod';
import { IdSchema } from '../../../shared/schemas/common.js';
import type { NewEvent } from '../../events/log.js';
import { HttpError } from '../../http/errors.js';
import type { ColumnMap, FileRow } from './import.table.js';
import { readCell, setPath } from './import.table.js';
import { issueReason, type Reason } from './import.reasons.js';

/** What one stored row did. */
export interface RowOutcome {
  outcome: 'created' | 'updated' | 'unchanged';
  events: NewEvent[];
  /** Things the user should know about a stored row (a safe house's position hidden). */
  notes?: { path: string; note: 'safe_house_hidden' | 'status_not_imported' }[];
}

/** One refused cell or row, by the API path it concerns (null: the whole row). */
export interface PathReason {
  path: string | null;
  reason: Reason;
}

/** A row refused with its reasons: thrown by the row handlers, caught by the import. */
export class RowRefused extends Error {
  constructor(readonly reasons: PathReason[]) {
    super('row refused');
  }
}

/** A row candidate: the API fields the row's non-empty cells give, as a nested object. */
export type Candidate = Record<string, unknown>;

/** Read a row's cells into a candidate; every cell that cannot be read is a reason. */
export function readRow(map: ColumnMap, r: FileRow): { candidate: Candidate; reasons: PathReason[] } {
  const candidate: Candidate = {};
  const reasons: PathReason[] = [];
  map.columns.forEach((f, j) => {
    if (!f) return;
    const read = readCell(f, r.cells[j] ?? '');
    if ('reason' in read) reasons.push({ path: f.path, reason: read.reason });
    else if (read.value !== undefined) setPath(candidate, f.path, read.value);
  });
  return { candidate, reasons };
}

const at = (o: unknown, path: (string | number | symbol)[]): unknown =>
  path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[String(k)] : undefined),
    o,
  );

/** Refuse with a schema's issues, each naming its field. */
export function schemaRefusal(err: z.ZodError, input: unknown): RowRefused {
  return new RowRefused(
    err.issues.map((i) => ({
      path: i.path.length ? i.path.map(String).join('.') : null,
      reason: issueReason(i, at(input, i.path)),
    })),
  );
}

/** A service's refusal (permission, place, organisation, breakdown) as a row refusal, or null for other errors. */
export function serviceRefusal(err: unknown): RowRefused | null {
  if (err instanceof RowRefused) return err;
  if (!(err instanceof HttpError) || err.status >= 500) return null;
  const issues = err.issues?.length ? err.issues : [{ path: null, message: err.message }];
  return new RowRefused(
    issues.map((i) => ({
      path: i.path || null,
      reason: { code: 'refused', detail: i.path ? i.message : err.message },
    })),
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The top-level fields of the candidate that differ from what the reader sees now. */
export function changedFields(
  seen: Record<string, unknown>,
  c: Candidate,
  keys: readonly string[],
): Candidate {
  const out: Candidate = {};
  for (const k of keys) if (c[k] !== undefined && !same(c[k], seen[k])) out[k] = c[k];
  return out;
}

/** The keys of a nested part (needs, checklist) that differ, or undefined when none does. */
export function changedPart(
  seen: Record<string, unknown> | null | undefined,
  part: unknown,
): Candidate | undefined {
  if (!part || typeof part !== 'object') return undefined;
  const out: Candidate = {};
  for (const [k, v] of Object.entries(part)) if (!same(v, seen?.[k])) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

/** A whole nested object (demographics) from the cells over what is there now (or zeros). */
export function overlay<T>(base: T | null | undefined, zeros: T, part: unknown): T | undefined {
  if (!part || typeof part !== 'object') return undefined;
  const start = structuredClone(base ?? zeros) as Record<string, unknown>;
  const walk = (into: Record<string, unknown>, from: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(from)) {
      if (v && typeof v === 'object' && !Array.isArray(v))
        walk((into[k] ??= {}) as Record<string, unknown>, v as Record<string, unknown>);
      else into[k] = v;
    }
  };
  walk(start, part as Record<string, unknown>);
  return start as T;
}

/** True when the candidate's lat or lon differ from what is seen: both then go together. */
export function movedTo(
  seen: { lat: number | null; lon: number | null },
  c: Candidate,
): { lat: number; lon: number } | null {
  const lat = (c.lat as number | undefined) ?? seen.lat;
  const lon = (c.lon as number | undefined) ?? seen.lon;
  if (c.lat === undefined && c.lon === undefined) return null;
  if (lat === seen.lat && lon === seen.lon) return null;
  return lat === null || lon === null ? null : { lat, lon };
}

/** The row's record ID, which must be one of this system's IDs (an empty cell lists a new record). */
export function checkId(id: unknown): string {
  const ok = IdSchema.safeParse(id);
  if (!ok.success) throw new RowRefused([{ path: 'id', reason: { code: 'foreign_id' } }]);
  return ok.data;
}
