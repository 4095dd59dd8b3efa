import { describe, expect, it, vi } from 'vitest';
import { buildShelter } from '../../helpers/factories.js';
import { net, settle, socket, upd, useFakeServer } from './fakeServer.js';

vi.mock('../../../client/src/lib/socket.js', async () => {
  const { socket } = await import('./fakeServer.js');
  return { getSocket: () => socket };
});

/** The realtime listener, its schemas loaded, and the stores it writes. */
async function loadRealtime() {
  const { startRealtime, loadValidator } = await import('../../../client/src/realtime/realtime.js');
  // The schemas are a chunk of their own; have them here before the fake clock-free settle loop runs.
  await loadValidator();
  const { useShelterStore } = await import('../../../client/src/features/shelters/shelterStore.js');
  const { useConnectionStore } = await import('../../../client/src/realtime/connectionStore.js');
  return { startRealtime, useShelterStore, useConnectionStore };
}

describe('realtime', () => {
  useFakeServer();

  it('loads the snapshot, catches up from its seq in the hello, applies pushed changes once, and refills a gap', async () => {
    const { startRealtime, useShelterStore, useConnectionStore } = await loadRealtime();
    const s = buildShelter({ version: 1, occupancy: 10 });
    net.snapshot = { seq: 10, shelters: [s] };
    socket.answer = (after) => ({
      reset: false,
      events: after === 10 ? [upd(11, { ...s, version: 2, occupancy: 20 })] : [],
      head: 11,
    });

    const stop = startRealtime();
    await settle();
    // The handshake said seq 10: the hello brought the catch-up, no sync round trip.
    expect(socket.hellos).toEqual([10]);
    expect(socket.syncs).toEqual([]);
    expect(useShelterStore.getState().byId[s.id]?.occupancy).toBe(20);
    expect(useConnectionStore.getState()).toMatchObject({ state: 'live', lastSeq: 11 });
    expect((window as Window).__appReady).toBe(true);

    // A duplicate is dropped; a change past a gap waits and triggers a catch-up from the last applied seq.
    socket.emitLocal('change', upd(11, { ...s, version: 2, occupancy: 999 }));
    socket.answer = (after) => ({
      reset: false,
      events: after === 11 ? [upd(12, { ...s, version: 3, occupancy: 30 })] : [],
      head: 13,
    });
    socket.emitLocal('change', upd(13, { ...s, version: 4, occupancy: 40 }));
    await settle();
    expect(socket.syncs).toEqual([11]);
    expect(useShelterStore.getState().byId[s.id]?.occupancy).toBe(40);
    expect(useConnectionStore.getState().lastSeq).toBe(13);
    stop();
  });

  it('asks for placeholder runs once a hello offered them, and applies what they fold as single placeholders would', async () => {
    const { startRealtime, useShelterStore, useConnectionStore } = await loadRealtime();
    const s = buildShelter({ version: 1, occupancy: 10 });
    net.snapshot = { seq: 10, shelters: [s] };
    socket.offersRuns = true;
    const hidden = (seq: number) => ({ seq, type: 'hidden' as const });
    // Eight events the role may not see, then the shelter's update; later, more of both.
    socket.answer = (after) => ({
      reset: false,
      events:
        after === 10
          ? [...[11, 12, 13, 14, 15, 16, 17, 18].map(hidden), upd(19, { ...s, version: 2, occupancy: 20 })]
          : after === 19
            ? [
                ...[20, 21, 22].map(hidden),
                upd(23, { ...s, version: 3, occupancy: 30 }),
                hidden(24),
                hidden(25),
              ]
            : [],
      head: after === 10 ? 19 : 25,
    });
    const stop = startRealtime();
    await settle();
    // The first handshake cannot know yet: it asks for nothing, and gets single placeholders.
    expect(socket.runsAsked.handshake).toEqual([false]);
    expect(useShelterStore.getState().byId[s.id]?.occupancy).toBe(20);
    expect(useConnectionStore.getState()).toMatchObject({ state: 'live', lastSeq: 19 });
    // Back after a drop: this handshake asks, and the runs in its hello are unfolded seq by seq.
    socket.emitLocal('disconnect');
    socket.connect();
    await settle();
    expect(socket.runsAsked.handshake).toEqual([false, true]);
    expect(useShelterStore.getState().byId[s.id]?.occupancy).toBe(30);
    expect(useConnectionStore.getState()).toMatchObject({ state: 'live', lastSeq: 25 });
    // A gap's sync asks too.
    socket.answer = (after) => ({
      reset: false,
      events: after === 25 ? [hidden(26), hidden(27)] : [],
      head: 28,
    });
    socket.emitLocal('change', upd(28, { ...s, version: 4, occupancy: 40 }));
    await settle();
    expect(socket.syncs).toEqual([25]);
    expect(socket.runsAsked.sync).toEqual([true]);
    expect(useShelterStore.getState().byId[s.id]?.occupancy).toBe(40);
    expect(useConnectionStore.getState().lastSeq).toBe(28);
    stop();
  });

  it('reloads the snapshot when the server says the client is too far behind', async () => {
    const { startRealtime, useShelterStore, useConnectionStore } = await loadRealtime();
    const s = buildShelter({ version: 1 });
    net.snapshot = { seq: 5, shelters: [s] };
    let first = true;
    socket.answer = (after) => {
      if (first) {
        first = false;
        net.snapshot = { seq: 9000, shelters: [{ ...s, version: 7, status: 'closed' }] };
        return { reset: true, head: 9000 };
      }
      return { reset: false, events: [], head: after };
    };
    const stop = startRealtime();
    await settle();
    await new Promise((r) => setTimeout(r, 300));
    await settle();
    expect(net.snapshotLoads).toBe(2);
    expect(useShelterStore.getState().byId[s.id]?.status).toBe('closed');
    expect(useConnectionStore.getState()).toMatchObject({ state: 'live', lastSeq: 9000 });
    stop();
  });

  it('shows the reload banner when the hello names another protocol, and keeps syncing', async () => {
    const { startRealtime, useConnectionStore } = await loadRealtime();
    const { PROTOCOL_VERSION } = await import('../../../shared/protocol.js');
    useConnectionStore.getState().setReloadNeeded(false);
    net.snapshot = { seq: 4, shelters: [] };
    const stop = startRealtime();
    await settle();
    socket.emitLocal('hello', { protocol: PROTOCOL_VERSION, head: 4 });
    await settle();
    expect(useConnectionStore.getState().reloadNeeded).toBe(false);
    const syncsBefore = socket.syncs.length;
    socket.emitLocal('hello', { protocol: PROTOCOL_VERSION + 1, head: 6 });
    await settle();
    expect(useConnectionStore.getState().reloadNeeded).toBe(true);
    // The server is ahead (head 6): the client still catches up from its seq.
    expect(socket.syncs.slice(syncsBefore)).toEqual([4]);
    stop();
  });

  it('with an older server (a hello without the catch-up), catches up with sync', async () => {
    const { startRealtime, useShelterStore, useConnectionStore } = await loadRealtime();
    const s = buildShelter({ version: 1, occupancy: 10 });
    net.snapshot = { seq: 10, shelters: [s] };
    socket.helloCatchUp = false;
    socket.head = 11;
    socket.answer = (after) => ({
      reset: false,
      events: after === 10 ? [upd(11, { ...s, version: 2, occupancy: 20 })] : [],
      head: 11,
    });
    const stop = startRealtime();
    await settle();
    expect(socket.hellos).toEqual([]);
    expect(socket.syncs).toEqual([10]);
    expect(useShelterStore.getState().byId[s.id]?.occupancy).toBe(20);
    expect(useConnectionStore.getState()).toMatchObject({ state: 'live', lastSeq: 11 });
    stop();
  });

  it('follows a page short of the head at once, without the back-off for an unfilled gap', async () => {
    const { startRealtime, useShelterStore, useConnectionStore } = await loadRealtime();
    const s = buildShelter({ version: 1, occupancy: 10 });
    net.snapshot = { seq: 10, shelters: [s] };
    // One event a page: three pages to the head.
    socket.answer = (after) => ({
      reset: false,
      events: after < 13 ? [upd(after + 1, { ...s, version: after - 8, occupancy: after + 1 })] : [],
      head: 13,
    });
    const stop = startRealtime();
    await settle();
    expect(socket.hellos).toEqual([10]);
    expect(socket.syncs).toEqual([11, 12]);
    expect(useShelterStore.getState().byId[s.id]?.occupancy).toBe(13);
    expect(useConnectionStore.getState()).toMatchObject({ state: 'live', lastSeq: 13 });
    stop();
  });
});
