/** Migration 10: the coordination mechanism's roles and responsibilities (issue 13). */
export const V10_COORDINATION_ROLES = `
-- Who leads which function nationally (province_code NULL) and in each province; one role per
-- function and place, so routing finds at most one lead.
CREATE TABLE coordination_roles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  function text NOT NULL,
  level text NOT NULL CHECK (level IN ('national', 'province')),
  province_code text,
  lead_org_id uuid REFERENCES organisations (id),
  support_org_ids jsonb NOT NULL DEFAULT '[]',
  contact jsonb,
  state text NOT NULL DEFAULT 'standby',
  last_reviewed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid,
  org_id uuid,
  CHECK ((level = 'national') = (province_code IS NULL))
);
CREATE UNIQUE INDEX coordination_roles_place ON coordination_roles (function, coalesce(province_code, ''));
CREATE INDEX coordination_roles_province ON coordination_roles (province_code);
`;
