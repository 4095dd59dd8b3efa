import type { Role } from '../../shared/enums.js';

/** Who is asking: everything visibility depends on. Projections must depend on nothing else. */
export interface Audience {
  role: Role;
  orgId: string;
  /** Province codes, or null for national scope. */
  scope: readonly string[] | null;
}

/** A signed-in user. */
export interface Viewer extends Audience {
  userId: string;
  username: string;
  displayName: string;
  orgName: string;
  sessionId: string;
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

/** True when the audience's scope covers the province. */
export function inScope(a: Audience, provinceCode: string): boolean {
  return a.scope === null || a.scope.includes(provinceCode);
}
