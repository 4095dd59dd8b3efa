import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server the tests may use (CI sets DATABASE_URL); undefined runs PGlite only. */
export const POSTGRES_URL = process.env.DATABASE_URL;

/** Storage kinds to run integration suites on: always PGlite, and PostgreSQL when DATABASE_URL is set. */
export const STORAGES: ('pglite' | 'postgres')[] = POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];

/** Create a fresh, empty database on the PostgreSQL server; returns its URL and a drop function. */
export async function freshPostgres(
  adminUrl = POSTGRES_URL,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!adminUrl) throw new Error('DATABASE_URL is not set');
  const name = `sho_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
