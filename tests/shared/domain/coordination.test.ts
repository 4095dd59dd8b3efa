import { describe, expect, it } from 'vitest';
import { REQUEST_KINDS } from '../../../shared/enums.js';
import {
  COORDINATION_FUNCTIONS,
  FUNCTION_OF_KIND,
  isVietnameseMobile,
  routeRequest,
} from '../../../shared/domain/coordination.js';
import { editsCoordinationRole, type Caller } from '../../../shared/domain/permissions.js';
import { RoleContactSchema } from '../../../shared/schemas/coordinationRoles.js';

describe('FUNCTION_OF_KIND', () => {
  it('gives every request kind a function of the mechanism', () => {
    for (const k of REQUEST_KINDS) expect(COORDINATION_FUNCTIONS).toContain(FUNCTION_OF_KIND[k]);
  });
});

describe('routeRequest', () => {
  const roles = [
    { function: 'clinical_care' as const, provinceCode: null, leadOrgId: 'national' },
    { function: 'clinical_care' as const, provinceCode: '22', leadOrgId: 'qn' },
    { function: 'clinical_care' as const, provinceCode: '15', leadOrgId: null },
  ];
  it('routes to the province lead, else the national lead, else nobody', () => {
    expect(routeRequest(roles, 'cmr_supplies', '22')).toEqual({ orgId: 'qn', level: 'province' });
    expect(routeRequest(roles, 'mobile_clinic', '15')).toEqual({ orgId: 'national', level: 'national' });
    expect(routeRequest(roles, 'safe_house_space', '22')).toBeNull();
  });
});

describe('isVietnameseMobile and RoleContactSchema', () => {
  it('tells personal mobiles from landlines and hotlines', () => {
    for (const m of ['0912 345 678', '+84 912 345 678', '0386.123.456', '84 77 123 4567'])
      expect(isVietnameseMobile(m)).toBe(true);
    for (const p of ['0203 3825 101', '024 3850 0101', '111', '1800 0001', '1900 1234'])
      expect(isVietnameseMobile(p)).toBe(false);
  });
  it('refuses a mobile as a role contact, naming the phone', () => {
    const r = RoleContactSchema.safeParse({ desk: 'Duty desk', phone: '0912345678' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['phone']);
  });
});

describe('editsCoordinationRole', () => {
  const gbvLc: Caller = { role: 'gbv_coordinator', orgId: 'o', scope: ['15'] };
  const opsNational: Caller = { role: 'ops_officer', orgId: 'o', scope: null };
  it('keeps GBV coordinators in scope and ops officers to their two functions', () => {
    expect(editsCoordinationRole(gbvLc, { function: 'clinical_care', provinceCode: '15' })).toBe(true);
    expect(editsCoordinationRole(gbvLc, { function: 'clinical_care', provinceCode: '22' })).toBe(false);
    expect(editsCoordinationRole(gbvLc, { function: 'gbv_lead', provinceCode: null })).toBe(false);
    expect(editsCoordinationRole(opsNational, { function: 'disaster_ops', provinceCode: null })).toBe(true);
    expect(editsCoordinationRole(opsNational, { function: 'shelter_management', provinceCode: '22' })).toBe(
      true,
    );
    expect(editsCoordinationRole(opsNational, { function: 'clinical_care', provinceCode: '22' })).toBe(false);
    for (const role of ['viewer', 'service_provider', 'shelter_manager', 'admin'] as const)
      expect(editsCoordinationRole({ role, orgId: 'o', scope: null })).toBe(false);
  });
});
