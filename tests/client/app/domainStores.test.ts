import { beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/events.js';
import { ORG_KINDS, STOCK_ITEMS } from '../../../shared/enums.js';
import type { Organisation } from '../../../shared/schemas/auth.js';
import type { StockTotals } from '../../../shared/schemas/services.js';
import { DOMAIN_STORES } from '../../../client/src/app/domainStores.js';
import { useAlertStore } from '../../../client/src/features/alerts/alertStore.js';
import { useGbvAlertStore } from '../../../client/src/features/gbvAlerts/gbvAlertStore.js';
import { useIncidentStore } from '../../../client/src/features/incidents/incidentStore.js';
import { useOrganisationStore } from '../../../client/src/features/organisations/organisationStore.js';
import { useRequestStore } from '../../../client/src/features/requests/requestStore.js';
import { useThreadStore } from '../../../client/src/features/requests/threadStore.js';
import { useServiceStore } from '../../../client/src/features/services/serviceStore.js';
import { useStockTotalStore } from '../../../client/src/features/services/stockTotalStore.js';
import { useShelterStore } from '../../../client/src/features/shelters/shelterStore.js';
import type { Snapshot } from '../../../client/src/realtime/snapshot.js';
import { buildShelter } from '../../helpers/factories.js';
import {
  buildAlert,
  buildCell,
  buildChange,
  buildGbvAlert,
  buildMessage,
  buildRequest,
  buildService,
  uid,
} from '../factories.js';

const at = '2024-09-07T06:00:00.000Z';
const org: Organisation = {
  id: uid(),
  createdAt: at,
  updatedAt: at,
  version: 1,
  updatedBy: null,
  orgId: null,
  name: 'Hội Chữ thập đỏ',
  acronym: 'VNRC',
  kind: ORG_KINDS[0],
  sectors: [],
};
const totals: StockTotals = {
  provinceCode: '22',
  services: 3,
  stock: Object.fromEntries(
    STOCK_ITEMS.map((i) => [i, { quantity: 10, out: 0, low: 0 }]),
  ) as StockTotals['stock'],
};

function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    seq: 10,
    shelters: [buildShelter()],
    organisations: [org],
    services: [buildService()],
    alerts: [buildAlert()],
    requests: [buildRequest()],
    gbvAlerts: [buildGbvAlert()],
    ...over,
  };
}

const loadAll = (snap: Snapshot) => {
  for (const d of DOMAIN_STORES) d.load?.(snap);
};
const applyAll = (changes: Change[]) => {
  for (const d of DOMAIN_STORES) d.apply(changes);
};
const count = (byId: object | null) => (byId ? Object.keys(byId).length : null);

describe('DOMAIN_STORES', () => {
  beforeEach(() => {
    for (const d of DOMAIN_STORES) d.reset();
  });

  it('names each store once', () => {
    const names = DOMAIN_STORES.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('loads every part of a snapshot into its store, and leaves a part the role may not read absent', () => {
    loadAll(snapshot());
    expect(count(useShelterStore.getState().byId)).toBe(1);
    expect(count(useOrganisationStore.getState().byId)).toBe(1);
    expect(count(useServiceStore.getState().byId)).toBe(1);
    expect(count(useAlertStore.getState().byId)).toBe(1);
    expect(count(useRequestStore.getState().byId)).toBe(1);
    expect(count(useGbvAlertStore.getState().byId)).toBe(1);
    expect(useStockTotalStore.getState().byProvince).toBeNull();
    expect(useIncidentStore.getState().data).toBeNull();

    loadAll(
      snapshot({
        stockTotals: [totals],
        incidents: {
          cells: [buildCell('22', '2024-09', 7)],
          national: [],
          thresholds: { cell: 5, breakdown: 10, child: 10 },
          note: { vi: 'Ghi chú', en: 'Note' },
        },
      }),
    );
    expect(Object.keys(useStockTotalStore.getState().byProvince ?? {})).toEqual(['22']);
    expect(Object.keys(useIncidentStore.getState().data?.cells ?? {})).toEqual(['22|2024-09']);
  });

  it('hands one batch of changes to every store, each taking its own records', () => {
    const shelter = buildShelter({ version: 1 });
    const service = buildService({ version: 1 });
    const request = buildRequest({ version: 1, messageCount: 0 });
    loadAll(
      snapshot({ shelters: [shelter], services: [service], requests: [request], stockTotals: [totals] }),
    );
    useThreadStore.getState().setThread(request.id, []);
    const message = buildMessage(request.id);
    const alert = buildAlert();
    const gbv = buildGbvAlert();
    applyAll([
      buildChange(11, 'shelter:updated', { ...shelter, version: 2, occupancy: 42 }),
      buildChange(12, 'service:availability-changed', { ...service, version: 2 }),
      buildChange(13, 'alert:created', alert),
      buildChange(14, 'request:message-added', { request: { ...request, messageCount: 1 }, message }),
      buildChange(15, 'gbv-alert:raised', gbv),
      buildChange(16, 'stock-totals:changed', { ...totals, services: 4 }),
      { seq: 17, type: 'hidden' },
    ]);
    expect(useShelterStore.getState().byId[shelter.id]?.occupancy).toBe(42);
    expect(useServiceStore.getState().byId[service.id]?.version).toBe(2);
    expect(useAlertStore.getState().byId[alert.id]).toEqual(alert);
    expect(useRequestStore.getState().byId[request.id]?.messageCount).toBe(1);
    expect(useThreadStore.getState().threads[request.id]?.map((m) => m.id)).toEqual([message.id]);
    expect(useGbvAlertStore.getState().byId[gbv.id]).toEqual(gbv);
    expect(useStockTotalStore.getState().byProvince?.['22']).toMatchObject({ services: 4 });
  });

  it('keeps each map when a batch carries nothing for it', () => {
    loadAll(snapshot());
    const before = [useShelterStore, useServiceStore, useRequestStore, useAlertStore].map(
      (s) => s.getState().byId,
    );
    applyAll([{ seq: 11, type: 'hidden' }]);
    const after = [useShelterStore, useServiceStore, useRequestStore, useAlertStore].map(
      (s) => s.getState().byId,
    );
    after.forEach((byId, i) => expect(byId).toBe(before[i]));
  });

  it('forgets everything on reset (sign-out)', () => {
    loadAll(snapshot({ stockTotals: [totals] }));
    const r = useRequestStore.getState().byId;
    useThreadStore.getState().setThread(Object.keys(r)[0]!, [buildMessage(Object.keys(r)[0]!)]);
    for (const d of DOMAIN_STORES) d.reset();
    for (const byId of [
      useShelterStore.getState().byId,
      useOrganisationStore.getState().byId,
      useServiceStore.getState().byId,
      useAlertStore.getState().byId,
      useRequestStore.getState().byId,
      useGbvAlertStore.getState().byId,
      useThreadStore.getState().threads,
    ])
      expect(byId).toEqual({});
    expect(useStockTotalStore.getState().byProvince).toBeNull();
    expect(useIncidentStore.getState().data).toBeNull();
  });

  it('merges an HTTP reply with each domain’s own rule: a request with more messages at the same version wins', () => {
    const request = buildRequest({ version: 3, messageCount: 1 });
    useRequestStore.getState().replaceAll([request]);
    useRequestStore.getState().upsert({ ...request, messageCount: 2 });
    expect(useRequestStore.getState().byId[request.id]?.messageCount).toBe(2);
    useRequestStore.getState().upsert({ ...request, messageCount: 0 });
    expect(useRequestStore.getState().byId[request.id]?.messageCount).toBe(2);
  });
});
