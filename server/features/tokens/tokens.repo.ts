import type { Queryable } from '../../db/db.js';
import type { Role } from '../../../shared/enums.js';
import type { ApiToken, TokenPurpose } from '../../../shared/schemas/tokens.js';

/** An api_tokens row (with its organisation's name when joined). */
export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  org_id: string;
  org_name?: string;
  role: Role;
  scope: string[] | null;
  purpose: TokenPurpose | null;
  created_by: string | null;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The listed shape: never the secret or its hash. */
export const toApiToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  orgId: r.org_id,
  role: r.role,
  scope: r.scope,
  purpose: r.purpose,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  expiresAt: iso(r.expires_at),
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
});

/** Store a new token (its id chosen by the caller, since the secret embeds it). */
export async function insertToken(
  q: Queryable,
  t: Pick<
    TokenRow,
    'id' | 'name' | 'prefix' | 'secret_hash' | 'org_id' | 'role' | 'scope' | 'purpose' | 'created_by'
  > & {
    expires_at: string | null;
  },
): Promise<TokenRow> {
  const { rows } = await q.query<TokenRow>(
    `INSERT INTO api_tokens (id, name, prefix, secret_hash, org_id, role, scope, purpose, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [t.id, t.name, t.prefix, t.secret_hash, t.org_id, t.role, t.scope, t.purpose, t.created_by, t.expires_at],
  );
  return rows[0]!;
}

/** Every token, newest first. */
export async function listTokens(q: Queryable): Promise<TokenRow[]> {
  const { rows } = await q.query<TokenRow>('SELECT * FROM api_tokens ORDER BY created_at DESC, id');
  return rows;
}

/** A token that may still be used (not revoked, not expired), with its organisation's name. */
export async function usableToken(q: Queryable, id: string): Promise<TokenRow | null> {
  const { rows } = await q.query<TokenRow>(
    `SELECT t.*, o.name AS org_name FROM api_tokens t JOIN organisations o ON o.id = t.org_id
      WHERE t.id = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`,
    [id],
  );
  return rows[0] ?? null;
}

/** Mark a token revoked; null when there is no such token. Revoking twice keeps the first time. */
export async function revokeToken(q: Queryable, id: string): Promise<TokenRow | null> {
  const { rows } = await q.query<TokenRow>(
    'UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING *',
    [id],
  );
  return rows[0] ?? null;
}

/** Record that a token was used now. */
export async function touchToken(q: Queryable, id: string): Promise<void> {
  await q.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [id]);
}
