import { describe, expect, it, vi } from 'vitest';
import type { Change } from '../../../shared/events.js';
import { buildShelter } from '../../helpers/factories.js';
import { buildChange, buildService } from '../factories.js';
import { net, settle, socket, upd, useFakeServer } from './fakeServer.js';

vi.mock('../../../client/src/lib/socket.js', async () => {
  const { socket } = await import('./fakeServer.js');
  return { getSocket: () => socket };
});

const FIRST = ['shelters', 'alerts', 'organisations'] as const;

async function loadRealtime() {
  const { startRealtime, loadValidator } = await import('../../../client/src/realtime/realtime.js');
  await loadValidator();
  const { useShelterStore } = await import('../../../client/src/features/shelters/shelterStore.js');
  const { useServiceStore } = await import('../../../client/src/features/services/serviceStore.js');
  const { useDomainLoadStore } = await import('../../../client/src/app/domainLoad.js');
  // Every change the service store is handed, to tell "applied once" from "applied again".
  const handed: number[] = [];
  const apply = useServiceStore.getState().applyEvent;
  useServiceStore.setState({
    applyEvent: (changes: readonly Change[]) => {
      handed.push(...changes.filter((c) => c.type.startsWith('service:')).map((c) => c.seq));
      apply(changes);
    },
  });
  return { startRealtime, useShelterStore, useServiceStore, useDomainLoadStore, handed };
}

/** A gate the test opens: the rest of the snapshot waits behind it. */
function gated() {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((r) => (open = r));
  net.gate = (domains) => (domains && !domains.includes('shelters') ? gate : Promise.resolve());
  return () => open();
}

describe('realtime: the snapshot in parts', () => {
  useFakeServer();

  it('loads the first screen first, then the rest; a change to a domain not yet loaded is replayed once after its part', async () => {
    const { startRealtime, useServiceStore, useDomainLoadStore, handed } = await loadRealtime();
    const shelter = buildShelter();
    const v1 = buildService({ version: 1, name: 'v1' });
    const v2 = { ...v1, version: 2, name: 'v2' };
    net.part = (domains) =>
      domains?.includes('shelters')
        ? { seq: 10, shelters: [shelter], alerts: [], organisations: [] }
        : // The rest was read at seq 10: the change at 11 is not in it.
          { seq: 10, services: [v1], requests: [], gbvAlerts: [] };
    const open = gated();

    const stop = startRealtime(FIRST);
    await settle();
    expect(net.snapshotUrls[0]).toBe('/api/snapshot?domains=shelters,alerts,organisations');
    expect(net.snapshotUrls[1]).toMatch(/^\/api\/snapshot\?domains=/);
    expect(net.snapshotUrls[1]).toContain('services');
    expect(net.snapshotUrls[1]).not.toContain('shelters');
    expect(useDomainLoadStore.getState().loaded).toMatchObject({ shelters: true, alerts: true });
    expect(useDomainLoadStore.getState().loaded.services).toBeUndefined();

    // The stream moves on while the rest is on its way: the service store is not loaded, so it waits.
    socket.emitLocal('change', buildChange(11, 'service:updated', v2));
    await settle();
    expect(handed).toEqual([]);

    open();
    await settle();
    expect(useDomainLoadStore.getState().loaded.services).toBe(true);
    expect(useServiceStore.getState().byId[v1.id]?.name).toBe('v2');
    expect(handed).toEqual([11]);
    stop();
  });

  it('a part newer than the stream: the changes it holds are not applied again to its domains, the others still take them', async () => {
    const { startRealtime, useShelterStore, useServiceStore, handed } = await loadRealtime();
    const shelter = buildShelter({ version: 1, occupancy: 10 });
    const v3 = buildService({ version: 3, name: 'v3' });
    net.part = (domains) =>
      domains?.includes('shelters')
        ? { seq: 10, shelters: [shelter], alerts: [], organisations: [] }
        : // Read at seq 12: the service change at 12 is in it already.
          { seq: 12, services: [v3], requests: [], gbvAlerts: [] };

    const stop = startRealtime(FIRST);
    await settle();
    expect(useServiceStore.getState().byId[v3.id]?.name).toBe('v3');

    // The stream delivers 11 (a shelter) and 12 (the service) after the rest came.
    socket.emitLocal('change', upd(11, { ...shelter, version: 2, occupancy: 20 }));
    socket.emitLocal('change', buildChange(12, 'service:updated', { ...v3, name: 'v3 again' }));
    await settle();
    expect(useShelterStore.getState().byId[shelter.id]?.occupancy).toBe(20);
    expect(handed).toEqual([]);
    expect(useServiceStore.getState().byId[v3.id]?.name).toBe('v3');

    // Past the part's seq, the service store takes changes again.
    socket.emitLocal('change', buildChange(13, 'service:updated', { ...v3, version: 4, name: 'v4' }));
    await settle();
    expect(handed).toEqual([13]);
    expect(useServiceStore.getState().byId[v3.id]?.name).toBe('v4');
    stop();
  });
});
