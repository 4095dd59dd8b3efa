import { useMemo } from 'react';
import { placeInArea, type Place } from '../../../../shared/domain/geo.js';
import { isAlertInForce } from '../../../../shared/domain/alerts.js';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';
import { useNow } from '../../lib/useNow.js';
import { useServiceStore } from '../services/serviceStore.js';
import { useShelterStore } from '../shelters/shelterStore.js';
import { useAlertStore } from './alertStore.js';

/** True when the alert flags places now (the shared rule, free of zod). */
export const alertInForce = isAlertInForce;

/** Alerts in force, highest level first. */
export function alertsInForce(byId: Readonly<Record<string, RiskAlert>>, now: Date): RiskAlert[] {
  return Object.values(byId)
    .filter((a) => alertInForce(a, now))
    .sort((a, b) => b.level - a.level || a.validFrom.localeCompare(b.validFrom));
}

/** The alerts in force whose area holds the place, as the reader sees it (a hidden position only by its codes). */
export function alertsAt(place: Place, inForce: readonly RiskAlert[]): RiskAlert[] {
  return inForce.filter((a) => placeInArea(place, a));
}

/** Alerts in force now, refreshed as alerts change and as time passes. */
export function useAlertsInForce(): RiskAlert[] {
  const byId = useAlertStore((s) => s.byId);
  const now = useNow();
  return useMemo(() => alertsInForce(byId, new Date(now)), [byId, now]);
}

/** A place an alert flags, with the domain that opens it. */
export interface FlaggedPlace {
  kind: 'shelter' | 'service';
  id: string;
  name: string;
}

/** The shelters, then the services, that an alert's area covers (whether or not it is in force). */
export function useFlaggedBy(): (a: RiskAlert) => FlaggedPlace[] {
  const shelters = useShelterStore((s) => s.byId);
  const services = useServiceStore((s) => s.byId);
  return (a) => [
    ...Object.values(shelters)
      .filter((s) => alertsAt(s, [a]).length)
      .map((s) => ({ kind: 'shelter' as const, id: s.id, name: s.name })),
    ...Object.values(services)
      .filter((s) => alertsAt(s, [a]).length)
      .map((s) => ({ kind: 'service' as const, id: s.id, name: s.name })),
  ];
}
