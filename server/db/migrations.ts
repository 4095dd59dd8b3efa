import type { Db } from './db.js';
import type { Logger } from '../logger.js';
import { V1_CORE } from './sql/v1Core.js';
import { V2_GBV_RESPONSE } from './sql/v2GbvResponse.js';
import { V4_INCIDENT_RELEASES } from './sql/v4IncidentReleases.js';
import { V5_API_TOKENS } from './sql/v5ApiTokens.js';
import { V6_SMS } from './sql/v6Sms.js';
import { V7_CAP_MESSAGES } from './sql/v7CapMessages.js';
import { V8_HANDOVER_NOTES } from './sql/v8HandoverNotes.js';
import { V9_CARE_ALERTS } from './sql/v9CareAlerts.js';
import { V10_COORDINATION_ROLES } from './sql/v10CoordinationRoles.js';
import { V11_REFERRAL_POSTERS } from './sql/v11ReferralPosters.js';

/**
 * The one ordered migration set, for PostgreSQL and PGlite alike. Append only: never edit a
 * migration that has shipped; add a new one (its SQL in sql/vN<Name>.ts, one line here).
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'core', sql: V1_CORE },
  { version: 2, name: 'gbv-response', sql: V2_GBV_RESPONSE },
  { version: 4, name: 'incident releases', sql: V4_INCIDENT_RELEASES },
  { version: 5, name: 'api tokens', sql: V5_API_TOKENS },
  { version: 6, name: 'sms reporting', sql: V6_SMS },
  { version: 7, name: 'cap messages', sql: V7_CAP_MESSAGES },
  { version: 8, name: 'handover notes', sql: V8_HANDOVER_NOTES },
  { version: 9, name: 'care alerts', sql: V9_CARE_ALERTS },
  { version: 10, name: 'coordination roles', sql: V10_COORDINATION_ROLES },
  { version: 11, name: 'referral posters', sql: V11_REFERRAL_POSTERS },
];

/** Apply pending migrations, each in its own transaction, under an advisory lock so two processes starting together do not race. */
export async function migrate(db: Db, log: Logger): Promise<number> {
  // Under the lock too: two CREATE TABLE IF NOT EXISTS at once can both try to create the table's type.
  await db.tx(async (q) => {
    await q.exec('SET LOCAL lock_timeout = 0; SET LOCAL statement_timeout = 0');
    await q.query('SELECT pg_advisory_xact_lock(7301)');
    await q.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  let applied = 0;
  for (const m of MIGRATIONS) {
    const done = await db.tx(async (q) => {
      // The session limits are for request work: another process may hold this lock for a whole migration.
      await q.exec('SET LOCAL lock_timeout = 0; SET LOCAL statement_timeout = 0');
      await q.query('SELECT pg_advisory_xact_lock(7301)');
      const { rows } = await q.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (rows.length) return false;
      await q.exec(m.sql);
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) {
      applied++;
      log.info({ version: m.version, name: m.name }, 'migration applied');
    }
  }
  return applied;
}
