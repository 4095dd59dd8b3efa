import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useRequestStore } from '../../../../client/src/features/requests/requestStore.js';
import { useShelterStore } from '../../../../client/src/features/shelters/shelterStore.js';
import type { LayerUpdate, UpdateScheduler } from '../../../../client/src/map/layers/scheduler.js';
import { mountRequestLayer } from '../../../../client/src/map/layers/requestLayer.js';
import type { CoordinationRequest } from '../../../../shared/schemas/requests.js';
import { buildShelter } from '../../../helpers/factories.js';

/** A map with only what the layer calls, and a scheduler that runs a redraw as soon as it is asked. */
function setUp() {
  const setData = vi.fn((_data: unknown) => Promise.resolve());
  const map = {
    addSource: vi.fn(),
    addLayer: vi.fn(),
    getSource: () => ({ setData }),
  } as unknown as MapLibreMap;
  const scheduler: UpdateScheduler = {
    add: (update: LayerUpdate) => () => void update(),
    dispose: () => undefined,
  };
  return { map, scheduler, setData };
}

const request = (id: string, shelterId: string, status = 'open') =>
  ({ id, version: 1, status, shelterId, serviceId: null }) as unknown as CoordinationRequest;

describe('request badges on the map', () => {
  afterEach(() => {
    useShelterStore.getState().reset();
    useRequestStore.getState().reset();
  });

  it('are not set again for a shelter change that moves no badge, and are for one that does', () => {
    const shelter = buildShelter({ lat: 21, lon: 105.8, occupancy: 10 });
    useShelterStore.getState().replaceAll([shelter]);
    useRequestStore.getState().replaceAll([request('r1', shelter.id)]);
    const { map, scheduler, setData } = setUp();
    const down = mountRequestLayer(map, { font: [], scheduler });

    // A head count: the badge stays where it is with the same count.
    useShelterStore.getState().upsert({ ...shelter, version: 2, occupancy: 50 });
    expect(setData).not.toHaveBeenCalled();
    // A second open request on it: the count changes.
    useRequestStore.getState().upsert(request('r2', shelter.id));
    expect(setData).toHaveBeenCalledTimes(1);
    expect(setData.mock.lastCall?.[0]).toMatchObject({ features: [{ properties: { count: 2 } }] });
    // The shelter moves: the badge follows it.
    useShelterStore.getState().upsert({ ...shelter, version: 3, lat: 20 });
    expect(setData).toHaveBeenCalledTimes(2);
    down();
  });
});
