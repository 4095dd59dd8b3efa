/**
 * The referral pathway poster (issue 13): distance bands instead of exact distances (a poster is
 * read by people walking or asking for a ride), and when a printed poster needs reprinting.
 */

/** Distance bands on the poster, nearest first. */
export const DISTANCE_BANDS = ['under_2km', 'under_10km', 'under_30km', 'over_30km'] as const;
/** One distance band. */
export type DistanceBand = (typeof DISTANCE_BANDS)[number];

/** The band a distance in km falls in. */
export function distanceBand(km: number): DistanceBand {
  if (km < 2) return 'under_2km';
  if (km < 10) return 'under_10km';
  if (km < 30) return 'under_30km';
  return 'over_30km';
}

/**
 * Farthest a service from another province may be to go on a poster: one across the province line
 * is reachable, one across the country is not help a person can walk to (the hotline is).
 */
export const POSTER_MAX_KM = 60;

/** Services shown on a poster per type. */
export const POSTER_SERVICES_PER_TYPE = 3;

/** Availability statuses a poster lists a service under (and keeps it current). */
export const POSTER_STATUSES: readonly string[] = ['open', 'limited'];

/**
 * True when a printed poster needs reprinting: one of its services is no longer open or limited,
 * or no longer known to the reader (removed). `statusOf` answers a service's status, or undefined.
 */
export function posterOutdated(
  serviceIds: readonly string[],
  statusOf: (id: string) => string | undefined,
): boolean {
  return serviceIds.some((id) => {
    const s = statusOf(id);
    return s === undefined || !POSTER_STATUSES.includes(s);
  });
}
