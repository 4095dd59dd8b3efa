import type { Role } from '../../shared/enums.js';
import type { Caller } from '../../shared/domain/permissions.js';
import type { TokenPurpose } from '../../shared/schemas/tokens.js';

export { inScope } from '../../shared/domain/permissions.js';

/** Who is asking: everything visibility depends on (the rulebook's caller). Projections depend on nothing else. */
export type Audience = Caller;

/**
 * A signed-in user, or a machine client with an API token. For a token, `userId` is the token's id
 * (what records and the audit name as the writer), `sessionId` is `token:<id>` and `tokenId` is set.
 */
export interface Viewer extends Audience {
  userId: string;
  username: string;
  displayName: string;
  orgName: string;
  sessionId: string;
  /** Set when the caller is an API token. */
  tokenId?: string;
  /** A purpose token's purpose: it may call only that purpose's endpoints (CAP import checks `cap-feed`). */
  tokenPurpose?: TokenPurpose;
}

/** The audience key: sockets with the same key receive the same projection of every event. */
export function audienceKey(a: Audience): string {
  return `${a.role}|${a.orgId}|${a.scope ? [...a.scope].sort().join(',') : '*'}`;
}

/** Rebuild an audience from its key. */
export function parseAudienceKey(key: string): Audience {
  const [role, orgId, scope] = key.split('|') as [Role, string, string];
  return { role, orgId, scope: scope === '*' ? null : scope.split(',') };
}
