import { describe, expect, it } from 'vitest';
import {
  editsService,
  editsShelter,
  masksSafeHouse,
  opensRequest,
  readsServicePrivate,
  readsStockTotals,
  requestMovesFor,
  writesAlert,
  type Caller,
} from '../../../shared/domain/permissions.js';

const org = '00000000-0000-4000-8000-000000000001';
const other = '00000000-0000-4000-8000-000000000002';
const caller = (role: Caller['role'], scope: string[] | null = null, orgId = org): Caller => ({
  role,
  orgId,
  scope,
});
const qnShelter = { provinceCode: '22', managingOrgId: org };
const safeHouse = { providerOrgId: org, provinceCode: '22', types: ['safe_house'] };

describe('the rulebook (what the client offers and the server allows alike)', () => {
  it('offers a shelter manager the forms of its own shelters within its scope only', () => {
    expect(editsShelter(caller('shelter_manager', ['22']), qnShelter)).toBe(true);
    // Its organisation's shelter in a province outside its scope: the server refuses, so no form.
    expect(editsShelter(caller('shelter_manager', ['22']), { ...qnShelter, provinceCode: '15' })).toBe(false);
    expect(editsShelter(caller('shelter_manager', ['22']), { ...qnShelter, managingOrgId: other })).toBe(
      false,
    );
    expect(
      opensRequest(caller('shelter_manager', ['22']), { shelter: { ...qnShelter, provinceCode: '15' } }),
    ).toBe(false);
    expect(opensRequest(caller('shelter_manager', ['22']), { shelter: qnShelter })).toBe(true);
  });

  it('gives a province-scoped GBV coordinator the private side of services in scope only', () => {
    expect(readsServicePrivate(caller('gbv_coordinator', ['15'], other), safeHouse)).toBe(false);
    expect(masksSafeHouse(caller('gbv_coordinator', ['15'], other), safeHouse)).toBe(true);
    expect(masksSafeHouse(caller('gbv_coordinator', ['22'], other), safeHouse)).toBe(false);
    expect(readsStockTotals(caller('gbv_coordinator', ['15']), '22')).toBe(false);
    expect(readsStockTotals(caller('gbv_coordinator', null), '22')).toBe(true);
  });

  it('shows a safe house to its own provider, masked to every other role', () => {
    expect(masksSafeHouse(caller('service_provider', ['22']), safeHouse)).toBe(false);
    for (const role of ['ops_officer', 'shelter_manager', 'viewer', 'admin'] as const)
      expect(masksSafeHouse(caller(role), safeHouse), role).toBe(true);
    expect(masksSafeHouse(caller('service_provider', ['22'], other), safeHouse)).toBe(true);
    expect(masksSafeHouse(caller('viewer'), { ...safeHouse, types: ['health_cmr'] })).toBe(false);
  });

  it('lets only providers and GBV coordinators in scope edit services, and only ops officers in scope write alerts', () => {
    expect(editsService(caller('service_provider', ['22']), safeHouse)).toBe(true);
    expect(editsService(caller('gbv_coordinator', ['15'], other), safeHouse)).toBe(false);
    expect(writesAlert(caller('ops_officer', ['22']), ['22'])).toBe(true);
    expect(writesAlert(caller('ops_officer', ['22']), [])).toBe(false);
    expect(writesAlert(caller('ops_officer', ['22']), ['22', '15'])).toBe(false);
    expect(writesAlert(caller('gbv_coordinator'), ['22'])).toBe(false);
  });

  it('offers request moves allowed by both the workflow and the role', () => {
    expect(requestMovesFor(caller('viewer'), { status: 'open' })).toEqual([]);
    expect(requestMovesFor(caller('shelter_manager'), { status: 'open' })).toEqual([
      'cancelled',
      'escalated',
    ]);
    expect(requestMovesFor(caller('service_provider'), { status: 'open' })).not.toContain('cancelled');
  });
});
