import { describe, expect, it } from 'vitest';
import {
  matchesFilter,
  NO_FILTER,
  selectShelters,
} from '../../../../client/src/features/shelters/filters.js';
import { indexShelters } from '../../../../client/src/features/shelters/reconcile.js';
import { buildShelter } from '../../../helpers/factories.js';

describe('shelter filters', () => {
  it('passes everything with no filter', () => {
    expect(matchesFilter(buildShelter(), NO_FILTER, null)).toBe(true);
  });

  it('narrows by province, status and managing organisation', () => {
    const s = buildShelter({
      provinceCode: '22',
      status: 'full',
      managingOrgId: '00000000-0000-4000-8000-000000000001',
    });
    expect(matchesFilter(s, NO_FILTER, '31')).toBe(false);
    expect(matchesFilter(s, { ...NO_FILTER, statuses: ['open'] }, null)).toBe(false);
    expect(matchesFilter(s, { ...NO_FILTER, statuses: ['open', 'full'] }, '22')).toBe(true);
    expect(
      matchesFilter(s, { ...NO_FILTER, managingOrgId: '00000000-0000-4000-8000-000000000002' }, null),
    ).toBe(false);
  });

  it('lists full and damaged shelters first, then by name', () => {
    const list = selectShelters(
      indexShelters([
        buildShelter({ name: 'B', status: 'open' }),
        buildShelter({ name: 'A', status: 'open' }),
        buildShelter({ name: 'Z', status: 'full' }),
        buildShelter({ name: 'C', status: 'damaged' }),
      ]),
      NO_FILTER,
      null,
      'vi-VN',
    );
    expect(list.map((s) => s.name)).toEqual(['Z', 'C', 'A', 'B']);
  });
});
