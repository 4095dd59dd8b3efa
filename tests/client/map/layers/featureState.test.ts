import type { Feature, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { featureStateDiff, type StateValues } from '../../../../client/src/map/layers/featureState.js';
import { SERVICE_STATE } from '../../../../client/src/map/layers/serviceLayer.js';
import { badgeState } from '../../../../client/src/map/layers/requestLayer.js';
import { buildShelter } from '../../../helpers/factories.js';
import { buildService } from '../../factories.js';

type Props = {
  id: string;
  status: 'open' | 'closed' | 'limited' | 'unknown';
  mark: string;
  commune: boolean;
  stale: boolean;
};
const svc = (
  id: string,
  over: Partial<Props> = {},
  at: [number, number] = [105.8, 21],
): Feature<Point, Props> => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: at },
  properties: { id, status: 'open', mark: 'H', commune: false, stale: false, ...over },
});
const byKey = (fs: Feature<Point, Props>[]) => new Map(fs.map((f) => [f.properties.id, f]));
const drawnOf = (fs: Feature<Point, Props>[]) =>
  new Map<string, StateValues>(fs.map((f) => [f.properties.id, SERVICE_STATE.stateOf(f as never)]));

describe('map feature state (issue 12: a status is one repaint, not a source rebuilt)', () => {
  const sent = [svc('a'), svc('b')];

  it('carries a status or staleness change of a service that keeps its place and mark', () => {
    const next = [svc('a', { status: 'closed' }), svc('b', { stale: true })];
    const states = featureStateDiff(SERVICE_STATE as never, byKey(sent), drawnOf(sent), next);
    expect(states && Object.fromEntries(states)).toEqual({
      a: { status: 'closed', stale: false },
      b: { status: 'open', stale: true },
    });
    // Nothing changed: nothing to set.
    expect(featureStateDiff(SERVICE_STATE as never, byKey(sent), drawnOf(sent), sent)?.size).toBe(0);
  });

  it('sends new data when a service moves, changes its mark, is added or is gone', () => {
    const cases = [
      [svc('a', {}, [106, 21]), svc('b')],
      [svc('a', { mark: 'P' }), svc('b')],
      [svc('a', { commune: true }), svc('b')],
      [...sent, svc('c')],
      [svc('a')],
    ];
    for (const next of cases)
      expect(featureStateDiff(SERVICE_STATE as never, byKey(sent), drawnOf(sent), next)).toBeNull();
  });

  it('compares with what is drawn now: a state set since the data was sent counts', () => {
    const drawn = drawnOf(sent);
    drawn.set('a', { status: 'closed', stale: false });
    const states = featureStateDiff(SERVICE_STATE as never, byKey(sent), drawn, sent);
    expect(states && Object.fromEntries(states)).toEqual({ a: { status: 'open', stale: false } });
  });

  it('hides a closed badge in place only while its shelter or service is still shown where it was', () => {
    const shelter = buildShelter({ lat: 21, lon: 105.8 });
    const service = buildService({ lat: 20.9, lon: 106.7, positionShown: 'exact' });
    const shelters = { [shelter.id]: shelter };
    let services = { [service.id]: service };
    const spec = badgeState(
      () => shelters,
      () => services,
    );
    const badge = (
      key: string,
      at: [number, number],
      count = 1,
    ): Feature<Point, { key: string; count: number }> => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: at },
      properties: { key, count },
    });
    const a = badge(`shelter:${shelter.id}`, [105.8, 21]);
    const b = badge(`service:${service.id}`, [106.7, 20.9]);
    const sentBadges = new Map([a, b].map((f) => [f.properties.key, f]));
    const drawn = new Map<string, StateValues>([...sentBadges.keys()].map((k) => [k, { shown: true }]));
    // Both closed: hidden by state.
    const states = featureStateDiff(spec, sentBadges, drawn, []);
    expect(states && Object.fromEntries(states)).toEqual({
      [a.properties.key]: { shown: false },
      [b.properties.key]: { shown: false },
    });
    // Open again at the same count: shown by state; at another count: new data.
    const hidden = new Map(drawn);
    for (const k of hidden.keys()) hidden.set(k, { shown: false });
    expect(featureStateDiff(spec, sentBadges, hidden, [a, b])?.size).toBe(2);
    expect(
      featureStateDiff(spec, sentBadges, hidden, [badge(a.properties.key, [105.8, 21], 2), b]),
    ).toBeNull();
    // The service's position now hidden from this reader: its badge must leave the data, not stay hidden in it.
    services = { [service.id]: { ...service, positionShown: 'hidden', lat: null, lon: null } };
    expect(featureStateDiff(spec, sentBadges, drawn, [a])).toBeNull();
    // Gone from the store altogether: the same.
    services = {};
    expect(featureStateDiff(spec, sentBadges, drawn, [a])).toBeNull();
  });
});
