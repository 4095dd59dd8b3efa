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
