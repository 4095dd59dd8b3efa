import { describe, expect, it } from 'vitest';
import type { Change } from '../../../../shared/events.js';
import {
  isServiceDown,
  matchesServiceFilter,
  NO_SERVICE_FILTER,
  selectServices,
} from '../../../../client/src/features/services/filters.js';
import {
  applyServiceChanges,
  applyStockTotalChanges,
} from '../../../../client/src/features/services/reconcile.js';
import { indexById } from '../../../../client/src/lib/byId.js';
import { buildChange, buildService } from '../../factories.js';

describe('services reconcile', () => {
  it('applies created, updated and availability changes; an older or equal version never rolls a service back', () => {
    const s = buildService({ version: 2 });
    const byId = indexById([s]);
    const closed = { ...s, version: 3, availability: { ...s.availability, status: 'closed' as const } };
    const changes: Change[] = [
      buildChange(1, 'service:availability-changed', closed),
      buildChange(2, 'service:updated', { ...s, version: 2, name: 'old echo' }),
    ];
    const out = applyServiceChanges(byId, changes);
    expect(out.byId[s.id]?.availability.status).toBe('closed');
    expect(out.byId[s.id]?.name).toBe(s.name);
    expect(out.changed).toEqual([s.id]);
    expect(applyServiceChanges(out.byId, [{ seq: 3, type: 'hidden' }]).byId).toBe(out.byId);
  });

  it('replaces a province’s stock totals with the latest event', () => {
    const t1 = { provinceCode: '22', services: 2, stock: {} } as never;
    const t2 = { provinceCode: '22', services: 3, stock: {} } as never;
    const out = applyStockTotalChanges({}, [
      buildChange(1, 'stock-totals:changed', t1),
      buildChange(2, 'stock-totals:changed', t2),
    ]);
    expect(out['22']).toBe(t2);
  });

  it('filters by province, availability and type, and lists what is down first', () => {
    const a = buildService({ name: 'B open', provinceCode: '22' });
    const b = buildService({
      name: 'A closed',
      types: ['psychosocial'],
      availability: { ...a.availability, status: 'closed' },
    });
    const c = buildService({ name: 'C Hai Phong', provinceCode: '31' });
    const byId = indexById([a, b, c]);
    expect(selectServices(byId, NO_SERVICE_FILTER, '22', 'vi').map((s) => s.name)).toEqual([
      'A closed',
      'B open',
    ]);
    expect(matchesServiceFilter(b, { statuses: [], type: 'health_cmr' }, null)).toBe(false);
    expect(matchesServiceFilter(a, { statuses: ['open'], type: 'health_cmr' }, null)).toBe(true);
    expect(isServiceDown(b)).toBe(true);
    expect(isServiceDown(a)).toBe(false);
  });
});
