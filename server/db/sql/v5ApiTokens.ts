/**
 * Migration 5: API tokens for machine clients (issue 9). Only a hash of the secret is stored; a
 * revoked token keeps its row (revoked_at) so the audit rows that name it still mean something.
 */
export const V5_API_TOKENS = `
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  prefix text NOT NULL,
  secret_hash text NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations (id),
  role text NOT NULL,
  scope text[],
  purpose text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
`;
