import type { Role } from '../../shared/enums.js';
import type { Caller } from '../../shared/domain/permissions.js';

export { inScope } from '../../shared/domain/permissions.js';

/** Who is asking: everything visibility depends on (the rulebook's caller). Projections depend on nothing else. */
export type Audience = Caller;

/** A signed-in user. */
export interface Viewer extends Audience {
  userId: string;
  username: string;
  displayName: string;
  orgName: string;
  sessionId: string;
  /** Set when the caller is an API token with a narrow purpose (`cap-feed`, `sms-gateway`, `export-reader`). */
  tokenPurpose?: string;
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
