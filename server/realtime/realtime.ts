import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type {
  Change,
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
  SyncResult,
} from '../../shared/events.js';
import { PROTOCOL_VERSION, SyncRequestSchema } from '../../shared/events.js';
import { zodIssues } from '../../shared/schemas/api.js';
import type { Ctx } from '../context.js';
import { audienceKey, parseAudienceKey } from '../auth/viewer.js';
import { cachedViewerForToken, readCookie, SESSION_COOKIE } from '../auth/sessions.js';
import { redisClient } from '../bus/bus.js';
import { headSeq, readEventsAfter, type StoredEvent } from '../events/log.js';
import { projectEvent } from '../events/projection.js';
import { eventsAfter } from '../events/sync.js';
import { compactReplay } from '../events/compact.js';
import { isUnavailable } from '../db/db.js';
import { originAllowed, type TrustFn } from '../http/origin.js';
import { audienceKeyOfRoom, rooms } from './rooms.js';

/** The typed Socket.IO server. */
export type Io = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

// How long an out-of-order event waits for the ones before it before the gap is read from the log.
const REORDER_WAIT_MS = 150;
// Safety net: even if every pub/sub message were lost, each process converges on the log this often.
const POLL_MS = 5000;
// Recent events kept in memory (with their projections) to answer catch-up without the database.
const RING_MAX = 5000;
// Packets queued for one socket beyond which it is treated as stalled.
const MAX_BUFFERED_PACKETS = 2000;

/**
 * Realtime: authenticates sockets by the session cookie, answers `sync`, and is the one place
 * that emits. Each process emits events to its own sockets in seq order, projected per audience.
 */
export async function createRealtime(ctx: Ctx, http: HttpServer, opts: { trust: () => TrustFn }) {
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
  const redisClients: { quit(): Promise<unknown> }[] = [];
  if (ctx.config.redisUrl) {
    const pub = redisClient(ctx.config.redisUrl, ctx.log, 'io-pub');
    const sub = redisClient(ctx.config.redisUrl, ctx.log, 'io-sub');
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub, { key: `${ctx.config.redisPrefix}#io` }));
    redisClients.push(pub, sub);
  }

  io.use((socket, next) => {
    const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    cachedViewerForToken(ctx.db, token)
      .then((viewer) => {
        if (!viewer) return next(new Error('unauthenticated'));
        socket.data.userId = viewer.userId;
        socket.data.sessionId = viewer.sessionId;
        socket.data.audience = audienceKey(viewer);
        next();
      })
      .catch((err: unknown) => next(new Error(isUnavailable(err) ? 'unavailable' : 'internal')));
  });

  const syncing = new Set<string>();
  io.on('connection', (socket: AppSocket) => {
    void socket.join([rooms.audience(socket.data.audience), rooms.session(socket.data.sessionId)]);
    socket.emit('hello', { protocol: PROTOCOL_VERSION, head: lastEmitted });
    socket.on('sync', (req, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = SyncRequestSchema.safeParse(req);
      if (!parsed.success) {
        const issues = zodIssues(parsed.error);
        return ack({
          ok: false,
          error: {
            code: 'bad_request',
            message: `Invalid payload: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
            issues,
          },
        });
      }
      // One catch-up at a time per socket: a client may not queue replies faster than it reads them.
      if (syncing.has(socket.id))
        return ack({
          ok: false,
          error: { code: 'rate_limited', message: 'A sync is already in progress on this connection.' },
        });
      syncing.add(socket.id);
      catchUp(socket.data.audience, parsed.data.afterSeq)
        .finally(() => syncing.delete(socket.id))
        .then((data) => ack({ ok: true, data }))
        .catch((err: unknown) => {
          const unavailable = isUnavailable(err);
          if (!unavailable) ctx.log.error({ err: (err as Error).message, event: 'sync' }, 'sync failed');
          ack({
            ok: false,
            error: {
              code: unavailable ? 'unavailable' : 'internal',
              message: unavailable ? 'Database unavailable; retry shortly.' : 'Sync failed.',
            },
          });
        });
    });
  });

  // --- Catch-up: recent events come from memory, older ones from the log; identical requests share one answer. ---
  const ring: { ev: StoredEvent; projected: Map<string, Change> }[] = [];
  const projectedFor = (entry: (typeof ring)[number], key: string): Change => {
    let c = entry.projected.get(key);
    if (!c) entry.projected.set(key, (c = projectEvent(entry.ev, parseAudienceKey(key))));
    return c;
  };
  const inFlight = new Map<string, Promise<SyncResult>>();
  const catchUp = (key: string, afterSeq: number): Promise<SyncResult> => {
    const first = ring[0]?.ev.seq;
    if (first !== undefined && afterSeq >= first - 1 && afterSeq <= lastEmitted) {
      // Everything after afterSeq that this process has emitted; anything newer reaches the socket as a push.
      const slice = ring.slice(afterSeq - first + 1);
      return Promise.resolve({
        reset: false,
        events: compactReplay(slice.map((e) => [e.ev, projectedFor(e, key)] as const)),
        head: lastEmitted,
      });
    }
    const id = `${key}#${afterSeq}`;
    let p = inFlight.get(id);
    if (!p) {
      p = eventsAfter(ctx, parseAudienceKey(key), afterSeq).finally(() => inFlight.delete(id));
      inFlight.set(id, p);
    }
    return p;
  };

  // --- The sequencer: emit each event once, in seq order, to this process's sockets. ---
  let lastEmitted = await headSeq(ctx.db);
  const pending = new Map<number, StoredEvent>();
  let gapTimer: NodeJS.Timeout | null = null;
  let filling = false;

  const emitOne = (ev: StoredEvent) => {
    const entry = { ev, projected: new Map<string, Change>() };
    for (const room of io.of('/').adapter.rooms.keys()) {
      const key = audienceKeyOfRoom(room);
      if (key) io.local.to(room).emit('change', projectedFor(entry, key));
    }
    ring.push(entry);
    if (ring.length > RING_MAX) ring.splice(0, ring.length - RING_MAX);
  };

  const flush = () => {
    for (let ev = pending.get(lastEmitted + 1); ev; ev = pending.get(lastEmitted + 1)) {
      pending.delete(ev.seq);
      lastEmitted = ev.seq;
      emitOne(ev);
    }
    for (const seq of pending.keys()) if (seq <= lastEmitted) pending.delete(seq);
    if (pending.size && !gapTimer) gapTimer = setTimeout(() => void fillFromLog(), REORDER_WAIT_MS);
  };

  /** Read what this process has not emitted yet from the log (a lost or late bus message). */
  const fillFromLog = async () => {
    gapTimer = null;
    if (filling) return;
    filling = true;
    try {
      for (;;) {
        const batch = await readEventsAfter(ctx.db, lastEmitted, 500);
        if (!batch.length) break;
        for (const ev of batch) pending.set(ev.seq, ev);
        flush();
        if (batch.length < 500) break;
      }
    } catch (err) {
      ctx.log.warn({ err: (err as Error).message }, 'catch-up from the event log failed');
    } finally {
      filling = false;
      if (pending.size && !gapTimer) gapTimer = setTimeout(() => void fillFromLog(), REORDER_WAIT_MS * 4);
    }
  };

  ctx.bus.subscribe((events) => {
    for (const ev of events) if (ev.seq > lastEmitted) pending.set(ev.seq, ev);
    flush();
  });
  ctx.bus.onReconnect(() => void fillFromLog());
  const poll = setInterval(() => {
    // A client that stopped reading makes its packets pile up in memory: cut it off; it reconnects and catches up.
    for (const socket of io.of('/').sockets.values()) {
      // engine.io keeps unsent packets in writeBuffer; its type marks it private but it is the only measure.
      const buffered = (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
      if (buffered > MAX_BUFFERED_PACKETS) {
        ctx.log.warn({ socket: socket.id, buffered }, 'disconnecting a client that stopped reading');
        socket.disconnect(true);
      }
    }
    headSeq(ctx.db)
      .then((head) => {
        if (head > lastEmitted) void fillFromLog();
      })
      .catch(() => undefined);
  }, POLL_MS);
  poll.unref();

  return {
    io,
    /** Close every socket of a session on every process (sign-out). */
    endSession(sessionId: string) {
      io.in(rooms.session(sessionId)).disconnectSockets(true);
    },
    async close() {
      clearInterval(poll);
      if (gapTimer) clearTimeout(gapTimer);
      await new Promise<void>((r) => {
        void io.close(() => r());
      });
      await Promise.allSettled(redisClients.map((c) => c.quit()));
    },
  };
}
