import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSequencer, type SequencerDeps } from '../../../server/realtime/sequencer.js';
import type { StoredEvent } from '../../../server/events/log.js';
import { buildStoredEvent } from '../../helpers/factories.js';

const ev = (seq: number) => buildStoredEvent(seq);

/** A sequencer over an in-memory log, recording what it emits. */
function setUp(start: number, log: StoredEvent[] = [], over: Partial<SequencerDeps> = {}) {
  const emitted: number[] = [];
  const reads: { after: number; limit: number }[] = [];
  const warn = vi.fn();
  const seq = createSequencer({
    start,
    emit: (e) => emitted.push(e.seq),
    readAfter: (after, limit) => {
      reads.push({ after, limit });
      return Promise.resolve(log.filter((e) => e.seq > after).slice(0, limit));
    },
    log: { warn },
    waitMs: 150,
    ...over,
  });
  return { seq, emitted, reads, warn };
}

describe('sequencer', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('emits contiguous events at once, in seq order, each once', () => {
    const { seq, emitted } = setUp(5);
    seq.offer([ev(6), ev(7)]);
    seq.offer([ev(7), ev(5), ev(8), ev(8)]);
    expect(emitted).toEqual([6, 7, 8]);
    expect(seq.head()).toBe(8);
  });

  it('holds events past a gap and releases them in order when the gap arrives by the bus', async () => {
    const { seq, emitted, reads } = setUp(0, [1, 2, 3].map(ev));
    seq.offer([ev(3), ev(2)]);
    expect(emitted).toEqual([]);
    seq.offer([ev(1)]);
    expect(emitted).toEqual([1, 2, 3]);
    // The gap's timer still reads the log once; what it finds was emitted already.
    await vi.advanceTimersByTimeAsync(1000);
    expect(reads).toEqual([{ after: 3, limit: 500 }]);
    expect(emitted).toEqual([1, 2, 3]);
  });

  it('reads a gap that stays open from the log after the wait', async () => {
    const log = [1, 2, 3, 4].map(ev);
    const { seq, emitted, reads } = setUp(0, log);
    seq.offer([log[2]!, log[3]!]);
    await vi.advanceTimersByTimeAsync(149);
    expect(reads).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(reads).toEqual([{ after: 0, limit: 500 }]);
    expect(emitted).toEqual([1, 2, 3, 4]);
    expect(seq.head()).toBe(4);
  });

  it('fills from the log page by page until a short page', async () => {
    const log = Array.from({ length: 1200 }, (_, i) => ev(i + 1));
    const { seq, emitted, reads } = setUp(0, log);
    await seq.fill();
    expect(reads.map((r) => r.after)).toEqual([0, 500, 1000]);
    expect(emitted).toEqual(log.map((e) => e.seq));
  });

  it('runs one fill at a time', async () => {
    const { seq, reads } = setUp(0, [ev(1)]);
    await Promise.all([seq.fill(), seq.fill()]);
    expect(reads).toHaveLength(1);
  });

  it('logs a failed read and tries again later while events still wait', async () => {
    let fail = true;
    const log = [1, 2].map(ev);
    const { seq, emitted, warn } = setUp(0, [], {
      readAfter: (after) =>
        fail ? Promise.reject(new Error('db down')) : Promise.resolve(log.filter((e) => e.seq > after)),
    });
    seq.offer([log[1]!]);
    await vi.advanceTimersByTimeAsync(150);
    expect(warn).toHaveBeenCalledWith({ err: 'db down' }, 'catch-up from the event log failed');
    fail = false;
    await vi.advanceTimersByTimeAsync(599);
    expect(emitted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(emitted).toEqual([1, 2]);
  });

  it('sets no timer once stopped', async () => {
    const { seq, reads } = setUp(0, [ev(1), ev(2)]);
    seq.offer([ev(2)]);
    seq.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reads).toEqual([]);
  });

  it('keeps what it had not emitted when an emit throws', () => {
    const emitted: number[] = [];
    const seq = createSequencer({
      start: 0,
      emit: (e) => {
        if (e.seq === 2 && !emitted.includes(-2)) {
          emitted.push(-2);
          throw new Error('boom');
        }
        emitted.push(e.seq);
      },
      readAfter: () => Promise.resolve([]),
      log: { warn: vi.fn() },
    });
    expect(() => seq.offer([ev(1), ev(2), ev(3), ev(5)])).toThrow('boom');
    expect(seq.head()).toBe(2);
    seq.offer([ev(4)]);
    expect(emitted).toEqual([1, -2, 3, 4, 5]);
  });
});
