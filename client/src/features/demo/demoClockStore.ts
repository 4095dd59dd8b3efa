import { create } from 'zustand';
import { DemoClockSchema, type DemoClock } from '../../../../shared/schemas/demo.js';

interface DemoClockState {
  clock: DemoClock | null;
  /** When this browser last heard of the clock (the replay posts it every few seconds). */
  heardAt: number;
  /** Take a clock from the socket or GET /api/demo; anything malformed is ignored. */
  receive: (raw: unknown) => void;
}

/** The scenario clock of a running demo replay. */
export const useDemoClockStore = create<DemoClockState>()((set) => ({
  clock: null,
  heardAt: 0,
  receive: (raw) => {
    const c = DemoClockSchema.safeParse(raw);
    if (c.success) set({ clock: c.data, heardAt: Date.now() });
  },
}));
