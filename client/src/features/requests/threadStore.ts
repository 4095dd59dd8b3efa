import { create } from 'zustand';
import type { Change } from '../../../../shared/events.js';
import type { RequestMessage } from '../../../../shared/schemas/requests.js';
import { addMessages, applyThreadChanges, type Threads } from './reconcile.js';

interface ThreadState {
  /** Threads opened on this device, by request id, oldest message first. */
  threads: Threads;
  setThread: (requestId: string, messages: readonly RequestMessage[]) => void;
  addMessage: (message: RequestMessage) => void;
  applyEvent: (changes: readonly Change[]) => void;
  reset: () => void;
}

/** Request threads: not in the snapshot, fetched when a request is opened, then kept up by the stream. */
export const useThreadStore = create<ThreadState>()((set, get) => {
  const put = (requestId: string, messages: readonly RequestMessage[]) =>
    set({
      threads: { ...get().threads, [requestId]: addMessages(get().threads[requestId] ?? [], messages) },
    });
  return {
    threads: {},
    setThread: put,
    addMessage: (m) => put(m.requestId, [m]),
    applyEvent: (changes) => {
      const threads = applyThreadChanges(get().threads, changes);
      if (threads !== get().threads) set({ threads });
    },
    reset: () => set({ threads: {} }),
  };
});
