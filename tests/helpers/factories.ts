import { randomUUID } from 'node:crypto';
import { emptyChecklist } from '../../shared/domain/safety.js';
import type { Shelter, ShelterCreate } from '../../shared/schemas/shelters.js';

/** A valid shelter record. */
export function buildShelter(over: Partial<Shelter> = {}): Shelter {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    createdAt: now,
    updatedAt: now,
    version: 1,
    updatedBy: null,
    orgId: null,
    name: 'Test School',
    kind: 'school',
    provinceCode: '22',
    communeCode: '06688',
    lat: 20.95,
    lon: 107.08,
    managingOrgId: null,
    contactPhone: null,
    status: 'open',
    capacity: 100,
    occupancy: 10,
    households: 3,
    demographics: null,
    vulnerable: null,
    needs: { water: 'ok', food: 'ok', power: 'ok', medical: 'ok' },
    checklist: emptyChecklist(),
    safetyScore: 0,
    lastReportedAt: now,
    reportSource: 'app',
    smsCode: 'S100',
    simulated: false,
    ...over,
  };
}

/** A valid body for POST /api/shelters. */
export function buildShelterCreate(over: Partial<ShelterCreate> = {}): Record<string, unknown> {
  return {
    name: `Test shelter ${randomUUID().slice(0, 8)}`,
    kind: 'school',
    provinceCode: '22',
    communeCode: '06688',
    lat: 20.95,
    lon: 107.08,
    capacity: 100,
    ...over,
  };
}
