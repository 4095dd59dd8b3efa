import { sql, type Selectable } from 'kysely';
import type { Queryable } from '../../db/db.js';
import { all, first, qb } from '../../db/query.js';
import type { ApiTokensTable } from '../../db/schema.access.js';
import type { ApiToken } from '../../../shared/schemas/tokens.js';

/** An api_tokens row (with its organisation's name when joined). */
export type TokenRow = Selectable<ApiTokensTable> & { org_name?: string };

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
  return (await first(q, qb.insertInto('api_tokens').values(t).returningAll()))!;
}

/** Every token, newest first. */
export async function listTokens(q: Queryable): Promise<TokenRow[]> {
  return all(q, qb.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').orderBy('id'));
}

/** A token that may still be used (not revoked, not expired), with its organisation's name. */
export async function usableToken(q: Queryable, id: string): Promise<TokenRow | null> {
  const row = await first(
    q,
    qb
      .selectFrom('api_tokens as t')
      .innerJoin('organisations as o', 'o.id', 't.org_id')
      .selectAll('t')
      .select('o.name as org_name')
      .where('t.id', '=', id)
      .where('t.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)])),
  );
  return row ?? null;
}

/** Mark a token revoked; null when there is no such token. Revoking twice keeps the first time. */
export async function revokeToken(q: Queryable, id: string): Promise<TokenRow | null> {
  const row = await first(
    q,
    qb
      .updateTable('api_tokens')
      .set({ revoked_at: sql`COALESCE(revoked_at, now())` })
      .where('id', '=', id)
      .returningAll(),
  );
  return row ?? null;
}

/** Record that a token was used now. */
export async function touchToken(q: Queryable, id: string): Promise<void> {
  await all(
    q,
    qb
      .updateTable('api_tokens')
      .set({ last_used_at: sql`now()` })
      .where('id', '=', id),
  );
}
