import type { RiskAlert } from '../schemas/alerts.js';

/** True when a risk alert flags places now: active or updated, and within its validity. Free of zod so the smallest client bundle can use it. */
export function isAlertInForce(a: Pick<RiskAlert, 'status' | 'validFrom' | 'validTo'>, now: Date): boolean {
  const t = now.getTime();
  return (
    (a.status === 'active' || a.status === 'updated') &&
    Date.parse(a.validFrom) <= t &&
    t <= Date.parse(a.validTo)
  );
}
