/** Whose access ends now: one session (sign-out) or every session of a user (disabled, new role or scope). */
export type Revoked = { sessionId: string; userId?: undefined } | { userId: string; sessionId?: undefined };

/**
 * Revocations announced by routes and carried out by realtime: it forgets cached sessions and
 * closes sockets on every process. Routes do not know about sockets; realtime does not know why.
 */
export interface Revocations {
  /** Resolves once every process has applied it (or a short timeout passed: the re-check timer follows). */
  revoke(who: Revoked): Promise<void>;
  onRevoke(handler: (who: Revoked) => Promise<void>): void;
}

/** A revocation channel for one app. */
export function createRevocations(): Revocations {
  const handlers: ((who: Revoked) => Promise<void>)[] = [];
  return {
    revoke: async (who) => void (await Promise.all(handlers.map((h) => h(who)))),
    onRevoke: (h) => void handlers.push(h),
  };
}
