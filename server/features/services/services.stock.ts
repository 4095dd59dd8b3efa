import { STOCK_ITEMS } from '../../../shared/enums.js';
import type { StockTotals } from '../../../shared/schemas/services.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db/db.js';
import type { NewEvent } from '../../events/log.js';
import { stableId } from '../../db/records.js';
import type { StoredService } from './services.repo.js';
import { repoOf } from './services.service.js';

/** Province totals of the time-critical supplies over the services that post stock. */
function totalsOf(services: readonly StoredService[], provinceCode: string): StockTotals {
  const stocked = services.filter((s) => s.provinceCode === provinceCode && s.availability.stock);
  const stock = Object.fromEntries(
    STOCK_ITEMS.map((k) => [k, { quantity: 0, out: 0, low: 0 }]),
  ) as StockTotals['stock'];
  for (const s of stocked) {
    for (const k of STOCK_ITEMS) {
      const e = s.availability.stock?.[k];
      if (!e) continue;
      const t = stock[k];
      t.quantity += e.quantity;
      if (e.level === 'out') t.out++;
      if (e.level === 'low') t.low++;
    }
  }
  return { provinceCode, services: stocked.length, stock };
}

/** One province's stock totals. */
export async function stockTotals(ctx: Ctx, q: Queryable, provinceCode: string): Promise<StockTotals> {
  return totalsOf(await repoOf(ctx).list(q), provinceCode);
}

/** All provinces' stock totals (snapshot), from one read. */
export async function allStockTotals(ctx: Ctx, q: Queryable): Promise<StockTotals[]> {
  const services = await repoOf(ctx).list(q);
  const provinces = [
    ...new Set(services.filter((s) => s.availability.stock).map((s) => s.provinceCode)),
  ].sort();
  return provinces.map((p) => totalsOf(services, p));
}

/** The event that carries a province's new stock totals. */
export async function stockTotalsEvent(ctx: Ctx, q: Queryable, provinceCode: string): Promise<NewEvent> {
  const data = await stockTotals(ctx, q, provinceCode);
  return {
    type: 'stock-totals:changed',
    entity: 'stock-totals',
    entityId: stableId(`stock-totals:${provinceCode}`),
    data,
    changes: null,
  };
}
