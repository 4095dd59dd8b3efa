import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Compilable,
  type CompiledQuery,
} from 'kysely';
import type { Queryable } from './db.js';
import type { Database } from './schema.js';

/**
 * The typed SQL builder over every table (Kysely, PostgreSQL dialect: PGlite speaks the same SQL and
 * `$n` parameters). It only builds statements; they run through a Queryable (the pool, PGlite or a
 * transaction handle from `db.tx`), so db.ts keeps the session timeouts, the settling of a COMMIT
 * that lost its connection and the replacement of dead connections. Its driver never connects.
 */
export const qb = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/**
 * The same builder without table types, for the record factory, whose table names come from its
 * callers (constants, never input) and need no entry in schema.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const untypedQb = qb as unknown as Kysely<any>;

/** Run a built statement (or a compiled `sql` template); its rows, typed by the builder. */
export async function all<O>(q: Queryable, query: Compilable<O> | CompiledQuery<O>): Promise<O[]> {
  const { sql, parameters } = 'compile' in query ? query.compile() : query;
  return (await q.query<O>(sql, [...parameters])).rows;
}

/** Run a built statement; its first row, or undefined. */
export async function first<O>(
  q: Queryable,
  query: Compilable<O> | CompiledQuery<O>,
): Promise<O | undefined> {
  return (await all(q, query))[0];
}

/** JSON text for a jsonb column. */
export const json = (v: unknown): string => JSON.stringify(v);

/** JSON text for a nullable jsonb column (null and undefined stay null). */
export const jsonOrNull = (v: unknown): string | null =>
  v === null || v === undefined ? null : JSON.stringify(v);
