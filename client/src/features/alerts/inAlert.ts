import { useMemo } from 'react';
import { placeInArea, type Place } from '../../../../shared/domain/geo.js';
import { isAlertInForce } from '../../../../shared/domain/alerts.js';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';
import { useNow } from '../../lib/useNow.js';
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
