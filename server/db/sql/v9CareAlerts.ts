/** Migration 9: duty-of-care alerts (issue 11 item 3). */
export const V9_CARE_ALERTS = `
-- One row per (rule, subject, item) while its condition holds: pending until it has held long
-- enough, then open, acknowledged, and cleared when it ends. The partial unique index lets two
-- processes evaluate at once: the second insert of a condition does nothing.
CREATE TABLE care_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule text NOT NULL,
  subject_kind text NOT NULL,
  subject_id uuid NOT NULL,
  item text NOT NULL DEFAULT '',
  subject_name text NOT NULL,
  subject_org_id uuid,
  safe_house boolean NOT NULL DEFAULT false,
  province_code text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL,
  since timestamptz NOT NULL,
  raised_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid,
  cleared_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid,
  org_id uuid
);
CREATE UNIQUE INDEX care_alerts_live ON care_alerts (rule, subject_id, item) WHERE status <> 'cleared';
CREATE INDEX care_alerts_province ON care_alerts (province_code, created_at);
`;
