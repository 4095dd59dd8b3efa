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
import { LIMITS } from '../../shared/limits.js';
import { zodIssues } from '../../shared/schemas/api.js';
import type { Ctx } from '../context.js';
import { audienceKey, parseAudienceKey, type Viewer } from '../auth/viewer.js';
import {
  cachedViewerForSession,
  cachedViewerForToken,
  forgetCached,
  readCookie,
  SESSION_COOKIE,
  validSessions,
} from '../auth/sessions.js';
import type { Revoked } from '../auth/revocation.js';
import { redisClient } from '../bus/bus.js';
import { headSeq, readEventsAfter, type StoredEvent } from '../events/log.js';
import { projectEvent } from '../events/projection.js';
import { eventsAfter } from '../events/sync.js';
import { compactReplay } from '../events/compact.js';
import { loadAllServiceStates, serviceVisibilityOf, type CurrentStates } from '../events/currentState.js';
import type { ServiceVisibility } from '../features/services/services.presenter.js';
import { auditIncidentRead } from '../features/incidents/audit.js';
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
// How often queued output per socket is measured.
const BUFFER_SWEEP_MS = 1000;
// While the bus is down (or not answering) nothing arrives by push: poll the log this often instead.
const POLL_BUS_DOWN_MS = 1000;
// Recent events kept in memory (with their projections) to answer catch-up without the database.
const RING_MAX = 5000;
// Revocations travel between processes as an inter-server event over the Socket.IO adapter.
const REVOKE = 'sho:revoke' as const;
const REVOKE_ACK_MS = 1000;

/**
 * Bytes queued for a socket and not yet taken by the network: engine.io's unsent packets plus
 * what the TCP socket holds in its write buffer. engine.io marks writeBuffer private, but it and
 * the upgrade request's socket are the only measure of a client that stopped reading.
 */
function bufferedBytes(socket: AppSocket): number {
  const conn = socket.conn as unknown as {
    writeBuffer: { data?: unknown }[];
    request?: { socket?: { writableLength?: number } };
  };
  let bytes = conn.request?.socket?.writableLength ?? 0;
  for (const p of conn.writeBuffer) {
    if (typeof p.data === 'string') bytes += p.data.length;
    else if (p.data instanceof ArrayBuffer || ArrayBuffer.isView(p.data)) bytes += p.data.byteLength;
  }
  return bytes;
}

/** Months of incident data a visible change carries, for the audit (never the counts). */
function incidentMonths(c: Change): string[] {
  if (c.type === 'hidden' || !c.type.startsWith('incident')) return [];
  const d = c.data as { month?: unknown; cells?: { month?: unknown }[] };
  const months = [d.month, ...(Array.isArray(d.cells) ? d.cells.map((x) => x.month) : [])];
  const out = months.filter((m): m is string => typeof m === 'string');
  return out.length ? [...new Set(out)] : ['?'];
}

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
    io.adapter(
      createAdapter(pub, sub, { key: `${ctx.config.redisPrefix}#io`, requestsTimeout: REVOKE_ACK_MS }),
    );
    redisClients.push(pub, sub);
  }

  const attach = (socket: AppSocket, viewer: Viewer) => {
    socket.data.userId = viewer.userId;
    socket.data.username = viewer.username;
    socket.data.sessionId = viewer.sessionId;
    socket.data.audience = audienceKey(viewer);
  };

  io.use((socket, next) => {
    const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    cachedViewerForToken(ctx.db, token)
      .then((viewer) => {
        if (!viewer) return next(new Error('unauthenticated'));
        attach(socket, viewer);
        next();
      })
      .catch((err: unknown) => next(new Error(isUnavailable(err) ? 'unavailable' : 'internal')));
  });

  // --- Revocation: sign-out, disabling, a new role or scope end access on every process at once. ---
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
    // process has forgotten the session, so the reply means "ended everywhere".
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

  /** Re-check every local socket's session; close those that ended or whose audience changed. */
  const recheckSockets = async () => {
    const sockets = [...io.of('/').sockets.values()];
    const valid = await validSessions(ctx.db, [...new Set(sockets.map((s) => s.data.sessionId))]);
    for (const socket of sockets) {
      const viewer = valid.get(socket.data.sessionId);
      if (!viewer || audienceKey(viewer) !== socket.data.audience) socket.disconnect(true);
    }
  };

  // Incident reads over sockets are audited once per socket and incident month (SPEC 2.7), not per packet.
  const audited = new WeakMap<AppSocket, Set<string>>();
  const auditIncidentReads = (socket: AppSocket, changes: readonly Change[], via: 'sync' | 'push') => {
    let seen = audited.get(socket);
    for (const c of changes)
      for (const month of incidentMonths(c)) {
        if (!seen) audited.set(socket, (seen = new Set()));
        if (seen.has(month)) continue;
        seen.add(month);
        const { role, orgId } = parseAudienceKey(socket.data.audience);
        const reader = { userId: socket.data.userId, username: socket.data.username, role, orgId };
        auditIncidentRead(ctx.db, reader, `socket.${via}.incidents`, { month, seq: c.seq }).catch(
          (err: unknown) => ctx.log.warn({ err: (err as Error).message }, 'incident read audit failed'),
        );
      }
  };

  /** Cut off a socket whose queued output passed the limit; it reconnects and catches up page by page. */
  const overBuffer = (socket: AppSocket): boolean => {
    const bytes = bufferedBytes(socket);
    if (bytes <= ctx.config.socketBufferMaxBytes) return false;
    ctx.log.warn({ socket: socket.id, bytes }, 'disconnecting a client that stopped reading');
    socket.disconnect(true);
    return true;
  };

  // Sync answers are encoded and written one per event-loop turn, so that many sockets catching up
  // at once never hold the loop for long: other requests (health checks, writes) run in between.
  const answers: (() => void)[] = [];
  let answering = false;
  const answerNext = () => {
    answers.shift()?.();
    if (answers.length) setImmediate(answerNext);
    else answering = false;
  };
  const answerInTurn = (fn: () => void) => {
    answers.push(fn);
    if (!answering) {
      answering = true;
      setImmediate(answerNext);
    }
  };

  const syncing = new Set<string>();
  io.on('connection', (socket: AppSocket) => {
    void socket.join([
      rooms.audience(socket.data.audience),
      rooms.session(socket.data.sessionId),
      rooms.user(socket.data.userId),
    ]);
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
      if (overBuffer(socket)) return;
      syncing.add(socket.id);
      // The session is checked again: a revoked one must not be answered even before its socket closes.
      cachedViewerForSession(ctx.db, socket.data.sessionId)
        .then(async (viewer) => {
          if (!viewer || audienceKey(viewer) !== socket.data.audience) {
            socket.disconnect(true);
            return null;
          }
          return catchUp(socket.data.audience, parsed.data.afterSeq);
        })
        .then(
          (data) =>
            new Promise<void>((resolve) =>
              answerInTurn(() => {
                resolve();
                if (!data || !socket.connected) return;
                ack({ ok: true, data });
                if (!data.reset) auditIncidentReads(socket, data.events, 'sync');
                overBuffer(socket);
              }),
            ),
        )
        .finally(() => syncing.delete(socket.id))
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

  // --- Current visibility of services, kept from the stream, so replays from memory use it too. ---
  const serviceStates: Map<string, ServiceVisibility> = await loadAllServiceStates(ctx.db);
  const current: CurrentStates = { service: (id) => serviceStates.get(id) };

  // --- Catch-up: recent events come from memory, older ones from the log; identical requests share one answer. ---
  const ring: { ev: StoredEvent; projected: Map<string, Change> }[] = [];
  const projectedFor = (entry: (typeof ring)[number], key: string): Change => {
    let c = entry.projected.get(key);
    if (!c) entry.projected.set(key, (c = projectEvent(entry.ev, parseAudienceKey(key), current)));
    return c;
  };
  const inFlight = new Map<string, Promise<SyncResult>>();
  const catchUp = (key: string, afterSeq: number): Promise<SyncResult> => {
    const first = ring[0]?.ev.seq;
    if (first !== undefined && afterSeq >= first - 1 && afterSeq <= lastEmitted) {
      // Everything after afterSeq that this process has emitted, a page at most; anything newer
      // reaches the socket as a push, and a client further behind asks again from the page's end.
      const start = afterSeq - first + 1;
      const slice = ring.slice(start, start + LIMITS.syncPageMax);
      return Promise.resolve({
        reset: false,
        events: compactReplay(slice.map((e) => [e.ev, projectedFor(e, key)] as const)),
        head: lastEmitted,
      });
    }
    const id = `${key}#${afterSeq}`;
    let p = inFlight.get(id);
    if (!p) {
      p = eventsAfter(ctx, parseAudienceKey(key), afterSeq, LIMITS.syncPageMax).finally(() =>
        inFlight.delete(id),
      );
      inFlight.set(id, p);
    }
    return p;
  };

  /** Keep the service's current visibility; when it changed, earlier projections of it are stale. */
  const trackVisibility = (ev: StoredEvent) => {
    if (ev.entity !== 'service') return;
    const next = serviceVisibilityOf(ev.data as ServiceVisibility);
    const prev = serviceStates.get(ev.entityId);
    serviceStates.set(ev.entityId, next);
    if (prev && JSON.stringify(prev) !== JSON.stringify(next))
      for (const e of ring)
        if (e.ev.entity === 'service' && e.ev.entityId === ev.entityId) e.projected.clear();
  };

  // --- The sequencer: emit each event once, in seq order, to this process's sockets. ---
  let lastEmitted = await headSeq(ctx.db);
  const pending = new Map<number, StoredEvent>();
  let gapTimer: NodeJS.Timeout | null = null;
  let filling = false;

  const emitOne = (ev: StoredEvent) => {
    trackVisibility(ev);
    const entry = { ev, projected: new Map<string, Change>() };
    const sockets = io.of('/').sockets;
    for (const [room, members] of io.of('/').adapter.rooms) {
      const key = audienceKeyOfRoom(room);
      if (!key) continue;
      const change = projectedFor(entry, key);
      io.local.to(room).emit('change', change);
      if (change.type !== 'hidden' && change.type.startsWith('incident'))
        for (const id of members) {
          const socket = sockets.get(id);
          if (socket) auditIncidentReads(socket, [change], 'push');
        }
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
  let lastLogPoll = 0;
  const poll = setInterval(() => {
    if (ctx.bus.ready() && Date.now() - lastLogPoll < POLL_MS - POLL_BUS_DOWN_MS / 2) return;
    lastLogPoll = Date.now();
    headSeq(ctx.db)
      .then((head) => {
        if (head > lastEmitted) void fillFromLog();
      })
      .catch(() => undefined);
  }, POLL_BUS_DOWN_MS);
  poll.unref();
  // A client that stopped reading makes its output pile up in memory: cut it off by bytes queued.
  const sweep = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) overBuffer(socket);
  }, BUFFER_SWEEP_MS);
  sweep.unref();
  const recheck = setInterval(() => {
    recheckSockets().catch((err: unknown) =>
      ctx.log.warn({ err: (err as Error).message }, 'socket session re-check failed'),
    );
  }, ctx.config.socketRecheckMs);
  recheck.unref();

  return {
    io,
    async close() {
      clearInterval(poll);
      clearInterval(sweep);
      clearInterval(recheck);
      if (gapTimer) clearTimeout(gapTimer);
      await new Promise<void>((r) => {
        void io.close(() => r());
      });
      await Promise.allSettled(redisClients.map((c) => c.quit()));
    },
  };
}
