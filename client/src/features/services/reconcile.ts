import type { Change } from '../../../../shared/events.js';
import type { ServicePoint, StockTotals } from '../../../../shared/schemas/services.js';
import { mergeById, newerVersion, type ById, type Merged } from '../../lib/byId.js';
import { recordsIn } from '../../lib/changes.js';

/** Services by id. */
export type ServicesById = ById<ServicePoint>;
/** Province stock totals by province code. */
export type StockTotalsByProvince = Readonly<Record<string, StockTotals>>;

/** The service records a batch of changes carries, in seq order. */
export function servicesIn(changes: readonly Change[]): ServicePoint[] {
  return recordsIn(changes, ['service:created', 'service:updated', 'service:availability-changed']);
}

/** Apply a batch of stream changes to the services map (a pure reducer). */
export function applyServiceChanges(byId: ServicesById, changes: readonly Change[]): Merged<ServicePoint> {
  return mergeById(byId, servicesIn(changes), newerVersion);
}

/** Apply stock-total changes: totals carry no version, so the later event (seq order) wins. */
export function applyStockTotalChanges(
  totals: StockTotalsByProvince,
  changes: readonly Change[],
): StockTotalsByProvince {
  let next: Record<string, StockTotals> | null = null;
  for (const c of changes) {
    if (c.type !== 'stock-totals:changed') continue;
    next ??= { ...totals };
    next[c.data.provinceCode] = c.data;
  }
  return next ?? totals;
}
