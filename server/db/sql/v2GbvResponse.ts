/** Migration 2: gbv-response. */
export const V2_GBV_RESPONSE = `
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
`;
