import type { Ctx } from '../context.js';
import { audienceKey } from '../auth/viewer.js';
import { forgetCached, validSessions } from '../auth/sessions.js';
import type { Revoked } from '../auth/revocation.js';
import type { Io } from './io.js';
import { rooms } from './rooms.js';

// Revocations travel between processes as an inter-server event over the Socket.IO adapter.
const REVOKE = 'sho:revoke' as const;

/**
 * Revocation: sign-out, disabling, a new role or scope end access on every process at once. The
 * local sockets are closed, the other processes are told over the adapter, and (over Redis) the
 * revocation resolves once they confirmed, so the reply means "ended everywhere".
 */
export function handleRevocations(ctx: Ctx, io: Io): void {
  const applyRevocation = (who: Revoked) => {
    forgetCached(ctx.db, who);
    // Local sockets too, in case the adapter's broadcast below is slow or Redis is away.
    for (const socket of io.of('/').sockets.values())
      if (socket.data.userId === who.userId || socket.data.sessionId === who.sessionId)
        socket.disconnect(true);
  };
  ctx.revocations.onRevoke(async (who) => {
    applyRevocation(who);
    const room = who.userId !== undefined ? rooms.user(who.userId) : rooms.session(who.sessionId);
    io.in(room).disconnectSockets(true);
    // The in-process adapter has no other processes; over Redis, wait (briefly) until every other
    // process has forgotten the session.
    if (!ctx.config.redisUrl) return;
    try {
      // (Socket.IO's types lose the ack of a union-typed argument; the call is the documented one.)
      await (io.serverSideEmitWithAck as (ev: typeof REVOKE, who: Revoked) => Promise<unknown>).call(
        io,
        REVOKE,
        who,
      );
    } catch (err) {
      ctx.log.warn({ err: (err as Error).message }, 'a process did not confirm a revocation in time');
    }
  });
  // Socket.IO types server-side listeners without their ack; the adapter passes it last.
  (
    io.on as unknown as (ev: typeof REVOKE, h: (who: Revoked, ack: (done: true) => void) => void) => void
  ).call(io, REVOKE, (who, ack) => {
    applyRevocation(who);
    ack(true);
  });
}

/**
 * Re-check every local socket's session now and then, and close those that ended or whose audience
 * changed (the net under revocation, should a message be lost). Returns the timer's stop.
 */
export function recheckSessions(ctx: Ctx, io: Io): () => void {
  const recheckSockets = async () => {
    const sockets = [...io.of('/').sockets.values()];
    const valid = await validSessions(ctx.db, [...new Set(sockets.map((s) => s.data.sessionId))]);
    for (const socket of sockets) {
      const viewer = valid.get(socket.data.sessionId);
      if (!viewer || audienceKey(viewer) !== socket.data.audience) socket.disconnect(true);
    }
  };
  const recheck = setInterval(() => {
    recheckSockets().catch((err: unknown) =>
      ctx.log.warn({ err: (err as Error).message }, 'socket session re-check failed'),
    );
  }, ctx.config.socketRecheckMs);
  recheck.unref();
  return () => clearInterval(recheck);
}
