import { AlertPatchSchema, type AlertPatch, type RiskAlert } from '../../../shared/schemas/alerts.js';
import { issuesAlerts } from '../../../shared/domain/permissions.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db/db.js';
import type { Viewer } from '../../auth/viewer.js';
import { badField, forbidden } from '../../http/errors.js';
import type { Reply } from '../../http/route.js';
import { parse } from '../../http/validate.js';
import { readEntityEvents } from '../../events/log.js';
import * as alerts from '../alerts/alerts.service.js';
import { capTime, identifierOf } from './cap.mapping.js';
import { readCap, type CapIn } from './cap.in.js';
import { capMessage, type CapRef } from './cap.out.js';
import { findCapMessage, insertCapMessage } from './cap.repo.js';

/** The token purpose that may post CAP messages. */
export const CAP_FEED_PURPOSE = 'cap-feed';

/**
 * Who a CAP message is written as: an operations officer's session as itself (its scope applies);
 * a `cap-feed` token as an operations officer of the token's scope. Anyone else is refused.
 */
export function capWriter(viewer: Viewer): Viewer {
  if (viewer.tokenPurpose === CAP_FEED_PURPOSE) return { ...viewer, role: 'ops_officer' };
  if (viewer.tokenPurpose === undefined && issuesAlerts(viewer)) return viewer;
  throw forbidden('Only an operations officer or a cap-feed token posts CAP messages.');
}

/** The message an alert's previous version went out as, from the alert's history (version 1 when that is gone). */
async function previousRef(ctx: Ctx, a: RiskAlert): Promise<CapRef | null> {
  if (a.version <= 1) return null;
  const events = await readEntityEvents(ctx.db, 'alert', a.id);
  const prev = events
    .map((e) => e.data as Partial<RiskAlert>)
    .find((d) => d.version === a.version - 1 && typeof d.updatedAt === 'string');
  return prev
    ? { identifier: identifierOf(a, a.version - 1), sent: capTime(prev.updatedAt!) }
    : { identifier: identifierOf(a, 1), sent: capTime(a.createdAt) };
}

/** One alert as a CAP 1.2 message, for a reader of alerts. */
export async function messageFor(ctx: Ctx, viewer: Viewer, id: string): Promise<string> {
  const a = await alerts.get(ctx, viewer, id);
  return capMessage(a, ctx.areas, await previousRef(ctx, a));
}

/** The alerts a CAP feed lists: not expired; a cancelled one stays until its end so consumers learn of it. */
export async function feedAlerts(ctx: Ctx, viewer: Viewer, now: Date): Promise<RiskAlert[]> {
  return (await alerts.list(ctx, viewer)).filter(
    (a) => a.status !== 'expired' && Date.parse(a.validTo) > now.getTime(),
  );
}

class AlreadyTaken extends Error {}

// What an Update may change: what a PATCH may, less the track (kept below) and the status (the
// message type says it).
type Patchable = Exclude<keyof AlertPatch, 'version' | 'storm' | 'status'>;
const PATCHABLE = (Object.keys(AlertPatchSchema.shape) as (keyof AlertPatch)[]).filter(
  (k): k is Patchable => k !== 'version' && k !== 'storm' && k !== 'status',
);

/** What an Update changes on the alert: only the fields whose values differ. */
function changesOf(current: RiskAlert, next: NonNullable<CapIn['alert']>): Record<string, unknown> {
  if (next.hazard !== current.hazard) throw badField('cap.eventCode', 'an Update cannot change the hazard');
  const out: Record<string, unknown> = {};
  for (const k of PATCHABLE) if (JSON.stringify(current[k]) !== JSON.stringify(next[k])) out[k] = next[k];
  // CAP carries a storm's name and landfall, not its track: keep the track this side knows.
  if (
    next.storm &&
    (current.storm?.name !== next.storm.name || current.storm?.landfallAt !== next.storm.landfallAt)
  )
    out.storm = {
      ...(current.storm ?? next.storm),
      name: next.storm.name,
      landfallAt: next.storm.landfallAt,
    };
  if (next.status === 'active' && current.status === 'forecast') out.status = 'active';
  return out;
}

/**
 * Take in one CAP message: an Alert creates a risk alert, an Update changes the alert its references
 * point at, a Cancel cancels it, each through the alerts service (one event per change). Idempotent
 * on (sender, identifier): a message taken in before changes nothing.
 */
export async function importCap(ctx: Ctx, viewer: Viewer, xml: unknown): Promise<Reply> {
  const actor = capWriter(viewer);
  const m = await readCap(xml, ctx.areas);
  const row = (alertId: string) => ({
    sender: m.sender,
    identifier: m.identifier,
    sent: m.sent,
    msgType: m.msgType,
    alertId,
  });
  const within = async (q: Queryable, a: RiskAlert) => {
    if (!(await insertCapMessage(q, row(a.id)))) throw new AlreadyTaken();
  };
  const unchanged = async (alertId: string): Promise<Reply> => ({
    status: 200,
    body: { outcome: 'unchanged', identifier: m.identifier, alert: await alerts.get(ctx, actor, alertId) },
  });
  const known = await findCapMessage(ctx.db, m.sender, m.identifier);
  if (known) return unchanged(known.alertId);

  const attempt = async (write: () => Promise<Reply>, outcome: string): Promise<Reply> => {
    try {
      const r = await write();
      return { status: r.status, body: { outcome, identifier: m.identifier, alert: r.body } };
    } catch (err) {
      if (!(err instanceof AlreadyTaken)) throw err;
      return unchanged((await findCapMessage(ctx.db, m.sender, m.identifier))!.alertId);
    }
  };

  if (m.msgType === 'Alert')
    return attempt(
      () => alerts.create(ctx, actor, m.alert!, null, { simulated: m.simulated, within }),
      'created',
    );

  let target: string | null = null;
  for (const ref of [...m.references].reverse()) {
    target = (await findCapMessage(ctx.db, ref.sender, ref.identifier))?.alertId ?? null;
    if (target) break;
  }
  if (!target) throw badField('cap.references', 'no alert here was made from the referenced messages');
  const current = await alerts.get(ctx, actor, target);
  const changes: Record<string, unknown> =
    m.msgType === 'Cancel'
      ? current.status === 'cancelled'
        ? {}
        : { status: 'cancelled' }
      : changesOf(current, m.alert!);
  if (!Object.keys(changes).length) {
    await insertCapMessage(ctx.db, row(target));
    return unchanged(target);
  }
  const p = parse(AlertPatchSchema, { version: current.version, ...changes }, 'body');
  return attempt(
    () => alerts.patch(ctx, actor, target, p, null, { within }),
    m.msgType === 'Cancel' ? 'cancelled' : 'updated',
  );
}
