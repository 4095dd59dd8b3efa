import type { Generated } from 'kysely';
import type { Role } from '../../shared/enums.js';
import type { TokenPurpose } from '../../shared/schemas/tokens.js';
import type { DefaultTimestamp, Timestamp } from './schema.js';

// The tables of who signs in (people and machines), as the query builder sees them; part of
// `Database` in schema.ts.

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  org_id: string;
  scope: string[] | null;
  disabled: Generated<boolean>;
  /** E.164, for SMS reports (migration 6); shown to the admin only. */
  phone: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
}

/** Machine API tokens (migration 5); the secret is kept only as its hash. */
export interface ApiTokensTable {
  id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  org_id: string;
  role: Role;
  scope: string[] | null;
  purpose: TokenPurpose | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}
