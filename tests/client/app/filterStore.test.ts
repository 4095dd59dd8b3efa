import { beforeEach, describe, expect, it } from 'vitest';
import { useFilterStore } from '../../../client/src/app/filterStore.js';
import { matchesRequestFilter } from '../../../client/src/features/requests/filters.js';
import { matchesServiceFilter } from '../../../client/src/features/services/filters.js';
import { matchesFilter } from '../../../client/src/features/shelters/filters.js';
import { buildShelter } from '../../helpers/factories.js';
import { buildRequest, buildService } from '../factories.js';

const f = () => useFilterStore.getState();

describe('filterStore', () => {
  beforeEach(() => f().reset());

  it('starts with all provinces, no status filter, and the requests still open', () => {
    expect(f()).toMatchObject({
      provinceCode: null,
      shelters: { statuses: [], managingOrgId: null },
      services: { statuses: [], type: null },
      requests: 'open',
    });
  });

  it('narrows shelters, services and requests alike with the one province filter', () => {
    const here = { provinceCode: '22' };
    const there = { provinceCode: '31' };
    f().setProvince('22');
    const { provinceCode, shelters, services, requests } = f();
    expect(matchesFilter(buildShelter(here), shelters, provinceCode)).toBe(true);
    expect(matchesFilter(buildShelter(there), shelters, provinceCode)).toBe(false);
    expect(matchesServiceFilter(buildService(here), services, provinceCode)).toBe(true);
    expect(matchesServiceFilter(buildService(there), services, provinceCode)).toBe(false);
    expect(matchesRequestFilter(buildRequest({ ...here, status: 'open' }), requests, provinceCode)).toBe(
      true,
    );
    expect(matchesRequestFilter(buildRequest({ ...there, status: 'open' }), requests, provinceCode)).toBe(
      false,
    );
  });

  it('merges a patch into one list’s filter and leaves the others and the province alone', () => {
    f().setProvince('22');
    const services = f().services;
    f().setShelterFilter({ statuses: ['full'] });
    f().setShelterFilter({ managingOrgId: 'org-1' });
    expect(f().shelters).toEqual({ statuses: ['full'], managingOrgId: 'org-1' });
    expect(f().services).toBe(services);
    expect(f().provinceCode).toBe('22');
    f().setServiceFilter({ type: 'health_cmr' });
    expect(f().services).toEqual({ statuses: [], type: 'health_cmr' });
    expect(f().shelters).toEqual({ statuses: ['full'], managingOrgId: 'org-1' });
  });

  it('filters requests by open, all or one status', () => {
    const done = buildRequest({ status: 'done' });
    expect(matchesRequestFilter(done, f().requests, null)).toBe(false);
    f().setRequestFilter('all');
    expect(matchesRequestFilter(done, f().requests, null)).toBe(true);
    f().setRequestFilter('done');
    expect(matchesRequestFilter(done, f().requests, null)).toBe(true);
    expect(matchesRequestFilter(buildRequest({ status: 'open' }), f().requests, null)).toBe(false);
  });

  it('forgets every filter on reset (sign-out)', () => {
    f().setProvince('22');
    f().setShelterFilter({ statuses: ['full'] });
    f().setServiceFilter({ statuses: ['closed'] });
    f().setRequestFilter('all');
    f().reset();
    expect(f()).toMatchObject({
      provinceCode: null,
      shelters: { statuses: [], managingOrgId: null },
      services: { statuses: [], type: null },
      requests: 'open',
    });
  });
});
