import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUpdateScheduler } from '../../../../client/src/map/layers/scheduler.js';

// Animation frames under fake timers: one frame is 16 ms.
beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('requestAnimationFrame', (fn: FrameRequestCallback) => setTimeout(() => fn(0), 16));
  vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('map update scheduler', () => {
  it('runs each layer at most once per frame however often it is asked', () => {
    const s = createUpdateScheduler(60_000, () => Date.now());
    const a = vi.fn();
    const b = vi.fn();
    const askA = s.add(a);
    const askB = s.add(b);
    for (let i = 0; i < 5; i++) askA();
    askB();
    vi.advanceTimersByTime(16);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
    s.dispose();
  });

  it('keeps a throttled layer to its interval and one redraw in flight', async () => {
    const s = createUpdateScheduler(60_000, () => Date.now());
    let done: () => void = () => undefined;
    const slow = vi.fn(() => new Promise<void>((r) => (done = r)));
    const ask = s.add(slow, { minIntervalMs: 250 });
    ask();
    vi.advanceTimersByTime(16);
    expect(slow).toHaveBeenCalledTimes(1);
    ask();
    vi.advanceTimersByTime(500);
    expect(slow).toHaveBeenCalledTimes(1); // the first is still in flight
    done();
    await vi.advanceTimersByTimeAsync(16);
    expect(slow).toHaveBeenCalledTimes(2);
    ask();
    await vi.advanceTimersByTimeAsync(100);
    expect(slow).toHaveBeenCalledTimes(2); // within 250 ms of the last one
    done();
    await vi.advanceTimersByTimeAsync(200);
    expect(slow).toHaveBeenCalledTimes(3);
    s.dispose();
  });

  it('redraws the clock-driven layers on its one clock, and nothing after dispose', () => {
    const s = createUpdateScheduler(1_000, () => Date.now());
    const timed = vi.fn();
    const still = vi.fn();
    s.add(timed, { clock: true });
    s.add(still);
    vi.advanceTimersByTime(1_016);
    expect(timed).toHaveBeenCalledTimes(1);
    expect(still).not.toHaveBeenCalled();
    s.dispose();
    vi.advanceTimersByTime(5_000);
    expect(timed).toHaveBeenCalledTimes(1);
  });

  it('runs the layers on one repaint grid together, however their asks fall within a slot', () => {
    // 10 ms into the clock: the grid's slots start at 500, 1000, ...
    vi.setSystemTime(10);
    const s = createUpdateScheduler(60_000, () => Date.now());
    const at: Record<string, number[]> = { a: [], b: [] };
    const askA = s.add(() => void at.a!.push(Date.now()), { cadenceMs: 500 });
    const askB = s.add(() => void at.b!.push(Date.now()), { cadenceMs: 500 });
    askA();
    vi.advanceTimersByTime(100); // a redraws at once: it had not in this slot
    askA();
    vi.advanceTimersByTime(150);
    askB();
    vi.advanceTimersByTime(100); // b redraws at once too: its first in this slot
    askB();
    vi.advanceTimersByTime(100);
    askA();
    vi.advanceTimersByTime(400);
    // Both asked again within the slot: both wait for the next one and redraw in the same frame.
    expect(at.a).toHaveLength(2);
    expect(at.b).toHaveLength(2);
    expect(at.a![1]).toBe(at.b![1]);
    expect(at.a![1]! % 500).toBeLessThan(20);
    expect(at.a![1]! - at.a![0]!).toBeGreaterThanOrEqual(400);
    s.dispose();
  });
});
