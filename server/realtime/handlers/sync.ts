import { SyncRequestSchema, type SyncResult } from '../../../shared/events.js';
import type { Ctx } from '../../context.js';
import { audienceKey } from '../../auth/viewer.js';
import { cachedViewerForSession } from '../../auth/sessions.js';
import type { AppSocket } from '../io.js';
import type { CatchUp } from '../catchUp.js';
import type { OverBuffer } from '../backpressure.js';
import type { AuditIncidentReads } from '../incidentAudit.js';
import { socketHandler } from '../socketHandler.js';
import { okReply } from '../sharedReply.js';

/** What `sync` answers with. */
export interface SyncDeps {
  catchUp: Pick<CatchUp, 'answer'>;
  overBuffer: OverBuffer;
  answerInTurn: (fn: () => void) => void;
  auditIncidentReads: AuditIncidentReads;
}

/**
 * `sync {afterSeq}`: the events after `afterSeq` as the socket's audience may see them (a page at
 * most), or `reset` when the gap is too wide. Returns the per-socket registration.
 */
export function syncHandler(ctx: Ctx, deps: SyncDeps): (socket: AppSocket) => void {
  const syncing = new Set<string>();
  // Sockets whose last reply was a page short of the head: they are paging through a long absence.
  const paging = new Set<string>();
  return (socket) => {
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
          syncing.add(socket.id);
          // The session is checked again: a revoked one must not be answered even before its socket closes.
          return cachedViewerForSession(ctx.db, socket.data.sessionId)
            .then(async (viewer) => {
              if (!viewer || audienceKey(viewer) !== socket.data.audience) {
                socket.disconnect(true);
                return null;
              }
              return deps.catchUp.answer(socket.data.audience, req.afterSeq, paging.has(socket.id));
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
                    ack(okReply(data));
                    if (!data.reset) deps.auditIncidentReads(socket, data.events, 'sync');
                    deps.overBuffer(socket);
                  }),
                ),
            )
            .finally(() => syncing.delete(socket.id));
        },
        { event: 'sync', log: ctx.log },
      ),
    );
  };
}
