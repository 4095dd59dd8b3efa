import { describe, expect, it } from 'vitest';
import { recordEvent } from '../../../server/events/log.js';

describe('recordEvent', () => {
  it('takes the entity from the type and the id from the record, with no changes on create', () => {
    const r = { id: 'a1', name: 'X' };
    expect(recordEvent('coordination-role:created', r)).toEqual({
      type: 'coordination-role:created',
      entity: 'coordination-role',
      entityId: 'a1',
      data: r,
      changes: null,
    });
  });
  it('carries the changed fields', () => {
    expect(recordEvent('service:availability-changed', { id: 's1' }, { status: 'closed' })).toMatchObject({
      entity: 'service',
      entityId: 's1',
      changes: { status: 'closed' },
    });
  });
});
