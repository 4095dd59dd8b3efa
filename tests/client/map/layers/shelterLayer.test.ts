import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../../../../client/src/features/shelters/filters.js';
import { indexShelters } from '../../../../client/src/features/shelters/reconcile.js';
import { toFeatures } from '../../../../client/src/map/layers/shelterLayer.js';
import { buildShelter } from '../../../helpers/factories.js';

describe('shelter layer features', () => {
  it('has one point per visible shelter with status, occupancy, score and staleness', () => {
    const now = new Date('2024-09-08T12:00:00.000Z');
    const fresh = buildShelter({
      status: 'full',
      occupancy: 120,
      safetyScore: 6,
      lastReportedAt: '2024-09-08T11:00:00.000Z',
      lon: 107.1,
      lat: 20.9,
    });
    const stale = buildShelter({
      status: 'open',
      provinceCode: '31',
      lastReportedAt: '2024-09-07T11:00:00.000Z',
    });
    const fc = toFeatures(indexShelters([fresh, stale]), NO_FILTER, null, now);
    expect(fc.features).toHaveLength(2);
    const f = fc.features.find((x) => x.id === fresh.id);
    expect(f?.geometry.coordinates).toEqual([107.1, 20.9]);
    expect(f?.properties).toEqual({
      id: fresh.id,
      status: 'full',
      occupancy: 120,
      score: 6,
      stale: false,
      full: 1,
    });
    expect(fc.features.find((x) => x.id === stale.id)?.properties.stale).toBe(true);
    expect(toFeatures(indexShelters([fresh, stale]), NO_FILTER, '31', now).features).toHaveLength(1);
  });
});
