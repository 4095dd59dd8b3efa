import { describe, expect, it } from 'vitest';
import { domainOf, registerDomain } from '../../../server/events/registry.js';
import { projectEvent } from '../../../server/events/projection.js';
import type { Audience } from '../../../server/auth/viewer.js';
import { registerDomains } from '../../../server/features/index.js';
import { buildStoredEvent } from '../../helpers/factories.js';

const ops: Audience = { role: 'ops_officer', orgId: '00000000-0000-4000-8000-000000000009', scope: null };
const actor = { actorUserId: '00000000-0000-4000-8000-000000000001', actorOrgId: ops.orgId };

describe('domain registry', () => {
  it('projects an event with its entity’s presenter and shows who did it', () => {
    registerDomain<{ n: number }>({ entity: 'test-thing', present: (r) => ({ doubled: r.n * 2 }) });
    const ev = buildStoredEvent(3, { entity: 'test-thing', data: { n: 2 }, ...actor });
    expect(projectEvent(ev, ops)).toMatchObject({
      seq: 3,
      data: { doubled: 4 },
      by: { userId: actor.actorUserId, orgId: ops.orgId },
    });
  });

  it('hides an entity nobody registered, and a record its presenter refuses', () => {
    registerDomain({ entity: 'test-refused', present: () => null });
    expect(projectEvent(buildStoredEvent(4, { entity: 'test-unknown', data: {} }), ops)).toEqual({
      seq: 4,
      type: 'hidden',
    });
    expect(projectEvent(buildStoredEvent(5, { entity: 'test-refused', data: {} }), ops)).toEqual({
      seq: 5,
      type: 'hidden',
    });
  });

  it('never says who made a change where the domain is anonymous, always or per record', () => {
    registerDomain({ entity: 'test-anon', present: (r: object) => r, anonymous: true });
    registerDomain({
      entity: 'test-masked',
      present: (r: { masked: boolean }) => r,
      anonymous: (shown) => (shown as { masked: boolean }).masked,
    });
    const nobody = { userId: null, orgId: null };
    expect(projectEvent(buildStoredEvent(6, { entity: 'test-anon', data: {}, ...actor }), ops)).toMatchObject(
      {
        by: nobody,
      },
    );
    const masked = (m: boolean) =>
      projectEvent(buildStoredEvent(7, { entity: 'test-masked', data: { masked: m }, ...actor }), ops);
    expect(masked(true)).toMatchObject({ by: nobody });
    expect(masked(false)).toMatchObject({ by: { userId: actor.actorUserId } });
  });

  it('hands the presenter the record’s current state', () => {
    registerDomain<{ v: number }, { now: number }>({
      entity: 'test-current',
      present: (r, _a, current) => ({ then: r.v, now: current?.now ?? null }),
    });
    const ev = buildStoredEvent(8, { entity: 'test-current', entityId: 'x', data: { v: 1 } });
    const current = {
      of: (entity: string, id: string) => (entity === 'test-current' && id === 'x' ? { now: 2 } : undefined),
    };
    expect(projectEvent(ev, ops, current)).toMatchObject({ data: { then: 1, now: 2 } });
    expect(projectEvent(ev, ops)).toMatchObject({ data: { then: 1, now: null } });
  });

  it('registers every streamed entity of the features, with a snapshot part for each snapshot key', () => {
    registerDomains();
    for (const entity of ['shelter', 'organisation', 'service', 'stock-totals', 'alert', 'request']) {
      expect(domainOf(entity), entity).toBeDefined();
    }
    for (const entity of ['request-message', 'gbv-alert', 'incident-cell', 'incident-report'])
      expect(domainOf(entity), entity).toBeDefined();
    expect(domainOf('service')?.current).toBeDefined();
    expect(domainOf('incident-report')?.anonymous).toBe(true);
  });
});
