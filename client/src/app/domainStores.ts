import type { Change } from '../../../shared/events.js';
import { useAlertStore } from '../features/alerts/alertStore.js';
import { useGbvAlertStore } from '../features/gbvAlerts/gbvAlertStore.js';
import { useCareAlertStore } from '../features/careAlerts/careAlertStore.js';
import { useIncidentStore } from '../features/incidents/incidentStore.js';
import { useOrganisationStore } from '../features/organisations/organisationStore.js';
import { useRequestStore } from '../features/requests/requestStore.js';
import { useThreadStore } from '../features/requests/threadStore.js';
import { useServiceStore } from '../features/services/serviceStore.js';
import { useStockTotalStore } from '../features/services/stockTotalStore.js';
import { useShelterStore } from '../features/shelters/shelterStore.js';
import type { Snapshot } from '../realtime/snapshot.js';
import type { SnapshotDomain } from '../../../shared/snapshotParts.js';

/** What the realtime listener and sign-out need of a domain's store. */
export interface DomainStore {
  name: string;
  /** The snapshot domain it loads from; absent for stores the snapshot does not fill. */
  key?: SnapshotDomain;
  /** Take this domain's part of the snapshot (it reads only its own key); absent with `key`. */
  load?: (snap: Snapshot) => void;
  /** Apply released stream changes, in seq order; each store picks its own. */
  apply: (changes: readonly Change[]) => void;
  /** Forget everything (sign-out). */
  reset: () => void;
}

interface Store<S> {
  getState: () => S;
}
interface Applies {
  applyEvent: (changes: readonly Change[]) => void;
  reset: () => void;
}

/** Register a store: the snapshot key it loads from (if any) and how its state takes it. */
function domain<S extends Applies>(
  name: string,
  store: Store<S>,
  load?: (state: S, snap: Snapshot) => void,
): DomainStore {
  return {
    name,
    load: load && ((snap) => load(store.getState(), snap)),
    apply: (changes) => store.getState().applyEvent(changes),
    reset: () => store.getState().reset(),
  };
}

/** A store the snapshot fills, named after its snapshot key. */
function filled<S extends Applies>(
  key: SnapshotDomain,
  store: Store<S>,
  load: (state: S, snap: Snapshot) => void,
): DomainStore {
  return { ...domain(key, store, load), key };
}

/**
 * Every domain store the server's stream and snapshot fill, in the order changes are applied. A new
 * domain is one line here: realtime/realtime.ts loads and applies through this list, and the shell
 * resets it on sign-out.
 */
export const DOMAIN_STORES: readonly DomainStore[] = [
  filled('shelters', useShelterStore, (s, snap) => s.replaceAll(snap.shelters)),
  filled('organisations', useOrganisationStore, (s, snap) => s.replaceAll(snap.organisations)),
  filled('services', useServiceStore, (s, snap) => s.replaceAll(snap.services)),
  filled('stockTotals', useStockTotalStore, (s, snap) => s.replaceAll(snap.stockTotals)),
  filled('alerts', useAlertStore, (s, snap) => s.replaceAll(snap.alerts)),
  filled('requests', useRequestStore, (s, snap) => s.replaceAll(snap.requests)),
  domain('threads', useThreadStore),
  filled('gbvAlerts', useGbvAlertStore, (s, snap) => s.replaceAll(snap.gbvAlerts)),
  filled('careAlerts', useCareAlertStore, (s, snap) => s.replaceAll(snap.careAlerts ?? [])),
  filled('incidents', useIncidentStore, (s, snap) => s.replaceAll(snap.incidents)),
];
