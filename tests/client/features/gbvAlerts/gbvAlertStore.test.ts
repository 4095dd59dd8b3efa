import { describe, expect, it } from 'vitest';
import {
  applyGbvAlertChanges,
  openGbvAlerts,
} from '../../../../client/src/features/gbvAlerts/gbvAlertStore.js';
import { indexById } from '../../../../client/src/lib/byId.js';
import { buildGbvAlert } from '../../factories.js';

describe('time-critical alerts', () => {
  it('leave the open list once acknowledged, whichever copy arrives first', () => {
    const a = buildGbvAlert();
    const acked = { ...a, version: 2, status: 'acknowledged' as const, acknowledgedAt: a.createdAt };
    const by = { userId: null, orgId: null };
    const out = applyGbvAlertChanges(indexById([a]), [
      { seq: 1, type: 'gbv-alert:acknowledged', data: acked, at: a.createdAt, by },
      { seq: 2, type: 'gbv-alert:raised', data: a, at: a.createdAt, by },
    ]);
    expect(openGbvAlerts(out.byId)).toEqual([]);
    expect(openGbvAlerts(indexById([a]))).toEqual([a]);
  });
});
