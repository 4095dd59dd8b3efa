import { create } from 'zustand';

/** Roles that run the operations room's wall screen. */
export const WALL_ROLES: readonly string[] = ['ops_officer', 'gbv_coordinator'];

function wallFromUrl(): boolean {
  if (typeof location === 'undefined') return false;
  return new URLSearchParams(location.search).get('display') === 'wall';
}

interface DisplayState {
  /** Wall display: type sized to the viewport, the legend folded, the view fitted to the alerts in force. */
  wall: boolean;
  /** When the picture was frozen for a briefing (epoch ms), or null while it is live. */
  frozenAt: number | null;
  /** How many changes arrived while frozen and wait to be applied. */
  waiting: number;
  setWall: (wall: boolean) => void;
  /** Set by the realtime listener, which holds the changes themselves. */
  setFrozen: (frozenAt: number | null, waiting: number) => void;
}

/**
 * How this screen shows the picture. Wall mode comes from `?display=wall` and the top bar's toggle,
 * which keeps the address in step so a reload (or the wall's kiosk browser) stays on the wall.
 */
export const useDisplayStore = create<DisplayState>()((set) => ({
  wall: wallFromUrl(),
  frozenAt: null,
  waiting: 0,
  setWall: (wall) => {
    if (typeof location !== 'undefined' && typeof history !== 'undefined') {
      const url = new URL(location.href);
      if (wall) url.searchParams.set('display', 'wall');
      else url.searchParams.delete('display');
      history.replaceState(history.state, '', url);
    }
    set({ wall });
  },
  setFrozen: (frozenAt, waiting) => set({ frozenAt, waiting }),
}));
