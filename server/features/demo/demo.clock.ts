import type { DemoClock } from '../../../shared/schemas/demo.js';

/**
 * The scenario clock of a running replay, held in memory: it is a display aid, not a record, so it
 * goes neither into the event log nor the database. Each process keeps the last one it heard of
 * (the realtime layer relays a set to the other processes) and forgets it after `staleMs` without
 * news, so a replay that stopped does not leave a clock on the screen.
 */
export function createDemoClock(staleMs = 120_000) {
  let clock: DemoClock | null = null;
  let heardAt = 0;
  const listeners: ((c: DemoClock) => void)[] = [];
  return {
    get(): DemoClock | null {
      return clock && Date.now() - heardAt < staleMs ? clock : null;
    },
    /** Keep a clock heard from another process. */
    store(c: DemoClock) {
      clock = c;
      heardAt = Date.now();
    },
    /** Set the clock here and tell the listeners (the realtime broadcast). */
    set(c: DemoClock) {
      this.store(c);
      for (const l of listeners) l(c);
    },
    onSet(l: (c: DemoClock) => void) {
      listeners.push(l);
    },
  };
}
/** The scenario clock store. */
export type DemoClockStore = ReturnType<typeof createDemoClock>;
