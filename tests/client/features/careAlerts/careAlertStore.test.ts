import { describe, expect, it } from 'vitest';
import type { Change } from '../../../../shared/events.js';
import type { CareAlert } from '../../../../shared/schemas/careAlerts.js';
import {
  applyCareAlertChanges,
  liveCareAlerts,
} from '../../../../client/src/features/careAlerts/careAlertStore.js';

const alert = (over: Partial<CareAlert> = {}): CareAlert => ({
  id: '33333333-3333-4333-8333-333333333333',
  createdAt: '2026-01-10T10:00:00.000Z',
  updatedAt: '2026-01-10T10:00:00.000Z',
  version: 1,
  updatedBy: null,
  orgId: null,
  rule: 'over_capacity',
  subjectKind: 'shelter',
  subjectId: '11111111-1111-4111-8111-111111111111',
  item: '',
  subjectName: 'School',
  masked: false,
  subjectOrgId: null,
  safeHouse: false,
  provinceCode: '22',
  detail: { occupancyPct: 120 },
  status: 'open',
  since: '2026-01-10T10:00:00.000Z',
  raisedAt: '2026-01-10T10:00:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  clearedAt: null,
  ...over,
});
const change = (seq: number, type: Change['type'], data: CareAlert) =>
  ({ seq, type, data, at: data.updatedAt, by: { userId: null, orgId: null } }) as Change;

describe('care-alert changes', () => {
  it('takes raised, acknowledged and cleared, and leaves the list when cleared', () => {
    const raised = alert();
    let { byId } = applyCareAlertChanges({}, [change(1, 'care-alert:raised', raised)]);
    expect(liveCareAlerts(byId).map((a) => a.status)).toEqual(['open']);
    ({ byId } = applyCareAlertChanges(byId, [
      change(2, 'care-alert:acknowledged', alert({ version: 2, status: 'acknowledged' })),
    ]));
    expect(liveCareAlerts(byId).map((a) => a.status)).toEqual(['acknowledged']);
    ({ byId } = applyCareAlertChanges(byId, [
      change(3, 'care-alert:cleared', alert({ version: 3, status: 'cleared' })),
    ]));
    expect(liveCareAlerts(byId)).toEqual([]);
    // An older version arriving late changes nothing.
    ({ byId } = applyCareAlertChanges(byId, [change(1, 'care-alert:raised', raised)]));
    expect(byId[raised.id]?.status).toBe('cleared');
  });
});
