import { Router } from 'express';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import type { SyncResult } from '../../../shared/events.js';
import { LIMITS } from '../../../shared/limits.js';
import { read } from '../../http/route.js';
import { headSeq, readEventsAfter } from '../../events/log.js';
import { snapshot, snapshotPart } from '../../events/snapshot.js';
import { SNAPSHOT_DOMAINS } from '../../../shared/snapshotParts.js';
import { SnapshotDomainSchema } from '../../../shared/events.js';
import { projectEvent } from '../../events/projection.js';
import { loadCurrentStates } from '../../events/currentState.js';
import { auditIncidentRead } from '../incidents/audit.js';

const EventsQuery = z.strictObject({
  after: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(LIMITS.eventsPageMax).default(LIMITS.eventsPageMax),
});

/** `?domains=shelters,alerts`: a part of the snapshot, each domain named once. */
const SnapshotQuery = z.strictObject({
  domains: z
    .string()
    .max(SNAPSHOT_DOMAINS.join(',').length)
    .transform((s) => s.split(','))
    .pipe(
      z
        .array(SnapshotDomainSchema)
        .min(1)
        .refine((d) => new Set(d).size === d.length, 'a domain is named twice'),
    )
    .optional(),
});

/** GET /api/snapshot and GET /api/events. */
export function syncRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/snapshot',
    read({ query: SnapshotQuery }, async ({ query, viewer }) => {
      const snap = query.domains
        ? await snapshotPart(ctx, viewer, query.domains)
        : await snapshot(ctx, viewer);
      // Reads of incident data are recorded (SPEC 2.7): who, when and what, never the data.
      if (snap.incidents)
        await auditIncidentRead(ctx.db, viewer, 'snapshot.incidents', {
          seq: snap.seq,
          cells: snap.incidents.cells.length,
        });
      return snap;
    }),
  );
  r.get(
    '/events',
    read({ query: EventsQuery }, async ({ query: q, viewer }): Promise<SyncResult> => {
      // Paged: a client far behind reads page after page (or reloads the snapshot when told to).
      const head = await headSeq(ctx.db);
      if (q.after > head) return { reset: true, head };
      const events = await readEventsAfter(ctx.db, q.after, q.limit);
      const current = await loadCurrentStates(ctx.db, events);
      const projected = events.map((e) => projectEvent(e, viewer, current));
      // Released cells are the only incident figures an event can carry; reading them is recorded.
      const incidentReads = projected.filter((e) => e.type === 'incident:released').length;
      if (incidentReads)
        await auditIncidentRead(ctx.db, viewer, 'events.incidents', { after: q.after, cells: incidentReads });
      return { reset: false, events: projected, head };
    }),
  );
  return r;
}
