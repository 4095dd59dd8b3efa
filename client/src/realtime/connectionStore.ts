import { create } from 'zustand';

/** What the user sees of the link: live, reconnecting, catching up (replaying missed events) or offline. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'catching_up' | 'offline';

interface ConnectionStoreState {
  state: ConnectionState;
  lastSeq: number;
  /** The server speaks another realtime protocol (its `hello`): the page must be reloaded. */
  reloadNeeded: boolean;
  setState: (state: ConnectionState) => void;
  setLastSeq: (seq: number) => void;
  setReloadNeeded: (reloadNeeded: boolean) => void;
}

export const useConnectionStore = create<ConnectionStoreState>()((set) => ({
  state: 'connecting',
  lastSeq: 0,
  reloadNeeded: false,
  setState: (state) => set({ state }),
  setLastSeq: (lastSeq) => set({ lastSeq }),
  setReloadNeeded: (reloadNeeded) => set({ reloadNeeded }),
}));
