import { describe, expect, it } from 'vitest';
import type { VisibleChange } from '../../../../shared/events.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import {
  addActivity,
  toActivity,
  type ActivityItem,
} from '../../../../client/src/features/activity/activity.js';
import { buildShelter } from '../../../helpers/factories.js';
import { buildRequest } from '../../factories.js';

const by = { userId: null, orgId: null };

function item(seq: number, over: Partial<ActivityItem> = {}): ActivityItem {
  return {
    seq,
    type: 'shelter:updated',
    at: '2024-09-07T06:00:00.000Z',
    recordId: 'r',
    name: 'n',
    simulated: false,
    detail: null,
    ...over,
  };
}

/** A shelter:updated change of `data` at seq `seq`, stamped with the time of `before`. */
function shelterUpdate(seq: number, before: Shelter, data: Shelter): VisibleChange {
  return { seq, type: 'shelter:updated', data, at: before.updatedAt, by };
}

describe('toActivity', () => {
  it('marks a request the escalation timer moved to the national lead, and not one a person escalated', () => {
    const at = '2024-09-07T06:00:00.000Z';
    const data = buildRequest({ status: 'escalated', version: 2 });
    const timer: VisibleChange = { seq: 9, type: 'request:updated', data, at, by };
    expect(toActivity(timer).detail).toEqual({ kind: 'escalated' });
    const person = { ...timer, by: { userId: data.id, orgId: data.fromOrgId } };
    expect(toActivity(person).detail).toBeNull();
    expect(toActivity({ ...timer, data: { ...data, status: 'open' } }).detail).toBeNull();
  });

  it('marks a shelter report that came by SMS, and not a later edit of the same shelter', () => {
    const at = '2024-09-07T06:00:00.000Z';
    const sms = buildShelter({ version: 2, reportSource: 'sms', lastReportedAt: at, updatedAt: at });
    const change = (data: typeof sms): VisibleChange => ({ seq: 4, type: 'shelter:updated', data, at, by });
    expect(toActivity(change(sms)).viaSms).toBe(true);
    const renamed = { ...sms, version: 3, name: 'Renamed', updatedAt: '2024-09-07T07:00:00.000Z' };
    expect(toActivity(change(renamed)).viaSms).toBeUndefined();
    expect(toActivity(change({ ...sms, reportSource: 'app' })).viaSms).toBeUndefined();
  });

  it('describes a status change when the previous record is known', () => {
    const before = buildShelter({ version: 1, status: 'open' });
    const change = shelterUpdate(3, before, { ...before, version: 2, status: 'full' });
    expect(toActivity(change, before).detail).toEqual({ kind: 'status', from: 'open', to: 'full' });
  });

  it('describes an occupancy change, then a reconfirmation', () => {
    const before = buildShelter({ version: 1, occupancy: 10, lastReportedAt: '2024-09-07T06:00:00.000Z' });
    const occ = shelterUpdate(3, before, { ...before, version: 2, occupancy: 30 });
    expect(toActivity(occ, before).detail).toEqual({ kind: 'occupancy', from: 10, to: 30 });
    const re = shelterUpdate(4, before, {
      ...before,
      version: 2,
      lastReportedAt: '2024-09-07T09:00:00.000Z',
    });
    expect(toActivity(re, before).detail).toEqual({ kind: 'reconfirmed' });
  });

  it('carries the simulated label of the record', () => {
    const s = buildShelter({ simulated: true });
    expect(toActivity({ seq: 1, type: 'shelter:created', data: s, at: s.createdAt, by }).simulated).toBe(
      true,
    );
  });
});

describe('addActivity', () => {
  it('keeps the newest first and each seq once', () => {
    const list = addActivity([item(2), item(1)], [item(3), item(2)]);
    expect(list.map((i) => i.seq)).toEqual([3, 2, 1]);
  });

  it('keeps a richer description over a replayed copy without one', () => {
    const rich = item(5, { detail: { kind: 'reconfirmed' } });
    expect(addActivity([rich], [item(5)])[0]?.detail).toEqual({ kind: 'reconfirmed' });
  });

  it('caps the feed', () => {
    const many = Array.from({ length: 10 }, (_, i) => item(i + 1));
    expect(addActivity([], many, 4).map((i) => i.seq)).toEqual([10, 9, 8, 7]);
  });
});
