import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PausableClock } from '../../../scripts/replay/player.js';

/** The replay's scenario clock (issue 11: "pause and resume with a key" toggles it). */
describe('PausableClock', () => {
  const start = Date.parse('2024-09-06T07:00:00+07:00');
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('runs at its speed, stands still while paused, and resumes where it stopped', async () => {
    const clock = new PausableClock(start, 60);
    await vi.advanceTimersByTimeAsync(1000);
    expect(clock.now()).toBe(start + 60_000);
    expect(clock.toggle()).toBe(true);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(clock.now()).toBe(start + 60_000);
    expect(clock.toggle()).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    // Nothing of the scenario was skipped over the pause.
    expect(clock.now()).toBe(start + 90_000);
  });

  it('holds a step while paused and plays it once resumed, telling the clock only while it runs', async () => {
    const clock = new PausableClock(start, 60);
    const ticks: number[] = [];
    let reached = false;
    const step = clock
      .until(start + 10 * 60_000, () => Promise.resolve(void ticks.push(clock.now())), 2000)
      .then(() => (reached = true));
    await vi.advanceTimersByTimeAsync(4000);
    expect(ticks).toEqual([start + 120_000, start + 240_000]);
    clock.toggle();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reached).toBe(false);
    expect(clock.now()).toBeLessThan(start + 10 * 60_000);
    const ticksWhilePaused = ticks.length;
    clock.toggle();
    // Ten scenario minutes at x60 are ten real seconds, less the four already run (and the pause's
    // partial tick); the step is played then, not before.
    await vi.advanceTimersByTimeAsync(4000);
    expect(reached).toBe(false);
    await vi.advanceTimersByTimeAsync(2100);
    await step;
    expect(reached).toBe(true);
    expect(clock.now()).toBeGreaterThanOrEqual(start + 10 * 60_000);
    expect(clock.now()).toBeLessThan(start + 10 * 60_000 + 2 * 60_000);
    expect(ticks.length).toBeGreaterThan(ticksWhilePaused);
  });

  it('jumps to a time (a fast-forward) and runs on from there', async () => {
    const clock = new PausableClock(start, 3600);
    clock.jump(start + 24 * 3_600_000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(clock.now()).toBe(start + 25 * 3_600_000);
  });
});
