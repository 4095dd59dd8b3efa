import { create } from 'zustand';
import type { Change } from '../../../../shared/events.js';
import type { CoordinationRequest, RequestMessage } from '../../../../shared/schemas/requests.js';
import { indexById } from '../../lib/byId.js';
import {
  addMessages,
  applyRequestChanges,
  mergeRequests,
  type RequestsById,
  type Threads,
} from './reconcile.js';

/** Which requests the list shows: those still open, all, or one status. */
export type RequestStatusFilter = 'open' | 'all' | CoordinationRequest['status'];

interface RequestState {
  byId: RequestsById;
  threads: Threads;
  statusFilter: RequestStatusFilter;
  replaceAll: (requests: readonly CoordinationRequest[]) => void;
  upsert: (request: CoordinationRequest) => void;
  setThread: (requestId: string, messages: readonly RequestMessage[]) => void;
  addMessage: (message: RequestMessage) => void;
  applyEvent: (changes: readonly Change[]) => void;
  setStatusFilter: (f: RequestStatusFilter) => void;
  reset: () => void;
}

export const useRequestStore = create<RequestState>()((set, get) => ({
  byId: {},
  threads: {},
  statusFilter: 'open',
  replaceAll: (requests) => set({ byId: indexById(requests) }),
  upsert: (request) => {
    const { byId } = mergeRequests(get().byId, [request]);
    if (byId !== get().byId) set({ byId });
  },
  setThread: (requestId, messages) =>
    set({
      threads: { ...get().threads, [requestId]: addMessages(get().threads[requestId] ?? [], messages) },
    }),
  addMessage: (m) =>
    set({ threads: { ...get().threads, [m.requestId]: addMessages(get().threads[m.requestId] ?? [], [m]) } }),
  applyEvent: (changes) => {
    const { byId, threads } = get();
    const next = applyRequestChanges(byId, threads, changes);
    if (next.byId !== byId || next.threads !== threads) set(next);
  },
  setStatusFilter: (statusFilter) => set({ statusFilter }),
  reset: () => set({ byId: {}, threads: {}, statusFilter: 'open' }),
}));
