import { describe, expect, it } from 'vitest';
import type { CoordinationRole } from '../../../../shared/schemas/coordinationRoles.js';
import { cellOf, gapsOf, matrixPlaces } from '../../../../client/src/features/coordination/matrix.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

function role(over: Partial<CoordinationRole>): CoordinationRole {
  return {
    id: `00000000-0000-4000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: null,
    orgId: null,
    function: 'gbv_lead',
    level: 'province',
    provinceCode: '22',
    leadOrgId: A,
    supportOrgIds: [],
    contact: null,
    state: 'standby',
    lastReviewedAt: '2026-11-01T00:00:00.000Z',
    ...over,
  };
}

describe('matrixPlaces', () => {
  it('puts the national level first, then provinces by code, functions in the mechanism order', () => {
    const places = matrixPlaces([
      role({ provinceCode: '31', function: 'hotline' }),
      role({ provinceCode: '22', function: 'police', leadOrgId: B, supportOrgIds: [C] }),
      role({ provinceCode: '22', function: 'gbv_lead', supportOrgIds: [B] }),
      role({ provinceCode: null, level: 'national', function: 'clinical_care' }),
    ]);
    expect(places.map((p) => p.provinceCode)).toEqual([null, '22', '31']);
    expect(places[1]!.roles.map((r) => r.function)).toEqual(['gbv_lead', 'police']);
    // Columns: leads first, each organisation once.
    expect(places[1]!.orgIds).toEqual([A, B, C]);
    expect(places[1]!.undefinedFunctions).not.toContain('police');
    expect(places[1]!.undefinedFunctions).toContain('clinical_care');
    expect(places[0]!.undefinedFunctions).toEqual([]);
  });
});

describe('cellOf and gapsOf', () => {
  it('reads lead or support per organisation and flags a missing lead or an old review', () => {
    const r = role({ leadOrgId: null, supportOrgIds: [B], lastReviewedAt: '2026-01-01T00:00:00.000Z' });
    expect(cellOf(r, B)).toBe('support');
    expect(cellOf(r, A)).toBeNull();
    expect(cellOf(role({}), A)).toBe('lead');
    expect(gapsOf(r, new Date('2026-12-01T00:00:00Z'))).toEqual({ noLead: true, reviewDue: true });
    expect(gapsOf(role({}), new Date('2026-12-01T00:00:00Z'))).toEqual({ noLead: false, reviewDue: false });
  });
});
