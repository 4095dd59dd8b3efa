import type { Change } from '../../shared/events.js';
import type { Audience } from '../auth/viewer.js';
import type { StoredEvent } from './log.js';
import type { StoredService } from '../features/services/services.repo.js';
import { NO_CURRENT_STATES, type CurrentStates } from './currentState.js';
import { presentShelter } from '../features/shelters/shelters.presenter.js';
import { presentOrganisation } from '../features/organisations/organisations.presenter.js';
import { presentService, presentStockTotals } from '../features/services/services.presenter.js';
import { presentGbvAlert } from '../features/gbvAlerts/gbvAlerts.presenter.js';
import { presentAlert } from '../features/alerts/alerts.presenter.js';
import { presentRequest, presentRequestMessage } from '../features/requests/requests.presenter.js';
import { presentIncidentCell } from '../features/incidents/incidents.presenter.js';

type Presenter = (record: never, audience: Audience, current: CurrentStates) => unknown;

/** One presenter per entity: the record as the audience may see it, or null when it may not see it at all. */
const PRESENTERS: Record<string, Presenter> = {
  shelter: presentShelter,
  organisation: presentOrganisation,
  // A service's past events are shown with its current visibility too (see presentService).
  service: (s: StoredService, a: Audience, current: CurrentStates) =>
    presentService(s, a, current.service(s.id)),
  'stock-totals': presentStockTotals,
  'gbv-alert': presentGbvAlert,
  alert: presentAlert,
  request: presentRequest,
  'request-message': presentRequestMessage,
  'incident-cell': presentIncidentCell,
  // A report changes nothing any reader sees until a release (SPEC 2.4): no one, not even the
  // reporter, gets more than the seq.
  'incident-report': () => null,
};

/**
 * Incident cells as they were streamed before releases (`incident:summary-changed`, one per
 * report, the raw province-month counts) stay in old event logs. Rather than rewrite stored
 * events, they are re-projected at read time to placeholders for every reader, on every path
 * (history, /api/events, sync, push): the decision lives here, so a log written by any version
 * is safe to replay.
 */
const HIDDEN_TYPES = new Set<string>(['incident:summary-changed', 'incident:reported']);

/** Incident events never say who did them: the reporting organisation and user are never shown (SPEC 2.4). */
const ANONYMOUS_ENTITIES = new Set<string>(['incident-cell', 'incident-report']);

/**
 * Project a stored event for an audience. An event it may not see becomes a seq-only
 * placeholder, so its stream still has no gap and it learns nothing else. Unknown entities are
 * hidden: a new domain is invisible until it has a presenter.
 */
export function projectEvent(
  ev: StoredEvent,
  audience: Audience,
  current: CurrentStates = NO_CURRENT_STATES,
): Change {
  if (HIDDEN_TYPES.has(ev.type)) return { seq: ev.seq, type: 'hidden' };
  const present = PRESENTERS[ev.entity];
  const data = present ? present(ev.data as never, audience, current) : null;
  if (data === null || data === undefined) return { seq: ev.seq, type: 'hidden' };
  return { seq: ev.seq, type: ev.type, data, at: ev.at, by: actorShown(ev, data) } as Change;
}

const NOBODY = { userId: null, orgId: null } as const;

/**
 * Who made the change, as the reader may know it. Nobody for incident data (the reporting
 * organisation is never shown, SPEC 2.4) and for a masked safe house (its provider would say who
 * runs it and so where it is).
 */
function actorShown(ev: StoredEvent, data: unknown): { userId: string | null; orgId: string | null } {
  if (ANONYMOUS_ENTITIES.has(ev.entity)) return NOBODY;
  if (ev.entity === 'service' && (data as { masked?: boolean }).masked) return NOBODY;
  return { userId: ev.actorUserId, orgId: ev.actorOrgId };
}
