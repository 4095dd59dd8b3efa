import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import { forbidden, HttpError, notFound } from '../http/errors.js';
import type { Queryable } from './db.js';
import { all, first, untypedQb } from './query.js';

/** How one column maps to a record field: plain, JSON (jsonb) or a timestamp (ISO string on the wire). */
export type ColumnKind = 'plain' | 'json' | 'ts';

/** The metadata every record carries (SPEC 2). */
export interface Meta {
  id: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  updatedBy: string | null;
  orgId: string | null;
}

type Row = Record<string, unknown>;

/** One column of a record table: its name, the record field it holds, how it maps. */
export type Column<R> = readonly [col: string, key: Exclude<keyof R, keyof Meta> & string, kind?: ColumnKind];

const META_KEYS = new Set(['id', 'createdAt', 'updatedAt', 'version', 'updatedBy', 'orgId']);

/**
 * A record table's columns read from the domain schema, in its order: every field but the metadata
 * and `omit`, in a column named in snake case (`provinceCode` in province_code, `open24h` in
 * open_24h), plain unless listed as `json` or `ts`. The schema is the contract: a field added there
 * is stored once its column exists.
 */
export function columnsOf<S extends z.ZodObject, O extends keyof S['shape'] & string = never>(
  schema: S,
  kinds: { json?: readonly (keyof S['shape'])[]; ts?: readonly (keyof S['shape'])[]; omit?: readonly O[] },
): Column<Omit<z.infer<S>, O>>[] {
  const omit = new Set<string>(kinds.omit);
  const columns: Column<Row>[] = Object.keys(schema.shape)
    .filter((k) => !META_KEYS.has(k) && !omit.has(k))
    .map((k) => {
      const col = k.replace(/([a-z])([A-Z0-9])/g, '$1_$2').toLowerCase();
      const kind = kinds.json?.includes(k) ? 'json' : kinds.ts?.includes(k) ? 'ts' : undefined;
      return kind ? [col, k, kind] : [col, k];
    });
  // The keys are the schema's own, less the metadata and `omit`: what the type says.
  return columns as Column<Omit<z.infer<S>, O>>[];
}

const iso = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString()
      : new Date(v as string).toISOString();

/**
 * The repository of one versioned record table (shelters, services, alerts, requests, time-critical
 * alerts): maps rows to records and back and builds its statements with Kysely. Column names are
 * constants, never input; `order` and `where` are SQL written by the caller, never input.
 */
export function recordTable<R extends Meta>(table: string, columns: readonly Column<R>[]) {
  const kindOf = new Map(columns.map(([c, , k]) => [c, k ?? 'plain']));
  const colOf = new Map<string, string>(columns.map(([c, k]) => [k, c]));
  const param = (col: string, v: unknown) =>
    v === null || v === undefined ? null : kindOf.get(col) === 'json' ? JSON.stringify(v) : v;
  const from = () => untypedQb.selectFrom(table).selectAll();

  const toRecord = (r: Row): R => {
    const out: Row = {
      id: r.id,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      version: r.version,
      updatedBy: r.updated_by ?? null,
      orgId: r.org_id ?? null,
    };
    for (const [c, k, kind] of columns) out[k] = kind === 'ts' ? iso(r[c]) : (r[c] ?? null);
    return out as R;
  };

  return {
    toRecord,
    async get(q: Queryable, id: string, forUpdate = false): Promise<R | null> {
      const query = from().where('id', '=', id);
      const row = await first<Row>(q, forUpdate ? query.forUpdate() : query);
      return row ? toRecord(row) : null;
    },
    /** The records among `ids` (in no set order). */
    async getMany(q: Queryable, ids: readonly string[]): Promise<R[]> {
      if (!ids.length) return [];
      return (await all<Row>(q, from().where('id', 'in', ids))).map(toRecord);
    },
    /** Every record in `order`; `where` may hold `$1`.. placeholders for `params`. */
    async list(q: Queryable, order: string, where = 'TRUE', params: unknown[] = []): Promise<R[]> {
      const { sql: text } = from().where(sql.raw<boolean>(where)).orderBy(sql.raw(order)).compile();
      const { rows } = await q.query<Row>(text, params);
      return rows.map(toRecord);
    },
    async insert(
      q: Queryable,
      fields: Omit<R, keyof Meta>,
      meta: { userId: string | null; orgId: string | null; id?: string; extra?: Record<string, unknown> },
    ): Promise<R> {
      // A field left undefined takes the column's default (a shelter's last_reported_at).
      const values: Row = Object.fromEntries(
        columns
          .filter(([, k]) => (fields as Row)[k] !== undefined)
          .map(([c, k]) => [c, param(c, (fields as Row)[k])]),
      );
      Object.assign(values, { updated_by: meta.userId, org_id: meta.orgId }, meta.extra);
      if (meta.id) values.id = meta.id;
      const row = await first<Row>(q, untypedQb.insertInto(table).values(values).returningAll());
      return toRecord(row!);
    },
    /**
     * Set the given fields if the record is still at `version`; null when it moved on. `extraSql` is
     * one more assignment written by the caller (`last_reported_at = now()`).
     */
    async update(
      q: Queryable,
      id: string,
      version: number,
      fields: Partial<Omit<R, keyof Meta>>,
      userId: string | null,
      extraSql = '',
    ): Promise<R | null> {
      const sets: Row = {};
      for (const [k, v] of Object.entries(fields)) {
        const col = colOf.get(k);
        if (v !== undefined && col) sets[col] = param(col, v);
      }
      let query = untypedQb
        .updateTable(table)
        .set(sets)
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: sql`now()`, updated_by: userId }));
      if (extraSql) {
        const [col, value] = extraSql.split('=').map((s) => s.trim());
        query = query.set({ [col!]: sql.raw(value!) });
      }
      const row = await first<Row>(
        q,
        query.where('id', '=', id).where('version', '=', version).returningAll(),
      );
      return row ? toRecord(row) : null;
    },
  };
}

/** How a versioned write finds its record for the caller, and what it answers when it may not go on. */
export interface WriteOf<R, S> {
  /** The record as the caller may see it, or null when hidden. */
  present: (r: R) => S | null;
  /** The 404's name for the record (`notFound('request')`). */
  missing: string;
  /** The 409's message; "This <missing> changed since you loaded it." unless given. */
  changed?: string;
  /** The 403's message when the caller sees the record but may not make this write, else null. */
  refuse?: (current: R) => string | null;
}

/**
 * The opening of a versioned write: the record locked (FOR UPDATE) until the transaction ends, a 404
 * when it is missing or hidden from the caller, a 403 when `refuse` says so, then a 409 carrying the
 * record as the caller may see it when it is no longer at `version`. Hidden before forbidden before
 * stale, so a caller learns nothing of a record it may not read.
 */
export async function lockedForWrite<R extends Meta, S>(
  table: { get(q: Queryable, id: string, forUpdate: boolean): Promise<R | null> },
  q: Queryable,
  id: string,
  version: number,
  of: WriteOf<R, S>,
): Promise<{ current: R; shown: S }> {
  const current = await table.get(q, id, true);
  const shown = current && of.present(current);
  if (!current || shown === null) throw notFound(of.missing);
  const refused = of.refuse?.(current);
  if (refused) throw forbidden(refused);
  if (current.version !== version) throw changedSince(of, shown);
  return { current, shown };
}

/**
 * `lockedForWrite` for an edit of a directory record (a shelter, a service): refused with `notYours`
 * unless the caller `edits` it, and a 409 that asks to review the current record before reapplying.
 */
export function lockedForEdit<R extends Meta, S>(
  table: { get(q: Queryable, id: string, forUpdate: boolean): Promise<R | null> },
  q: Queryable,
  id: string,
  version: number,
  of: Pick<WriteOf<R, S>, 'missing' | 'present'> & { edits: (r: R) => boolean; notYours: string },
): Promise<{ current: R; shown: S }> {
  return lockedForWrite(table, q, id, version, {
    missing: of.missing,
    changed: `This ${of.missing} changed since you loaded it; review the current record and reapply.`,
    present: of.present,
    refuse: (r) => (of.edits(r) ? null : of.notYours),
  });
}

/** The 409 of a write whose record moved on, with the record as the caller may see it (if given). */
export const changedSince = (of: Pick<WriteOf<never, unknown>, 'missing' | 'changed'>, shown?: unknown) =>
  new HttpError(
    409,
    'conflict',
    of.changed ?? `This ${of.missing} changed since you loaded it.`,
    undefined,
    shown,
  );

/** The fields of `next` whose value differs from `current`'s (compared as JSON): an event's `changes`. */
export function changesFrom(current: object, next: object): Record<string, unknown> {
  const before = current as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next))
    if (JSON.stringify(before[k]) !== JSON.stringify(v)) changes[k] = v;
  return changes;
}

/** A stable UUID (version 5 layout) derived from a name, for records keyed by something else (a province's totals). */
export function stableId(name: string): string {
  const h = createHash('sha1').update(`safe-haven-ops:${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/**
 * Read a whole table a page at a time in a stable order (keyset paging), for exports that stream:
 * never more than `pageSize` rows in memory. `keys` are non-null columns whose values, with the
 * last being unique, order the rows; all ascending or all descending. Keys travel back as text so a
 * timestamp keeps its microseconds (a JS Date would drop them and skip rows). Column names are
 * constants, never input.
 */
export async function* keysetPages(
  q: Queryable,
  table: string,
  keys: readonly string[],
  dir: 'ASC' | 'DESC',
  pageSize = 500,
): AsyncGenerator<Row[]> {
  const keyCols = keys.map((k, i) => `${k}::text AS __k${i}`).join(', ');
  const order = keys.map((k) => `${k} ${dir}`).join(', ');
  const cmp = dir === 'ASC' ? '>' : '<';
  let after: unknown[] | null = null;
  for (;;) {
    const where: string = after
      ? `WHERE (${keys.join(', ')}) ${cmp} (${keys.map((_, i) => `$${i + 2}`).join(', ')})`
      : '';
    const result: { rows: Row[] } = await q.query<Row>(
      `SELECT *, ${keyCols} FROM ${table} ${where} ORDER BY ${order} LIMIT $1`,
      [pageSize, ...(after ?? [])],
    );
    const rows = result.rows;
    if (rows.length) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = keys.map((_, i) => last[`__k${i}`]);
  }
}
