import type { Ctx } from '../context.js';
import type { Audience } from '../auth/viewer.js';
import type { SyncResult } from '../../shared/events.js';
import { LIMITS } from '../../shared/limits.js';
import { headSeq, readEventsAfter } from './log.js';
import { projectEvent } from './projection.js';
import { compactReplay } from './compact.js';
import { loadCurrentStates } from './currentState.js';

/** Events after `after` (a page of at most `limit`), projected for the audience; `reset` when the gap is too wide to replay. */
export async function eventsAfter(
  ctx: Ctx,
  audience: Audience,
  after: number,
  limit: number = LIMITS.syncReplayMax,
): Promise<SyncResult> {
  const head = await headSeq(ctx.db);
  if (after > head || head - after > LIMITS.syncReplayMax) return { reset: true, head };
  const events = await readEventsAfter(ctx.db, after, limit);
  const current = await loadCurrentStates(ctx.db, events);
  return {
    reset: false,
    events: compactReplay(events.map((e) => [e, projectEvent(e, audience, current)] as const)),
    head,
  };
}
