/** Room names, in one place. */
export const rooms = {
  /** Sockets that receive the same projection of every event. */
  audience: (key: string) => `aud:${key}`,
  /** All sockets of one session, so sign-out can close them on every process. */
  session: (sessionId: string) => `session:${sessionId}`,
  /** All sockets of one user, so disabling or a new role or scope closes them on every process. */
  user: (userId: string) => `user:${userId}`,
} as const;

/** The audience key of an audience room, or null for other rooms. */
export function audienceKeyOfRoom(room: string): string | null {
  return room.startsWith('aud:') ? room.slice(4) : null;
}
