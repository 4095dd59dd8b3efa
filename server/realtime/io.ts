import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import {
  HandshakeAuthSchema,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '../../shared/events.js';
import type { Ctx } from '../context.js';
import { audienceKey, type Viewer } from '../auth/viewer.js';
import { readCookie, SESSION_COOKIE } from '../auth/sessions.js';
import { closeRedis, redisClient, type RedisClient } from '../bus/bus.js';
import { isUnavailable } from '../db/db.js';
import { invalid } from '../http/errors.js';
import { originAllowed, type TrustFn } from '../http/origin.js';
import { encodeSharedOnce } from './sharedReply.js';

/** The typed Socket.IO server. */
export type Io = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
/** One typed socket. */
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** How long a process waits for the others to confirm a revocation over the adapter. */
export const REVOKE_ACK_MS = 1000;

/** What the handshake needs of a socket: its headers, and the data it fills in. */
export interface Handshaking {
  handshake: { headers: { cookie?: string | undefined } };
  data: Partial<SocketData>;
}

/** Keep who the socket is on it: its user, session and audience (rooms and projections follow it). */
export function attachViewer(socket: Pick<Handshaking, 'data'>, viewer: Viewer): void {
  socket.data.userId = viewer.userId;
  socket.data.username = viewer.username;
  socket.data.sessionId = viewer.sessionId;
  socket.data.audience = audienceKey(viewer);
}

/**
 * Socket.IO middleware authenticating the handshake by the session cookie. A refusal's message is
 * the client's cue: `unauthenticated` (sign in again), `unavailable` (retry later) or `internal`.
 */
export function handshakeAuth(viewerForToken: (token: string | undefined) => Promise<Viewer | null>) {
  return (socket: Handshaking, next: (err?: Error) => void): void => {
    const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    viewerForToken(token)
      .then((viewer) => {
        if (!viewer) return next(new Error('unauthenticated'));
        attachViewer(socket, viewer);
        next();
      })
      .catch((err: unknown) => next(new Error(isUnavailable(err) ? 'unavailable' : 'internal')));
  };
}

/**
 * Socket.IO middleware reading the handshake's `auth` (HandshakeAuthSchema): a valid `afterSeq` is
 * kept on the socket for the hello's catch-up, and `hiddenRuns` for every catch-up on it; anything else refuses the handshake with `invalid`
 * and the 400 body (issues naming each field) as the error's data.
 */
export function handshakeCatchUp() {
  return (
    socket: { handshake: { auth: unknown }; data: Partial<SocketData> },
    next: (err?: Error) => void,
  ): void => {
    const parsed = HandshakeAuthSchema.safeParse(socket.handshake.auth ?? {});
    if (!parsed.success)
      return next(Object.assign(new Error('invalid'), { data: invalid(parsed.error, 'payload').toBody() }));
    if (parsed.data.afterSeq !== undefined) socket.data.afterSeq = parsed.data.afterSeq;
    if (parsed.data.hiddenRuns) socket.data.hiddenRuns = true;
    next();
  };
}

/**
 * The Socket.IO server on the app's HTTP server, with the Redis adapter when Redis is configured
 * (rooms and revocations then span every process). Returns it with a close for the adapter's clients.
 */
export async function createIo(ctx: Ctx, http: HttpServer, opts: { trust: () => TrustFn }) {
  const io: Io = new Server(http, {
    serveClient: false,
    // A page on another site must not open a socket riding on the user's cookie (cross-site WebSocket
    // hijacking): the handshake's Origin is checked like a write's.
    allowRequest: (req, callback) =>
      callback(
        null,
        originAllowed(
          { headers: req.headers, remoteAddress: req.socket.remoteAddress },
          opts.trust(),
          ctx.config.allowedOrigins,
        ),
      ),
    maxHttpBufferSize: 16 * 1024,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    cors: { origin: false },
  });
  // A catch-up page that many sockets ask for at once is serialised once, not once per socket.
  encodeSharedOnce(io.encoder);
  const redisClients: RedisClient[] = [];
  if (ctx.config.redisUrl) {
    const pub = redisClient(ctx.config.redisUrl, ctx.log, 'io-pub');
    const sub = redisClient(ctx.config.redisUrl, ctx.log, 'io-sub');
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(
      createAdapter(pub, sub, { key: `${ctx.config.redisPrefix}#io`, requestsTimeout: REVOKE_ACK_MS }),
    );
    redisClients.push(pub, sub);
  }
  return {
    io,
    /** Close the server's sockets, then the adapter's Redis clients. */
    async close() {
      await new Promise<void>((r) => {
        void io.close(() => r());
      });
      await Promise.all(redisClients.map(closeRedis));
    },
  };
}
