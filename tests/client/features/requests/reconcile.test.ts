import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_KEYS,
  CRITICAL_CHECKLIST_KEYS,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  ROLES,
} from '../../../../shared/enums.js';
import { canTransition } from '../../../../shared/domain/requestWorkflow.js';
import {
  addMessages,
  applyRequestChanges,
  applyThreadChanges,
  reconcileRequest,
} from '../../../../client/src/features/requests/reconcile.js';
import { requestMovesFor } from '../../../../shared/domain/permissions.js';
import { GAP_REQUEST_KIND } from '../../../../client/src/features/requests/prefill.js';
import { indexById } from '../../../../client/src/lib/byId.js';
import { buildChange, buildMessage, buildRequest } from '../../factories.js';

describe('requests reconcile', () => {
  it('takes a message count rise at the same version as newer (messages do not bump the version)', () => {
    const r = buildRequest({ version: 2, messageCount: 1 });
    expect(reconcileRequest(r, { ...r, messageCount: 2 }).messageCount).toBe(2);
    expect(reconcileRequest(r, { ...r, messageCount: 0 })).toBe(r);
    expect(reconcileRequest(r, { ...r, version: 3, status: 'acknowledged', messageCount: 1 }).status).toBe(
      'acknowledged',
    );
  });

  it('appends a pushed message to a thread loaded here, once, and leaves unopened threads alone', () => {
    const r = buildRequest();
    const other = buildRequest();
    const first = buildMessage(r.id, { createdAt: '2024-09-07T05:00:00.000Z' });
    const m = buildMessage(r.id);
    const threads = { [r.id]: [first] };
    const change = buildChange(1, 'request:message-added', {
      request: { ...r, messageCount: 2 },
      message: m,
    });
    const changes = [change, { ...change, seq: 2 }];
    expect(applyThreadChanges(threads, changes)[r.id]?.map((x) => x.id)).toEqual([first.id, m.id]);
    expect(applyRequestChanges(indexById([r, other]), changes).byId[r.id]?.messageCount).toBe(2);
    const none = applyThreadChanges({}, [
      { ...change, data: { request: other, message: buildMessage(other.id) } },
    ]);
    expect(none).toEqual({});
    expect(addMessages([m], [m])).toHaveLength(1);
  });

  it('offers only moves the shared workflow allows, and only those the role may make', () => {
    for (const role of ROLES)
      for (const status of REQUEST_STATUSES)
        for (const to of requestMovesFor({ role: role }, { status }))
          expect(canTransition(status, to)).toBe(true);
    expect(requestMovesFor({ role: 'viewer' }, { status: 'open' })).toEqual([]);
    expect(requestMovesFor({ role: 'shelter_manager' }, { status: 'open' })).toEqual([
      'cancelled',
      'escalated',
    ]);
    expect(requestMovesFor({ role: 'service_provider' }, { status: 'open' })).not.toContain('cancelled');
    expect(requestMovesFor({ role: 'gbv_coordinator' }, { status: 'done' })).toEqual([]);
  });

  it('drafts a request of a real kind for every checklist item, a specific one for each critical item', () => {
    for (const k of CHECKLIST_KEYS) expect(REQUEST_KINDS).toContain(GAP_REQUEST_KIND[k]);
    expect(GAP_REQUEST_KIND.lighting).toBe('lighting');
    expect(GAP_REQUEST_KIND.femaleStaff).toBe('female_staff');
    expect(GAP_REQUEST_KIND.latrinesSeparated).toBe('latrine_separation');
    for (const k of CRITICAL_CHECKLIST_KEYS) expect(GAP_REQUEST_KIND[k]).not.toBe('other');
  });
});
