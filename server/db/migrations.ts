import type { Db } from './db.js';
import type { Logger } from '../logger.js';
import { V5_API_TOKENS } from './sql/v5ApiTokens.js';
import { V6_SMS } from './sql/v6Sms.js';
import { V7_CAP_MESSAGES } from './sql/v7CapMessages.js';
import { V9_CARE_ALERTS } from './sql/v9CareAlerts.js';

/**
 * The one ordered migration set, for PostgreSQL and PGlite alike. Append only: never edit a
 * migration that has shipped; add a new one.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'core',
    sql: `
CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  acronym text,
  kind text NOT NULL,
  sectors text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid
);
CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name));

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations (id),
  scope text[],
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE shelters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  kind text NOT NULL,
  province_code text NOT NULL,
  commune_code text,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  managing_org_id uuid REFERENCES organisations (id),
  contact_phone text,
  status text NOT NULL,
  capacity integer NOT NULL CHECK (capacity >= 0),
  occupancy integer NOT NULL CHECK (occupancy >= 0),
  households integer NOT NULL CHECK (households >= 0),
  demographics jsonb,
  vulnerable jsonb,
  needs jsonb NOT NULL,
  checklist jsonb NOT NULL,
  safety_score integer NOT NULL,
  last_reported_at timestamptz NOT NULL DEFAULT now(),
  simulated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid,
  org_id uuid
);
CREATE INDEX shelters_province ON shelters (province_code);

-- The event log. seq comes from event_counter inside the writing transaction, so it is gap-free
-- and increases in commit order (the counter row lock serialises the commits that append).
CREATE TABLE events (
  seq bigint PRIMARY KEY,
  type text NOT NULL,
  entity text NOT NULL,
  entity_id uuid NOT NULL,
  data jsonb NOT NULL,
  changes jsonb,
  actor_user_id uuid,
  actor_org_id uuid,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_entity ON events (entity, entity_id, seq);

CREATE TABLE event_counter (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL
);
INSERT INTO event_counter (id, seq) VALUES (1, 0);

CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_created ON idempotency_keys (created_at);
`,
  },
  {
    version: 2,
    name: 'gbv-response',
    sql: `
CREATE TABLE service_points (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  provider_org_id uuid NOT NULL REFERENCES organisations (id),
  types text[] NOT NULL,
  province_code text NOT NULL,
  commune_code text,
  location_visibility text NOT NULL,
  lat double precision,
  lon double precision,
  contact_phone text,
  hours text,
  open_24h boolean NOT NULL DEFAULT false,
  languages text[] NOT NULL DEFAULT '{}',
  cost text NOT NULL,
  referral text NOT NULL,
  availability jsonb NOT NULL,
  last_reported_at timestamptz NOT NULL DEFAULT now(),
  simulated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid,
  org_id uuid,
  -- A safe house's position is never shown to most readers; it is always stored as hidden.
  CHECK (location_visibility = 'hidden' OR NOT ('safe_house' = ANY (types)))
);
CREATE INDEX service_points_province ON service_points (province_code);

-- Every availability update is a row; the service keeps a copy of the latest.
CREATE TABLE service_availability (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL REFERENCES service_points (id) ON DELETE CASCADE,
  status text NOT NULL,
  reasons text[] NOT NULL DEFAULT '{}',
  expected_restore_at timestamptz,
  stock jsonb,
  safe_house_beds integer,
  hotline_working boolean,
  note text,
  reported_by uuid,
  reported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_availability_service ON service_availability (service_id, reported_at);

CREATE TABLE gbv_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL REFERENCES service_points (id) ON DELETE CASCADE,
  service_name text NOT NULL,
  province_code text NOT NULL,
  reasons text[] NOT NULL,
  status text NOT NULL DEFAULT 'open',
  acknowledged_at timestamptz,
  acknowledged_by uuid,
  simulated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid,
  org_id uuid
);
CREATE INDEX gbv_alerts_province ON gbv_alerts (province_code, created_at);

CREATE TABLE risk_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hazard text NOT NULL,
  level integer NOT NULL CHECK (level BETWEEN 1 AND 5),
  title text NOT NULL,
  province_codes text[] NOT NULL DEFAULT '{}',
  commune_codes text[] NOT NULL DEFAULT '{}',
  polygon jsonb,
  storm jsonb,
  valid_from timestamptz NOT NULL,
  valid_to timestamptz NOT NULL,
  status text NOT NULL,
  issuer text NOT NULL,
  bulletin_number text,
  simulated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid,
  org_id uuid
);

CREATE TABLE coordination_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  title text NOT NULL,
  from_org_id uuid NOT NULL REFERENCES organisations (id),
  to_org_id uuid REFERENCES organisations (id),
  to_sector text,
  shelter_id uuid REFERENCES shelters (id),
  shelter_org_id uuid,
  service_id uuid REFERENCES service_points (id),
  province_code text NOT NULL,
  priority text NOT NULL,
  quantity integer,
  needed_by timestamptz,
  status text NOT NULL,
  message_count integer NOT NULL DEFAULT 0,
  simulated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid,
  org_id uuid
);
CREATE INDEX coordination_requests_province ON coordination_requests (province_code);

CREATE TABLE request_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES coordination_requests (id) ON DELETE CASCADE,
  org_id uuid,
  user_id uuid,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_messages_request ON request_messages (request_id, created_at);

-- Counts per area and period, never individual records and never coordinates (SPEC 2.4).
CREATE TABLE incident_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  period text NOT NULL,
  month text NOT NULL,
  province_code text NOT NULL,
  commune_code text,
  reporting_org_id uuid NOT NULL,
  counts jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_reports_cell ON incident_reports (province_code, month);

-- Who read or exported incident data, when and what; never the data.
CREATE TABLE audit_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  at timestamptz NOT NULL DEFAULT now(),
  user_id uuid,
  username text,
  role text,
  org_id uuid,
  action text NOT NULL,
  resource text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
`,
  },
  {
    version: 4,
    name: 'incident releases',
    sql: `
-- Released incident figures (SPEC 2.4), frozen: one row per province, month and revision. A later
-- revision is a fold-in of later reports. contributions (organisation id -> its part) serve per-reader
-- suppression only and are never shown. The unique key makes a second process's release a no-op.
CREATE TABLE incident_releases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  release_no integer NOT NULL,
  province_code text NOT NULL,
  month text NOT NULL,
  revision integer NOT NULL,
  counts jsonb NOT NULL,
  contributions jsonb NOT NULL,
  released_at timestamptz NOT NULL,
  UNIQUE (province_code, month, revision)
);
CREATE INDEX incident_releases_no ON incident_releases (release_no);
`,
  },
  // Later migrations keep their SQL in sql/ so this file stays readable.
  { version: 5, name: 'api tokens', sql: V5_API_TOKENS },
  { version: 6, name: 'sms reporting', sql: V6_SMS },
  { version: 7, name: 'cap messages', sql: V7_CAP_MESSAGES },
  { version: 9, name: 'care alerts', sql: V9_CARE_ALERTS },
];

/** Apply pending migrations, each in its own transaction, under an advisory lock so two processes starting together do not race. */
export async function migrate(db: Db, log: Logger): Promise<number> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
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
