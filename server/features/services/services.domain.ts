import { presentAll, type Domain } from '../../events/registry.js';
import type { StockTotals } from '../../../shared/schemas/services.js';
import { readsStockTotals } from '../../../shared/domain/permissions.js';
import type { StoredService } from './services.repo.js';
import { presentService, presentStockTotals, type ServiceVisibility } from './services.presenter.js';
import { repoOf } from './services.service.js';
import { allStockTotals } from './services.stock.js';
import { serviceCurrentState } from './services.current.js';

/** Service points: past events are shown with the service's current visibility too (see presentService). */
export const serviceDomain: Domain<StoredService, ServiceVisibility> = {
  entity: 'service',
  present: (s, a, current) => presentService(s, a, current),
  // A masked safe house's provider would say who runs it and so where it is.
  anonymous: (shown) => Boolean((shown as { masked?: boolean }).masked),
  current: serviceCurrentState,
  snapshotKeys: ['services'],
  snapshotPart: async ({ ctx, q, audience }) => ({
    services: presentAll(await repoOf(ctx).list(q), (s, a) => presentService(s, a), audience),
  }),
};

/** Province stock totals; the snapshot key is absent for roles that may not read them. */
export const stockTotalsDomain: Domain<StockTotals> = {
  entity: 'stock-totals',
  present: presentStockTotals,
  snapshotKeys: ['stockTotals'],
  snapshotPart: async ({ ctx, q, audience }) =>
    readsStockTotals(audience)
      ? { stockTotals: presentAll(await allStockTotals(ctx, q), presentStockTotals, audience) }
      : {},
};
