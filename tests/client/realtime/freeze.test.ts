import { describe, expect, it, vi } from 'vitest';
import { buildShelter } from '../../helpers/factories.js';
import { net, settle, socket, upd, useFakeServer } from './fakeServer.js';

vi.mock('../../../client/src/lib/socket.js', async () => {
  const { socket } = await import('./fakeServer.js');
  return { getSocket: () => socket };
});

describe('briefing freeze', () => {
  useFakeServer();

  it('holds changes while frozen, still advancing the stream, and applies each exactly once in order on unfreeze', async () => {
    const rt = await import('../../../client/src/realtime/realtime.js');
    await rt.loadValidator();
    const { useShelterStore } = await import('../../../client/src/features/shelters/shelterStore.js');
    const { useConnectionStore } = await import('../../../client/src/realtime/connectionStore.js');
    const { useDisplayStore } = await import('../../../client/src/app/displayStore.js');
    const { DOMAIN_STORES } = await import('../../../client/src/app/domainStores.js');
    const a = buildShelter({ version: 1, occupancy: 10 });
    const b = buildShelter({ version: 1, occupancy: 5 });
    net.snapshot = { seq: 10, shelters: [a, b] };

    const stop = rt.startRealtime();
    await settle();
    expect(useConnectionStore.getState()).toMatchObject({ state: 'live', lastSeq: 10 });
    const shelters = DOMAIN_STORES.find((d) => d.name === 'shelters');
    if (!shelters) throw new Error('no shelter store');
    const applied: number[] = [];
    const spy = vi.spyOn(shelters, 'apply');
    spy.mockImplementation((changes) => {
      applied.push(...changes.map((c) => c.seq));
      useShelterStore.getState().applyEvent(changes);
    });

    rt.freezePicture();
    expect(useDisplayStore.getState().frozenAt).not.toBeNull();
    const before = useShelterStore.getState().byId;
    const offered = [
      upd(11, { ...a, version: 2, occupancy: 20 }),
      upd(12, { ...b, version: 2, occupancy: 6 }),
      upd(13, { ...a, version: 3, occupancy: 30 }),
    ];
    for (const c of offered) socket.emitLocal('change', c);
    await settle();

    // The picture keeps still, the count says what waits, and the stream acknowledged every seq.
    expect(useShelterStore.getState().byId).toBe(before);
    expect(applied).toEqual([]);
    expect(useDisplayStore.getState().waiting).toBe(3);
    expect(useConnectionStore.getState().lastSeq).toBe(13);
    // The catch-up from seq 10 came in the hello.
    expect(socket.hellos).toEqual([10]);

    // A duplicate while frozen is still dropped by the stream, not queued twice.
    socket.emitLocal('change', offered[1]);
    await settle();
    expect(useDisplayStore.getState().waiting).toBe(3);

    rt.unfreezePicture();
    expect(useDisplayStore.getState()).toMatchObject({ frozenAt: null, waiting: 0 });
    expect(applied).toEqual([11, 12, 13]);
    expect(useShelterStore.getState().byId[a.id]).toMatchObject({ version: 3, occupancy: 30 });
    expect(useShelterStore.getState().byId[b.id]).toMatchObject({ version: 2, occupancy: 6 });

    // Live again: the next change goes straight in; unfreezing twice applies nothing again.
    socket.emitLocal('change', upd(14, { ...b, version: 3, occupancy: 7 }));
    await settle();
    rt.unfreezePicture();
    expect(applied).toEqual([11, 12, 13, 14]);
    expect(useShelterStore.getState().byId[b.id]?.occupancy).toBe(7);
    spy.mockRestore();
    stop();
  });
});
