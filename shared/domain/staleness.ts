import { STALE_HOURS } from '../limits.js';

/** True when an entry last confirmed at `lastReportedAt` has not been reconfirmed within `windowHours`. */
export function isStale(lastReportedAt: string | Date, now: Date, windowHours: number): boolean {
  const t = typeof lastReportedAt === 'string' ? Date.parse(lastReportedAt) : lastReportedAt.getTime();
  return now.getTime() - t > windowHours * 3_600_000;
}

/** Staleness of a shelter report with the default 12 h window. */
export function isShelterStale(
  lastReportedAt: string | Date,
  now: Date,
  windowHours: number = STALE_HOURS.shelter,
): boolean {
  return isStale(lastReportedAt, now, windowHours);
}
