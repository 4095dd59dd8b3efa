import { describe, expect, it } from 'vitest';
import { receive, startStream } from '../../shared/sync.js';
import type { Change } from '../../shared/events.js';

const h = (seq: number): Change => ({ seq, type: 'hidden' });
const seqs = (cs: Change[]) => cs.map((c) => c.seq);

describe('stream reconciler', () => {
  it('applies contiguous changes in order', () => {
    const s = receive(startStream(5), [h(6), h(7)]);
    expect(seqs(s.apply)).toEqual([6, 7]);
    expect(s.state.lastSeq).toBe(7);
    expect(s.gap).toBe(false);
  });
  it('drops changes it already applied and duplicates', () => {
    const a = receive(startStream(5), [h(4), h(5), h(6), h(6)]);
    expect(seqs(a.apply)).toEqual([6]);
    expect(seqs(receive(a.state, [h(6)]).apply)).toEqual([]);
  });
  it('holds changes past a gap and reports the gap', () => {
    const a = receive(startStream(1), [h(3), h(4)]);
    expect(a.apply).toEqual([]);
    expect(a.gap).toBe(true);
    const b = receive(a.state, [h(2)]);
    expect(seqs(b.apply)).toEqual([2, 3, 4]);
    expect(b.gap).toBe(false);
  });
  it('releases out-of-order arrivals in seq order, each once', () => {
    let st = startStream(0);
    const applied: number[] = [];
    for (const n of [3, 1, 2, 2, 5, 4, 1]) {
      const step = receive(st, [h(n)]);
      st = step.state;
      applied.push(...seqs(step.apply));
    }
    expect(applied).toEqual([1, 2, 3, 4, 5]);
  });
  it('does not mutate the previous state', () => {
    const a = receive(startStream(0), [h(2)]);
    receive(a.state, [h(1)]);
    expect(a.state.pending.size).toBe(1);
    expect(a.state.lastSeq).toBe(0);
  });
});

describe('receive over any { seq }', () => {
  interface Item {
    seq: number;
    name: string;
  }
  const item = (seq: number, name = `e${seq}`): Item => ({ seq, name });

  it('reorders items of any shape and keeps them whole', () => {
    const a = receive(startStream<Item>(10), [item(12), item(11, 'first')]);
    expect(a.apply).toEqual([item(11, 'first'), item(12)]);
    expect(a.state.lastSeq).toBe(12);
  });
  it('keeps the first copy of a seq offered twice', () => {
    const a = receive(startStream<Item>(0), [item(2, 'a'), item(2, 'b')]);
    const b = receive(a.state, [item(1)]);
    expect(b.apply.map((i) => i.name)).toEqual(['e1', 'a']);
  });
  it('reports a gap until it is filled, across batches', () => {
    let st = startStream<Item>(0);
    const steps = [[item(4)], [item(2)], [item(1)], [item(3)]].map((batch) => {
      const step = receive(st, batch);
      st = step.state;
      return [step.apply.map((i) => i.seq), step.gap] as const;
    });
    expect(steps).toEqual([
      [[], true],
      [[], true],
      [[1, 2], true],
      [[3, 4], false],
    ]);
  });
});
