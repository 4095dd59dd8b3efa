import { describe, expect, it, vi } from 'vitest';
import type { Change, SyncResult } from '../../../shared/events.js';
import { createCatchUp, type CatchUpDeps } from '../../../server/realtime/catchUp.js';
import type { StoredEvent } from '../../../server/events/log.js';
import { buildStoredEvent } from '../../helpers/factories.js';

/** A catch-up whose projection says which audience it was made for. */
function setUp(over: Partial<CatchUpDeps> = {}) {
  let head = 0;
  const project = vi.fn((ev: StoredEvent, key: string): Change =>
    key === 'hidden'
      ? { seq: ev.seq, type: 'hidden' }
      : ({ seq: ev.seq, type: ev.type, data: key } as unknown as Change),
  );
  const fromLog = vi.fn((_key: string, afterSeq: number): Promise<SyncResult> =>
    Promise.resolve({ reset: true, head: afterSeq }),
  );
  const c = createCatchUp({ head: () => head, project, fromLog, ...over });
  const emit = (...seqs: number[]) =>
    seqs.map((s) => {
      head = s;
      return c.record(buildStoredEvent(s, { entityId: `id-${s % 2}` }));
    });
  return { c, project, fromLog, emit };
}

const seqsOf = (r: SyncResult) => (r.reset ? null : r.events.map((e) => e.seq));

describe('catch-up', () => {
  it('answers from memory what this process emitted, without the log', async () => {
    const { c, fromLog, emit } = setUp();
    emit(1, 2, 3, 4);
    expect(seqsOf(await c.answer('a', 1))).toEqual([2, 3, 4]);
    expect(seqsOf(await c.answer('a', 0))).toEqual([1, 2, 3, 4]);
    expect(await c.answer('a', 4)).toEqual({ reset: false, events: [], head: 4 });
    expect(fromLog).not.toHaveBeenCalled();
  });

  it('answers a page at most', async () => {
    const { c, emit } = setUp({ pageMax: 2 });
    emit(1, 2, 3, 4, 5);
    const page = await c.answer('a', 1);
    expect(seqsOf(page)).toEqual([2, 3]);
    expect(page).toMatchObject({ head: 5 });
  });

  it('projects each event once per audience and keeps audiences apart', async () => {
    const { c, project, emit } = setUp();
    emit(1, 2);
    await c.answer('a', 0);
    await c.answer('a', 0);
    const hidden = await c.answer('hidden', 0);
    expect(project).toHaveBeenCalledTimes(4);
    expect(hidden).toEqual({
      reset: false,
      events: [
        { seq: 1, type: 'hidden' },
        { seq: 2, type: 'hidden' },
      ],
      head: 2,
    });
  });

  it('projects a record again after forget, and only that record', async () => {
    const { c, project, emit } = setUp();
    emit(1, 2, 3);
    await c.answer('a', 0);
    c.forget('shelter', 'id-1');
    await c.answer('a', 0);
    expect(project.mock.calls.map(([ev]) => ev.seq)).toEqual([1, 2, 3, 1, 3]);
  });

  it('reads from the log what the ring no longer holds, and requests ahead of the head', async () => {
    const { c, fromLog, emit } = setUp({ ringMax: 3 });
    emit(1, 2, 3, 4, 5);
    expect(seqsOf(await c.answer('a', 2))).toEqual([3, 4, 5]);
    await c.answer('a', 1);
    await c.answer('a', 9);
    expect(fromLog.mock.calls).toEqual([
      ['a', 1],
      ['a', 9],
    ]);
  });

  it('shares one log read between identical requests in flight, and reads again after', async () => {
    const releases: ((r: SyncResult) => void)[] = [];
    const fromLog = vi.fn(() => new Promise<SyncResult>((r) => releases.push(r)));
    const { c } = setUp({ fromLog });
    const first = c.answer('a', 0);
    const second = c.answer('a', 0);
    const other = c.answer('b', 0);
    expect(second).toBe(first);
    expect(fromLog).toHaveBeenCalledTimes(2);
    releases.forEach((r) => r({ reset: true, head: 7 }));
    await expect(first).resolves.toEqual({ reset: true, head: 7 });
    await other;
    void c.answer('a', 0);
    expect(fromLog).toHaveBeenCalledTimes(3);
  });

  it('compacts a long replay from memory as the log replay is', async () => {
    const { c, emit } = setUp();
    emit(...Array.from({ length: 120 }, (_, i) => i + 1));
    const r = await c.answer('a', 0);
    if (r.reset) throw new Error('expected events');
    expect(r.events).toHaveLength(120);
    // Two records (id-0, id-1) with 60 state updates each: only the last of each carries data.
    expect(r.events.filter((e) => e.type !== 'hidden').map((e) => e.seq)).toEqual([119, 120]);
  });

  it('shares one answer per audience and position until the ring changes', async () => {
    const { c, project, emit } = setUp();
    emit(1, 2, 3);
    const a = await c.answer('a', 0);
    expect(await c.answer('a', 0)).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    // Another audience never gets the first one's answer, nor its projections.
    const b = await c.answer('b', 0);
    expect(b).not.toBe(a);
    if (a.reset || b.reset) throw new Error('expected events');
    expect(a.events.map((e) => (e as { data?: unknown }).data)).toEqual(['a', 'a', 'a']);
    expect(b.events.map((e) => (e as { data?: unknown }).data)).toEqual(['b', 'b', 'b']);
    expect(project).toHaveBeenCalledTimes(6);
    // A new event, or a forgotten record, makes a new answer.
    emit(4);
    const after = await c.answer('a', 0);
    expect(seqsOf(after)).toEqual([1, 2, 3, 4]);
    c.forget('shelter', 'id-1');
    expect(await c.answer('a', 0)).not.toBe(after);
  });

  it('answers from its cache exactly what it answers without one', async () => {
    const seqs = Array.from({ length: 130 }, (_, i) => i + 1);
    const cached = setUp({ pageMax: 60 });
    cached.emit(...seqs);
    for (const key of ['a', 'b', 'hidden'])
      for (const after of [0, 40, 100, 129, 130]) {
        await cached.c.answer(key, after);
        // A fresh catch-up over the same events has nothing cached.
        const fresh = setUp({ pageMax: 60 });
        fresh.emit(...seqs);
        expect(await cached.c.answer(key, after)).toEqual(await fresh.c.answer(key, after));
      }
  });

  it('compacts a long absence over everything after it, in one page when little of it carries data', async () => {
    const { c, emit } = setUp({ pageMax: 60 });
    emit(...Array.from({ length: 130 }, (_, i) => i + 1));
    // Two records (id-0, id-1) changed 65 times each: two changes carry data, the rest are
    // seq-only placeholders, which do not fill a page, so one reply reaches the head.
    const first = await c.answer('a', 0);
    expect(seqsOf(first)).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
    if (first.reset) throw new Error('expected events');
    expect(first.events.filter((e) => e.type !== 'hidden').map((e) => e.seq)).toEqual([129, 130]);
    // A short rest is sent whole, unless the socket is paging through a long absence.
    const rest = (continuing: boolean) => c.answer('a', 120, continuing);
    const whole = await rest(false);
    const paged = await rest(true);
    if (whole.reset || paged.reset) throw new Error('expected events');
    expect(whole.events.filter((e) => e.type !== 'hidden')).toHaveLength(10);
    expect(paged.events.filter((e) => e.type !== 'hidden').map((e) => e.seq)).toEqual([129, 130]);
    expect(seqsOf(paged)).toEqual(seqsOf(whole));
  });

  it('pages by the changes that carry data, placeholders riding along, every seq once', async () => {
    let head = 0;
    const c = createCatchUp({
      head: () => head,
      project: (ev, key) =>
        key === 'hidden' ? { seq: ev.seq, type: 'hidden' } : ({ seq: ev.seq, type: ev.type } as Change),
      fromLog: () => Promise.reject(new Error('not from the log')),
      pageMax: 3,
    });
    // Ten distinct records (each change carries data), with 190 repeats of one record between them.
    for (let s = 1; s <= 200; s++) {
      head = s;
      c.record(buildStoredEvent(s, { entityId: s % 20 === 0 ? `r-${s}` : 'repeat' }));
    }
    const pages: number[][] = [];
    for (let after = 0, continuing = false; after < head;) {
      const r = await c.answer('a', after, continuing);
      if (r.reset) throw new Error('expected events');
      expect(r.events.filter((e) => e.type !== 'hidden').length).toBeLessThanOrEqual(3);
      pages.push(r.events.map((e) => e.seq));
      after = r.events.at(-1)!.seq;
      continuing = after < r.head;
    }
    expect(pages.flat()).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Eleven changes carry data (the ten records and the repeated one's last): four pages.
    expect(pages.length).toBe(4);
    // An audience that may see none of it gets it all in one page of placeholders.
    const hidden = await c.answer('hidden', 0);
    expect(seqsOf(hidden)).toHaveLength(200);
  });
});
