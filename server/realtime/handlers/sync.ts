import { PROTOCOL_VERSION, SyncRequestSchema, type SyncResult } from '../../../shared/events.js';
import type { Ctx } from '../../context.js';
import { audienceKey } from '../../auth/viewer.js';
import { cachedViewerForSession } from '../../auth/sessions.js';
import type { AppSocket } from '../io.js';
import type { CatchUp } from '../catchUp.js';
import type { OverBuffer } from '../backpressure.js';
import type { AuditIncidentReads } from '../incidentAudit.js';
import { socketHandler } from '../socketHandler.js';
import { helloReply, okReply, withHiddenRuns } from '../sharedReply.js';

/** What `sync` answers with. */
export interface SyncDeps {
  catchUp: Pick<CatchUp, 'answer'>;
  overBuffer: OverBuffer;
  answerInTurn: (fn: () => void) => void;
  auditIncidentReads: AuditIncidentReads;
  /** The seq this process has sent up to, for a hello without a catch-up. */
  head: () => number;
}

/** The `sync` command's registration per socket, and the hello that answers a handshake's `afterSeq`. */
export interface SyncHandler {
  register(socket: AppSocket): void;
  /** Send the socket its hello: with the catch-up after `afterSeq` when the handshake carried one. */
  hello(socket: AppSocket): void;
}

/**
 * `sync {afterSeq}`: the events after `afterSeq` as the socket's audience may see them (a page at
 * most), or `reset` when the gap is too wide. A handshake carrying `afterSeq` gets the same answer in
 * its hello, by the same path (session check, one catch-up at a time, audit, byte bound). Asked for
 * (`hiddenRuns` in the handshake or the payload), the placeholders of a reply come as runs.
 */
export function syncHandler(ctx: Ctx, deps: SyncDeps): SyncHandler {
  const syncing = new Set<string>();
  // Sockets whose last reply was a page short of the head: they are paging through a long absence.
  const paging = new Set<string>();

  /** Answer one catch-up for the socket through `send`, in turn; nothing when its session ended. */
  const answer = (
    socket: AppSocket,
    afterSeq: number,
    runs: boolean,
    send: (data: SyncResult) => void,
  ): Promise<void> => {
    syncing.add(socket.id);
    // The session is checked again: a revoked one must not be answered even before its socket closes.
    return cachedViewerForSession(ctx.db, socket.data.sessionId)
      .then(async (viewer) => {
        if (!viewer || audienceKey(viewer) !== socket.data.audience) {
          socket.disconnect(true);
          return null;
        }
        return deps.catchUp.answer(socket.data.audience, afterSeq, paging.has(socket.id));
      })
      .then(
        (data) =>
          new Promise<void>((resolve) =>
            deps.answerInTurn(() => {
              resolve();
              if (!data || !socket.connected) return paging.delete(socket.id);
              const last = data.reset ? undefined : data.events.at(-1)?.seq;
              if (last !== undefined && last < data.head) paging.add(socket.id);
              else paging.delete(socket.id);
              send(runs ? withHiddenRuns(data) : data);
              if (!data.reset) deps.auditIncidentReads(socket, data.events, 'sync');
              deps.overBuffer(socket);
            }),
          ),
      )
      .finally(() => syncing.delete(socket.id));
  };

  return {
    register(socket) {
      socket.once('disconnect', () => paging.delete(socket.id));
      socket.on(
        'sync',
        socketHandler<typeof SyncRequestSchema, SyncResult>(
          SyncRequestSchema,
          (req, ack) => {
            // One catch-up at a time per socket: a client may not queue replies faster than it reads them.
            if (syncing.has(socket.id))
              return ack({
                ok: false,
                error: { code: 'rate_limited', message: 'A sync is already in progress on this connection.' },
              });
            if (deps.overBuffer(socket)) return;
            const runs = req.hiddenRuns === true || socket.data.hiddenRuns === true;
            return answer(socket, req.afterSeq, runs, (data) => ack(okReply(data)));
          },
          { event: 'sync', log: ctx.log },
        ),
      );
    },
    hello(socket) {
      const { afterSeq } = socket.data;
      const plain = () =>
        socket.emit('hello', { protocol: PROTOCOL_VERSION, head: deps.head(), hiddenRuns: true });
      if (afterSeq === undefined) return void plain();
      // A failed catch-up (the log unavailable) leaves a plain hello: the client then asks with `sync`.
      const runs = socket.data.hiddenRuns === true;
      answer(socket, afterSeq, runs, (data) =>
        socket.emit('hello', helloReply(PROTOCOL_VERSION, data)),
      ).catch((err: unknown) => {
        ctx.log.warn({ err: (err as Error).message }, 'hello catch-up failed');
        if (socket.connected) plain();
      });
    },
  };
}
