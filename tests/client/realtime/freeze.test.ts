import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Change, SyncResult } from '../../../shared/events.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { buildShelter } from '../../helpers/factories.js';

// One fake socket for the module under test: it records `sync` requests and answers them from a script.
class FakeSocket {
  connected = false;
  handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  syncs: number[] = [];
  answer: (afterSeq: number) => SyncResult = (afterSeq) => ({ reset: false, events: [], head: afterSeq });
  on(ev: string, fn: (...args: unknown[]) => void) {
    this.handlers.set(ev, [...(this.handlers.get(ev) ?? []), fn]);
    return this;
  }
  off(ev: string, fn: (...args: unknown[]) => void) {
    this.handlers.set(
      ev,
      (this.handlers.get(ev) ?? []).filter((f) => f !== fn),
    );
    return this;
  }
  emitLocal(ev: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(ev) ?? []) fn(...args);
  }
  connect() {
    this.connected = true;
    queueMicrotask(() => this.emitLocal('connect'));
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  timeout() {
    return {
      emitWithAck: (_ev: string, req: { afterSeq: number }) => {
        this.syncs.push(req.afterSeq);
        return Promise.resolve({ ok: true, data: this.answer(req.afterSeq) });
      },
    };
  }
}

const socket = new FakeSocket();
vi.mock('../../../client/src/lib/socket.js', () => ({ getSocket: () => socket }));

const by = { userId: null, orgId: null };
const at = '2024-09-07T06:00:00.000Z';
const upd = (seq: number, s: Shelter): Change => ({ seq, type: 'shelter:updated', data: s, at, by });

async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('briefing freeze', () => {
  let snapshot: { seq: number; shelters: Shelter[] };

  beforeEach(() => {
    vi.stubGlobal('window', Object.assign(new EventTarget(), {}));
    vi.stubGlobal('navigator', { onLine: true });
    vi.stubGlobal('fetch', (url: string) => {
      const body = url.startsWith('/api/snapshot')
        ? { ok: true, data: { ...snapshot, organisations: [] } }
        : url.startsWith('/api/events')
          ? { ok: true, data: { reset: false, events: [], head: snapshot.seq } }
          : { ok: true, data: [] };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    });
    socket.handlers.clear();
    socket.syncs = [];
    socket.connected = false;
  });
  afterEach(() => vi.unstubAllGlobals());

  it('holds changes while frozen, still advancing the stream, and applies each exactly once in order on unfreeze', async () => {
    const rt = await import('../../../client/src/realtime/realtime.js');
    await rt.loadValidator();
    const { useShelterStore } = await import('../../../client/src/features/shelters/shelterStore.js');
    const { useConnectionStore } = await import('../../../client/src/realtime/connectionStore.js');
    const { useDisplayStore } = await import('../../../client/src/app/displayStore.js');
    const { DOMAIN_STORES } = await import('../../../client/src/app/domainStores.js');
    const a = buildShelter({ version: 1, occupancy: 10 });
    const b = buildShelter({ version: 1, occupancy: 5 });
    snapshot = { seq: 10, shelters: [a, b] };

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
    expect(socket.syncs).toEqual([10]);

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
