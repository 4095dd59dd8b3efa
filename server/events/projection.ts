import type { Change } from '../../shared/events.js';
import type { Audience } from '../auth/viewer.js';
import type { StoredEvent } from './log.js';
import { presentShelter } from '../features/shelters/shelters.presenter.js';
import { presentOrganisation } from '../features/organisations/organisations.presenter.js';
import { presentService, presentStockTotals } from '../features/services/services.presenter.js';
import { presentGbvAlert } from '../features/gbvAlerts/gbvAlerts.presenter.js';
import { presentAlert } from '../features/alerts/alerts.presenter.js';
import { presentRequest, presentRequestMessage } from '../features/requests/requests.presenter.js';
import { presentIncidentCell } from '../features/incidents/incidents.presenter.js';

type Presenter = (record: never, audience: Audience) => unknown;

/** One presenter per entity: the record as the audience may see it, or null when it may not see it at all. */
const PRESENTERS: Record<string, Presenter> = {
  shelter: presentShelter,
  organisation: presentOrganisation,
  service: presentService,
  'stock-totals': presentStockTotals,
  'gbv-alert': presentGbvAlert,
  alert: presentAlert,
  request: presentRequest,
  'request-message': presentRequestMessage,
  'incident-cell': presentIncidentCell,
};

/**
 * Project a stored event for an audience. An event it may not see becomes a seq-only
 * placeholder, so its stream still has no gap and it learns nothing else. Unknown entities are
 * hidden: a new domain is invisible until it has a presenter.
 */
export function projectEvent(ev: StoredEvent, audience: Audience): Change {
  const present = PRESENTERS[ev.entity];
  const data = present ? present(ev.data as never, audience) : null;
  if (data === null || data === undefined) return { seq: ev.seq, type: 'hidden' };
  return {
    seq: ev.seq,
    type: ev.type,
    data,
    at: ev.at,
    by: { userId: ev.actorUserId, orgId: ev.actorOrgId },
  } as Change;
}
