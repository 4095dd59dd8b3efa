import { randomUUID } from 'node:crypto';
import { emptyChecklist } from '../../shared/domain/safety.js';
import type { Shelter, ShelterCreate } from '../../shared/schemas/shelters.js';
import type { StoredEvent } from '../../server/events/log.js';

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

/** A stored event as the log and the bus carry it (a shelter update unless told otherwise). */
export function buildStoredEvent(seq: number, over: Partial<StoredEvent> = {}): StoredEvent {
  return {
    seq,
    type: 'shelter:updated',
    entity: 'shelter',
    entityId: randomUUID(),
    data: {},
    changes: null,
    actorUserId: null,
    actorOrgId: null,
    at: new Date(0).toISOString(),
    ...over,
  };
}

/** Incident counts from a type breakdown and shares for the others (the demo seed's own builder). */
export { buildIncidentCounts } from '../../server/demo/seed/incidents.js';

/** What every reader sees of an area-period with 1 to 4 reports: the label, no breakdown. */
export const SUPPRESSED_SMALL = {
  total: '<5',
  byType: null,
  bySex: null,
  byAge: null,
  bySetting: null,
  within72h: null,
} as const;

/** A valid body for POST /api/requests: lights asked of the shelter sector in Thừa Thiên Huế. */
export function buildRequestCreate(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'lighting', title: 'Lights', toSector: 'shelter', provinceCode: '46', ...over };
}

/** A valid body for POST /api/alerts: a level-2 flood alert over province 46 (undefined leaves a field out). */
export function buildAlertCreate(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    hazard: 'flood',
    level: 2,
    title: 'T',
    provinceCodes: ['46'],
    validFrom: '2024-09-07T00:00:00Z',
    validTo: '2024-09-08T00:00:00Z',
    issuer: 'I',
    ...over,
  };
}

/** A valid body for POST /api/alerts: a level-3 flood warning over Ha Long (commune 06688), in force from an hour before `at` for three days. */
export function buildHaLongFloodAlert(at: number): Record<string, unknown> {
  return {
    hazard: 'flood',
    level: 3,
    title: 'Flood warning, Ha Long',
    communeCodes: ['06688'],
    validFrom: new Date(at - 3_600_000).toISOString(),
    validTo: new Date(at + 3 * 24 * 3_600_000).toISOString(),
    issuer: 'Test',
  };
}
