import { describe, expect, it } from 'vitest';
import {
  careConditions,
  DEFAULT_CARE_THRESHOLDS as TH,
  gapUnrequested,
  hotlineDown,
  isDue,
  noClinicNearby,
  overCapacity,
  unconfirmedInAlert,
  type CareArea,
  type CareService,
  type CareShelter,
} from '../../../shared/domain/careRules.js';

const NOW = new Date('2026-01-10T12:00:00Z');
const HOUR = 3_600_000;

const shelter = (over: Partial<CareShelter> = {}): CareShelter => ({
  id: '11111111-1111-4111-8111-111111111111',
  provinceCode: '22',
  status: 'open',
  lat: 20.95,
  lon: 107.08,
  capacity: 100,
  occupancy: 50,
  checklist: null,
  ...over,
});
const service = (over: Partial<CareService> = {}): CareService => ({
  id: '22222222-2222-4222-8222-222222222222',
  provinceCode: '22',
  communeCode: '06688',
  lat: 20.96,
  lon: 107.09,
  types: ['health_cmr'],
  availability: { status: 'open', hotlineWorking: null },
  lastReportedAt: NOW.toISOString(),
  ...over,
});
const area = (over: Partial<CareArea> = {}): CareArea => ({
  provinceCodes: [],
  communeCodes: ['06688'],
  polygon: null,
  level: 3,
  status: 'active',
  validFrom: new Date(NOW.getTime() - HOUR).toISOString(),
  validTo: new Date(NOW.getTime() + HOUR).toISOString(),
  ...over,
});

describe('duty-of-care rules', () => {
  it('flags a shelter over 110 % of capacity, not one at 110 %', () => {
    expect(overCapacity(shelter({ occupancy: 110 }), TH)).toEqual([]);
    expect(overCapacity(shelter({ occupancy: 111 }), TH)[0]).toMatchObject({
      rule: 'over_capacity',
      detail: { occupancyPct: 111 },
    });
    expect(overCapacity(shelter({ occupancy: 300, status: 'closed' }), TH)).toEqual([]);
  });

  it('flags a critical item `no` without an open request of its kind', () => {
    const s = shelter({ checklist: { lighting: 'no', latrinesLock: 'no', privateBathing: 'no' } });
    expect(gapUnrequested(s, []).map((c) => c.item)).toEqual(['lighting', 'latrinesLock']);
    const lights = { kind: 'lighting' as const, status: 'in_progress' as const, shelterId: s.id };
    expect(gapUnrequested(s, [lights]).map((c) => c.item)).toEqual(['latrinesLock']);
    const done = { ...lights, status: 'done' as const };
    expect(gapUnrequested(s, [done]).map((c) => c.item)).toEqual(['lighting', 'latrinesLock']);
  });

  it('measures the nearest open clinic against the radius', () => {
    expect(noClinicNearby(shelter(), [service()], TH)).toEqual([]);
    const far = service({ lat: 21.5, lon: 107.08 });
    expect(noClinicNearby(shelter(), [far], TH)[0]?.detail.nearestKm).toBeGreaterThan(20);
    const closed = service({ availability: { status: 'closed', hotlineWorking: null } });
    expect(noClinicNearby(shelter(), [closed], TH)).toHaveLength(1);
    expect(noClinicNearby(shelter({ status: 'standby' }), [], TH)).toEqual([]);
  });

  it('holds a hotline down for 30 minutes before it is due', () => {
    const [c] = hotlineDown(
      service({ types: ['hotline'], availability: { status: 'open', hotlineWorking: false } }),
      TH,
    );
    expect(c).toBeDefined();
    expect(isDue(c!, new Date(NOW.getTime() - 29 * 60_000).toISOString(), NOW)).toBe(false);
    expect(isDue(c!, new Date(NOW.getTime() - 30 * 60_000).toISOString(), NOW)).toBe(true);
    expect(hotlineDown(service({ types: ['hotline'] }), TH)).toEqual([]);
  });

  it('flags a service in a level-3 area in force not reconfirmed for 24 hours', () => {
    const old = service({ lastReportedAt: new Date(NOW.getTime() - 25 * HOUR).toISOString() });
    expect(unconfirmedInAlert(old, [area()], NOW, TH)).toHaveLength(1);
    expect(unconfirmedInAlert(old, [area({ level: 2 })], NOW, TH)).toEqual([]);
    expect(unconfirmedInAlert(old, [area({ status: 'cancelled' })], NOW, TH)).toEqual([]);
    expect(unconfirmedInAlert(service(), [area()], NOW, TH)).toEqual([]);
  });

  it('lists every condition in key order', () => {
    const s = shelter({ occupancy: 200, checklist: { lighting: 'no' } });
    const keys = careConditions({ shelters: [s], services: [], requests: [], areas: [] }, NOW, TH).map(
      (c) => `${c.rule}:${c.item}`,
    );
    expect(keys).toEqual([
      'checklist_no:lighting',
      'gap_unrequested:lighting',
      'no_clinic_nearby:',
      'over_capacity:',
    ]);
  });
});
