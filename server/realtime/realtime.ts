import type { Server as HttpServer } from 'node:http';
import { LIMITS } from '../../shared/limits.js';
import type { Ctx } from '../context.js';
import { parseAudienceKey } from '../auth/viewer.js';
import { cachedViewerForToken } from '../auth/sessions.js';
import { headSeq, readEventsAfter, type StoredEvent } from '../events/log.js';
import { projectEvent } from '../events/projection.js';
import { eventsAfter } from '../events/replay.js';
import { loadLiveStates } from '../events/currentState.js';
import type { TrustFn } from '../http/origin.js';
import { createIo, handshakeAuth, handshakeCatchUp, type AppSocket } from './io.js';
import { handleRevocations, recheckSessions } from './sessions.js';
import { answerQueue, boundBuffers } from './backpressure.js';
import { incidentReadAudit } from './incidentAudit.js';
import { createCatchUp } from './catchUp.js';
import { createSequencer } from './sequencer.js';
import { syncHandler } from './handlers/sync.js';
import { audienceKeyOfRoom, rooms } from './rooms.js';
import type { DemoClockStore } from '../features/demo/demo.clock.js';

export type { Io } from './io.js';

// Safety net: even if every pub/sub message were lost, each process converges on the log this often.
const POLL_MS = 5000;
// While the bus is down (or not answering) nothing arrives by push: poll the log this often instead.
const POLL_BUS_DOWN_MS = 1000;

/**
 * Realtime: authenticates sockets by the session cookie, answers their commands, and is the one
 * place that emits. Each process emits events to its own sockets in seq order, projected per audience.
 */
export async function createRealtime(
  ctx: Ctx,
  http: HttpServer,
  opts: { trust: () => TrustFn; demoClock?: DemoClockStore },
) {
  const server = await createIo(ctx, http, opts);
  const { io } = server;
  io.use(handshakeAuth((token) => cachedViewerForToken(ctx.db, token)));
  io.use(handshakeCatchUp());
  handleRevocations(ctx, io);
  const stopRecheck = recheckSessions(ctx, io);
  const buffers = boundBuffers(io, ctx.config.socketBufferMaxBytes, ctx.log);
  const auditIncidentReads = incidentReadAudit(ctx);

  // Current visibility of records (services), kept from the stream, so replays from memory use it too.
  const live = await loadLiveStates(ctx.db);
  const sequencer = createSequencer({
    start: await headSeq(ctx.db),
    emit: (ev) => emitOne(ev),
    readAfter: (after, limit) => readEventsAfter(ctx.db, after, limit),
    log: ctx.log,
  });
  const catchUp = createCatchUp({
    head: () => sequencer.head(),
    project: (ev, key) => projectEvent(ev, parseAudienceKey(key), live),
    fromLog: (key, afterSeq) => eventsAfter(ctx, parseAudienceKey(key), afterSeq, LIMITS.syncPageMax),
  });

  /** Emit one event to every audience room of this process, projected for each. */
  const emitOne = (ev: StoredEvent) => {
    // When a record's visibility changed, earlier projections of it are stale.
    if (live.track(ev)) catchUp.forget(ev.entity, ev.entityId);
    const entry = catchUp.record(ev);
    const sockets = io.of('/').sockets;
    for (const [room, members] of io.of('/').adapter.rooms) {
      const key = audienceKeyOfRoom(room);
      if (!key) continue;
      const change = catchUp.projectedFor(entry, key);
      io.local.to(room).emit('change', change);
      if (change.type !== 'hidden' && change.type.startsWith('incident'))
        for (const id of members) {
          const socket = sockets.get(id);
          if (socket) auditIncidentReads(socket, [change], 'push');
        }
    }
  };

  const sync = syncHandler(ctx, {
    catchUp,
    overBuffer: buffers.overBuffer,
    answerInTurn: answerQueue(),
    auditIncidentReads,
    head: () => sequencer.head(),
  });
  io.on('connection', (socket: AppSocket) => {
    void socket.join([
      rooms.audience(socket.data.audience),
      rooms.session(socket.data.sessionId),
      rooms.user(socket.data.userId),
    ]);
    // The hello: with the catch-up when the handshake said where the client stands.
    sync.hello(socket);
    sync.register(socket);
  });

  // The replay's scenario clock: to every socket (the adapter reaches the other processes' sockets)
  // and to the other processes, so their GET /api/demo tells it too.
  const { demoClock } = opts;
  if (demoClock) {
    demoClock.onSet((c) => {
      io.emit('demo:clock', c);
      io.serverSideEmit('demo:clock', c);
    });
    io.on('demo:clock', (c) => demoClock.store(c));
  }

  ctx.bus.subscribe((events) => sequencer.offer(events));
  ctx.bus.onReconnect(() => void sequencer.fill());
  let lastLogPoll = 0;
  const poll = setInterval(() => {
    if (ctx.bus.ready() && Date.now() - lastLogPoll < POLL_MS - POLL_BUS_DOWN_MS / 2) return;
    lastLogPoll = Date.now();
    headSeq(ctx.db)
      .then((head) => {
        if (head > sequencer.head()) void sequencer.fill();
      })
      .catch(() => undefined);
  }, POLL_BUS_DOWN_MS);
  poll.unref();

  return {
    io,
    async close() {
      clearInterval(poll);
      buffers.stop();
      stopRecheck();
      sequencer.stop();
      await server.close();
    },
  };
}
