import { describe, expect, it } from 'vitest';
import { haversineKm, placeInArea, pointInPolygon } from '../../../shared/domain/geo.js';

describe('haversineKm', () => {
  it('is 0 for the same point', () =>
    expect(haversineKm({ lat: 21, lon: 105.8 }, { lat: 21, lon: 105.8 })).toBe(0));
  it('measures Ha Noi to Ha Long at about 125 km', () => {
    expect(haversineKm({ lat: 21.0285, lon: 105.8542 }, { lat: 20.9551, lon: 107.0801 })).toBeGreaterThan(
      120,
    );
    expect(haversineKm({ lat: 21.0285, lon: 105.8542 }, { lat: 20.9551, lon: 107.0801 })).toBeLessThan(132);
  });
  it('is symmetric', () => {
    const a = { lat: 10.8, lon: 106.6 };
    const b = { lat: 21, lon: 105.8 };
    expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 9);
  });
});

describe('pointInPolygon', () => {
  const square = [
    [
      [105, 20],
      [108, 20],
      [108, 22],
      [105, 22],
      [105, 20],
    ],
  ] as [number, number][][];
  const withHole = [
    ...square,
    [
      [106, 20.5],
      [107, 20.5],
      [107, 21.5],
      [106, 21.5],
      [106, 20.5],
    ],
  ] as [number, number][][];
  it('finds a point inside', () => expect(pointInPolygon([107, 21], square)).toBe(true));
  it('refuses a point outside', () => expect(pointInPolygon([104, 21], square)).toBe(false));
  it('refuses a point in a hole', () => expect(pointInPolygon([106.5, 21], withHole)).toBe(false));
  it('finds a point between the hole and the outline', () =>
    expect(pointInPolygon([105.5, 21], withHole)).toBe(true));
});

describe('placeInArea', () => {
  const area = {
    provinceCodes: ['22'],
    communeCodes: ['03082'],
    polygon: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [103, 21],
          [104, 21],
          [104, 22],
          [103, 22],
          [103, 21],
        ],
      ] as [number, number][][],
    },
  };
  it('matches by province', () =>
    expect(placeInArea({ provinceCode: '22', communeCode: null, lat: null, lon: null }, area)).toBe(true));
  it('matches by commune', () =>
    expect(placeInArea({ provinceCode: '15', communeCode: '03082', lat: null, lon: null }, area)).toBe(true));
  it('matches by position in the polygon', () =>
    expect(placeInArea({ provinceCode: '15', communeCode: null, lat: 21.5, lon: 103.5 }, area)).toBe(true));
  it('never tests a hidden position', () =>
    expect(placeInArea({ provinceCode: '15', communeCode: null, lat: null, lon: null }, area)).toBe(false));
});
