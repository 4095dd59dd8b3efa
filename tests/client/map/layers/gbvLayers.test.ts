import { describe, expect, it } from 'vitest';
import { alertFeatures, provinceFill, provinceLevels } from '../../../../client/src/map/layers/alertLayer.js';
import { requestBadges } from '../../../../client/src/map/layers/requestLayer.js';
import { toServiceFeatures } from '../../../../client/src/map/layers/serviceLayer.js';
import { NO_SERVICE_FILTER } from '../../../../client/src/features/services/filters.js';
import { indexById } from '../../../../client/src/lib/byId.js';
import { buildShelter } from '../../../helpers/factories.js';
import { buildAlert, buildRequest, buildService } from '../../factories.js';

const now = Date.parse('2024-09-07T06:00:00.000Z');

describe('GBV map layers', () => {
  it('never draws a hidden position; a commune-only one is drawn as such', () => {
    const exact = buildService();
    const commune = buildService({ positionShown: 'commune', locationVisibility: 'commune' });
    const hidden = buildService({
      types: ['safe_house'],
      positionShown: 'hidden',
      locationVisibility: 'hidden',
      lat: null,
      lon: null,
    });
    const fc = toServiceFeatures(indexById([exact, commune, hidden]), NO_SERVICE_FILTER, null, now);
    expect(fc.features.map((f) => f.properties.id).sort()).toEqual([exact.id, commune.id].sort());
    expect(fc.features.find((f) => f.properties.id === commune.id)?.properties.commune).toBe(true);
    expect(fc.features.find((f) => f.properties.id === exact.id)?.properties.mark).toBe('+');
  });

  it('fills provinces in the level colour of the highest alert in force over them', () => {
    const levels = provinceLevels([
      buildAlert({ level: 3, provinceCodes: ['22', '31'] }),
      buildAlert({ level: 5, provinceCodes: ['22'] }),
    ]);
    expect(levels).toEqual({ '22': 5, '31': 3 });
    const fill = JSON.stringify(provinceFill(levels));
    expect(fill).toContain('"22","#7b2cbf"');
    expect(fill).toContain('"31","#ff9f1c"');
    expect(provinceFill({})).toMatch(/rgba/);
  });

  it('draws the storm track as observed and forecast lines, its points and its current position', () => {
    const a = buildAlert({
      storm: {
        name: 'Yagi',
        position: { lat: 21, lon: 107, at: '2024-09-07T06:00:00.000Z' },
        track: [
          { at: '2024-09-06T00:00:00.000Z', lat: 19, lon: 112, kind: 'observed' },
          { at: '2024-09-07T00:00:00.000Z', lat: 20.5, lon: 108, kind: 'observed' },
          { at: '2024-09-08T00:00:00.000Z', lat: 21.5, lon: 105, kind: 'forecast' },
        ],
        landfallAt: null,
      },
    });
    const { storm } = alertFeatures([a]);
    const kinds = storm.features.map((f) => `${f.geometry.type}:${f.properties.kind}`);
    expect(kinds).toContain('LineString:observed');
    expect(kinds).toContain('LineString:forecast');
    expect(kinds).toContain('Point:now');
    const forecast = storm.features.find(
      (f) => f.geometry.type === 'LineString' && f.properties.kind === 'forecast',
    );
    // The forecast line starts where the observed track ends.
    expect(forecast?.geometry.type === 'LineString' && forecast.geometry.coordinates[0]).toEqual([108, 20.5]);
  });

  it('puts one badge per shelter or placed service with open requests, none for a service without a position', () => {
    const shelter = buildShelter();
    const hidden = buildService({ positionShown: 'hidden', lat: null, lon: null });
    const reqs = indexById([
      buildRequest({ shelterId: shelter.id }),
      buildRequest({ shelterId: shelter.id }),
      buildRequest({ shelterId: shelter.id, status: 'done' }),
      buildRequest({ serviceId: hidden.id }),
    ]);
    const fc = requestBadges(reqs, indexById([shelter]), indexById([hidden]));
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]?.properties.count).toBe(2);
  });
});
