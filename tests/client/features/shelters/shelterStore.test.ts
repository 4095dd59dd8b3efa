import { beforeEach, describe, expect, it } from 'vitest';
import { useShelterStore } from '../../../../client/src/features/shelters/shelterStore.js';
import { buildShelter } from '../../../helpers/factories.js';

const by = { userId: null, orgId: null };

describe('shelterStore', () => {
  beforeEach(() => useShelterStore.getState().reset());

  it('applyEvent keeps the map identity when a change carries nothing new', () => {
    const s = buildShelter({ version: 2 });
    useShelterStore.getState().replaceAll([s]);
    const before = useShelterStore.getState().byId;
    useShelterStore.getState().applyEvent([
      { seq: 1, type: 'shelter:updated', data: s, at: s.updatedAt, by },
      { seq: 2, type: 'hidden' },
    ]);
    expect(useShelterStore.getState().byId).toBe(before);
  });

  it('upsert from an HTTP reply wins over a later echo of the same version', () => {
    const s = buildShelter({ version: 1 });
    useShelterStore.getState().replaceAll([s]);
    useShelterStore.getState().upsert({ ...s, version: 2, occupancy: 77 });
    useShelterStore
      .getState()
      .applyEvent([
        { seq: 3, type: 'shelter:updated', data: { ...s, version: 2, occupancy: 77 }, at: s.updatedAt, by },
      ]);
    expect(useShelterStore.getState().byId[s.id]).toMatchObject({ version: 2, occupancy: 77 });
  });
});
