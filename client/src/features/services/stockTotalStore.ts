import { create } from 'zustand';
import type { Change } from '../../../../shared/events.js';
import type { StockTotals } from '../../../../shared/schemas/services.js';
import { applyStockTotalChanges, type StockTotalsByProvince } from './reconcile.js';

interface StockTotalState {
  /** Province totals of clinical stock; null for roles the server does not send them to. */
  byProvince: StockTotalsByProvince | null;
  replaceAll: (totals: readonly StockTotals[] | undefined) => void;
  applyEvent: (changes: readonly Change[]) => void;
  reset: () => void;
}

/** Clinical stock totals by province code (keyed by province, not by id, so not a by-id store). */
export const useStockTotalStore = create<StockTotalState>()((set, get) => ({
  byProvince: null,
  replaceAll: (totals) =>
    set({ byProvince: totals ? Object.fromEntries(totals.map((t) => [t.provinceCode, t])) : null }),
  applyEvent: (changes) => {
    const cur = get().byProvince;
    if (!cur) return;
    const next = applyStockTotalChanges(cur, changes);
    if (next !== cur) set({ byProvince: next });
  },
  reset: () => set({ byProvince: null }),
}));
