import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/events.js';
import type { Me } from '../../../shared/schemas/auth.js';
import { readCurrentUser } from '../../../client/src/lib/deviceDb.js';
import {
  forgetUser,
  keepChanges,
  keepSnapshot,
  restoreCopy,
  stopKeeping,
  useDeviceCopyStore,
} from '../../../client/src/realtime/deviceCopy.js';
import type { Snapshot } from '../../../client/src/realtime/snapshot.js';
import { buildShelter } from '../../helpers/factories.js';

const me = {
  id: 'u-1',
  role: 'shelter_manager',
  displayName: 'M',
  orgId: 'o-1',
  orgName: 'O',
} as unknown as Me;
const snapshot = (shelters = [buildShelter()]): Snapshot => ({
  seq: 10,
  shelters,
  organisations: [],
  services: [],
  alerts: [],
  requests: [],
  gbvAlerts: [],
});

describe('the copy kept on the device', () => {
  afterEach(async () => {
    await forgetUser('u-1');
    useDeviceCopyStore.getState().reset();
  });

  it('keeps the snapshot and the changes after it, for the user who signed in last', async () => {
    const s = buildShelter({ version: 1 });
    keepSnapshot(me, snapshot([s]));
    expect(useDeviceCopyStore.getState()).toMatchObject({ loaded: true, source: 'live' });
    const change = {
      seq: 11,
      type: 'shelter:updated',
      data: { ...s, version: 2 },
      at: new Date().toISOString(),
    };
    keepChanges([change as unknown as Change]);
    await stopKeeping();
    const copy = await restoreCopy('u-1');
    expect(copy?.snapshot.shelters.map((x) => x.id)).toEqual([s.id]);
    expect(copy?.changes.map((c) => c.seq)).toEqual([11]);
    expect(copy?.me.id).toBe('u-1');
    expect(await readCurrentUser()).toBe('u-1');
    expect(await restoreCopy('u-2')).toBeNull();
  });

  it('forgets everything of the user on sign-out', async () => {
    keepSnapshot(me, snapshot());
    await stopKeeping();
    expect(await restoreCopy('u-1')).not.toBeNull();
    await forgetUser('u-1');
    expect(await restoreCopy('u-1')).toBeNull();
    expect(await readCurrentUser()).toBeNull();
  });
});
