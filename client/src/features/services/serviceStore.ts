import { create } from 'zustand';
import type { Change } from '../../../../shared/events.js';
import type { ServicePoint, StockTotals } from '../../../../shared/schemas/services.js';
import { indexById, mergeById, newerVersion } from '../../lib/byId.js';
import { NO_SERVICE_FILTER, type ServiceFilter } from './filters.js';
import {
  applyServiceChanges,
  applyStockTotalChanges,
  type ServicesById,
  type StockTotalsByProvince,
} from './reconcile.js';

interface ServiceState {
  byId: ServicesById;
  /** Province totals of clinical stock; only for roles the server sends them to. */
  stockTotals: StockTotalsByProvince | null;
  filter: ServiceFilter;
  replaceAll: (services: readonly ServicePoint[], stockTotals: readonly StockTotals[] | null) => void;
  upsert: (service: ServicePoint) => void;
  applyEvent: (changes: readonly Change[]) => void;
  setFilter: (patch: Partial<ServiceFilter>) => void;
  reset: () => void;
}

export const useServiceStore = create<ServiceState>()((set, get) => ({
  byId: {},
  stockTotals: null,
  filter: NO_SERVICE_FILTER,
  replaceAll: (services, totals) =>
    set({
      byId: indexById(services),
      stockTotals: totals ? Object.fromEntries(totals.map((t) => [t.provinceCode, t])) : null,
    }),
  upsert: (service) => {
    const { byId } = mergeById(get().byId, [service], newerVersion);
    if (byId !== get().byId) set({ byId });
  },
  applyEvent: (changes) => {
    const { byId } = applyServiceChanges(get().byId, changes);
    const cur = get().stockTotals;
    const stockTotals = cur ? applyStockTotalChanges(cur, changes) : cur;
    if (byId !== get().byId || stockTotals !== cur) set({ byId, stockTotals });
  },
  setFilter: (patch) => set({ filter: { ...get().filter, ...patch } }),
  reset: () => set({ byId: {}, stockTotals: null, filter: NO_SERVICE_FILTER }),
}));
