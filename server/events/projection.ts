import type { Change } from '../../shared/events.js';
import type { Audience } from '../auth/viewer.js';
import type { StoredEvent } from './log.js';
import { NO_CURRENT_STATES, type CurrentStates } from './currentState.js';
import { domainOf } from './registry.js';

/**
 * Incident cells as they were streamed before releases (`incident:summary-changed`, one per
 * report, the raw province-month counts) stay in old event logs. Rather than rewrite stored
 * events, they are re-projected at read time to placeholders for every reader, on every path
 * (history, /api/events, sync, push): the decision lives here, so a log written by any version
 * is safe to replay.
 */
const HIDDEN_TYPES = new Set<string>(['incident:summary-changed', 'incident:reported']);

/**
 * Project a stored event for an audience with its entity's registered presenter. An event it may
 * not see becomes a seq-only placeholder, so its stream still has no gap and it learns nothing
 * else. Unknown entities are hidden: a new domain is invisible until it registers a presenter.
 */
export function projectEvent(
  ev: StoredEvent,
  audience: Audience,
  current: CurrentStates = NO_CURRENT_STATES,
): Change {
  if (HIDDEN_TYPES.has(ev.type)) return { seq: ev.seq, type: 'hidden' };
  const domain = domainOf(ev.entity);
  const data = domain ? domain.present(ev.data, audience, current.of(ev.entity, ev.entityId)) : null;
  if (data === null || data === undefined) return { seq: ev.seq, type: 'hidden' };
  return { seq: ev.seq, type: ev.type, data, at: ev.at, by: actorShown(ev, data) } as Change;
}

const NOBODY = { userId: null, orgId: null } as const;

/**
 * Who made the change, as the reader may know it: nobody where the domain says so (incident data,
 * whose reporting organisation is never shown, SPEC 2.4; a masked safe house, whose provider would
 * say who runs it and so where it is).
 */
function actorShown(ev: StoredEvent, data: unknown): { userId: string | null; orgId: string | null } {
  const anonymous = domainOf(ev.entity)?.anonymous;
  if (anonymous === true || (typeof anonymous === 'function' && anonymous(data))) return NOBODY;
  return { userId: ev.actorUserId, orgId: ev.actorOrgId };
}
