import { createHash } from 'node:crypto';
import type { Queryable } from './db.js';

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

const iso = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString()
      : new Date(v as string).toISOString();

/**
 * Maps one table's rows to records and back, for the versioned records of the GBV domains (the
 * shelters repository spells the same thing out by hand). Column names are constants, never input.
 */
export function recordTable<R extends Meta>(
  table: string,
  columns: readonly (readonly [col: string, key: Exclude<keyof R, keyof Meta> & string, kind?: ColumnKind])[],
) {
  const kindOf = new Map(columns.map(([c, , k]) => [c, k ?? 'plain']));
  const colOf = new Map(columns.map(([c, k]) => [k, c]));
  const param = (col: string, v: unknown) =>
    v === null || v === undefined ? null : kindOf.get(col) === 'json' ? JSON.stringify(v) : v;
  const ph = (col: string, i: number) => (kindOf.get(col) === 'json' ? `$${i}::jsonb` : `$${i}`);

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
      const { rows } = await q.query<Row>(
        `SELECT * FROM ${table} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
        [id],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async list(q: Queryable, order: string, where = 'TRUE', params: unknown[] = []): Promise<R[]> {
      const { rows } = await q.query<Row>(`SELECT * FROM ${table} WHERE ${where} ORDER BY ${order}`, params);
      return rows.map(toRecord);
    },
    async insert(
      q: Queryable,
      fields: Omit<R, keyof Meta>,
      meta: { userId: string | null; orgId: string | null; id?: string; extra?: Record<string, unknown> },
    ): Promise<R> {
      const cols = columns.map(([c]) => c);
      const values: unknown[] = columns.map(([c, k]) => param(c, (fields as Row)[k]));
      const extra: [string, unknown][] = [
        ['updated_by', meta.userId],
        ['org_id', meta.orgId],
        ...Object.entries(meta.extra ?? {}),
      ];
      if (meta.id) extra.push(['id', meta.id]);
      const all = [...cols, ...extra.map(([c]) => c)];
      const { rows } = await q.query<Row>(
        `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map((c, i) => ph(c, i + 1)).join(', ')}) RETURNING *`,
        [...values, ...extra.map(([, v]) => v)],
      );
      return toRecord(rows[0]!);
    },
    /** Set the given fields if the record is still at `version`; null when it moved on. */
    async update(
      q: Queryable,
      id: string,
      version: number,
      fields: Partial<Omit<R, keyof Meta>>,
      userId: string | null,
      extraSql = '',
    ): Promise<R | null> {
      const entries = Object.entries(fields).filter(([k, v]) => v !== undefined && colOf.has(k as never));
      const sets = entries.map(
        ([k], i) => `${colOf.get(k as never)!} = ${ph(colOf.get(k as never)!, i + 4)}`,
      );
      const { rows } = await q.query<Row>(
        `UPDATE ${table} SET ${[...sets, 'version = version + 1', 'updated_at = now()', 'updated_by = $3', ...(extraSql ? [extraSql] : [])].join(', ')}
         WHERE id = $1 AND version = $2 RETURNING *`,
        [id, version, userId, ...entries.map(([k, v]) => param(colOf.get(k as never)!, v))],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
  };
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
