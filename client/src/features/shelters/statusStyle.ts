import type { ShelterStatus } from '../../../../shared/enums.js';

/** Status colours, chosen for contrast on a light map and on a wall display. Used by list, panel and map. */
export const STATUS_COLORS: Record<ShelterStatus, string> = {
  standby: '#64748b',
  open: '#15803d',
  full: '#b91c1c',
  closing: '#c2410c',
  closed: '#1e293b',
  damaged: '#7e22ce',
};

/** Safety score bands: under 4 of 8 critical items is poor, 4 to 6 partial, 7 or 8 good. */
export const SCORE_COLORS = { poor: '#dc2626', partial: '#d97706', good: '#16a34a' } as const;

export function scoreBand(score: number): keyof typeof SCORE_COLORS {
  return score < 4 ? 'poor' : score < 7 ? 'partial' : 'good';
}
