import type { ChangeType } from '../../shared/events.js';
import type { Queryable } from '../db/db.js';
import { changedSince, lockedForWrite, type Meta } from '../db/records.js';
import { HttpError } from '../http/errors.js';
import { recordEvent } from './log.js';
import type { Idempotency, WriteResult } from './writer.js';
import type { Ctx } from '../context.js';
import type { Viewer } from '../auth/viewer.js';

/** The fields an acknowledgeable alert carries. */
interface Acknowledgeable extends Meta {
  status: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/** The table of one kind of alert. */
interface AlertTable<R> {
  get(q: Queryable, id: string, forUpdate: boolean): Promise<R | null>;
  update(
    q: Queryable,
    id: string,
    version: number,
    fields: Partial<Omit<R, keyof Meta>>,
    userId: string,
  ): Promise<R | null>;
}

/** How one kind of alert is shown to, and acknowledged by, one caller. */
export interface AcknowledgeOf<R, S> {
  /** The alert as the caller may see it, or null when hidden. */
  present: (r: R) => S | null;
  /** The 409's message when the alert may no longer be acknowledged, else null. */
  settled: (r: R) => string | null;
  /** When it is acknowledged, read inside the transaction (now unless given). */
  now?: () => Date;
  /** The reply's body (the stored alert unless given). */
  body?: (updated: R) => unknown;
}

/**
 * A service's `acknowledge`: someone in scope has seen the alert and acts. A 404 when hidden, a 409
 * when already settled or no longer at `version`.
 */
export function acknowledger<R extends Acknowledgeable, S>(
  table: AlertTable<R>,
  event: ChangeType,
  ofCaller: (ctx: Ctx, viewer: Viewer) => AcknowledgeOf<NoInfer<R>, S>,
) {
  return (ctx: Ctx, viewer: Viewer, id: string, version: number, idem: Idempotency | null) => {
    const of = ofCaller(ctx, viewer);
    return ctx.writer.write(viewer, idem, async (q: Queryable): Promise<WriteResult<unknown>> => {
      const { current, shown } = await lockedForWrite(table, q, id, version, {
        missing: 'alert',
        present: of.present,
      });
      const settled = of.settled(current);
      if (settled) throw new HttpError(409, 'conflict', settled, undefined, shown);
      const acknowledgedAt = (of.now?.() ?? new Date()).toISOString();
      const fields = { status: 'acknowledged', acknowledgedAt, acknowledgedBy: viewer.userId };
      const updated = await table.update(
        q,
        id,
        version,
        fields as Partial<Omit<R, keyof Meta>>,
        viewer.userId,
      );
      if (!updated) throw changedSince({ missing: 'alert' }, shown);
      return {
        status: 200,
        body: of.body ? of.body(updated) : updated,
        events: [recordEvent(event, updated, { status: 'acknowledged' })],
      };
    });
  };
}
