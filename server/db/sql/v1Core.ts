/** Migration 1: core. */
export const V1_CORE = `
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
`;
