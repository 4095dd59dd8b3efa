import { describe, expect, it } from 'vitest';
import { REQUEST_STATUSES } from '../../../shared/enums.js';
import { REQUEST_TRANSITIONS, canTransition, isOpenRequest } from '../../../shared/domain/requestWorkflow.js';

describe('request workflow', () => {
  const allowed = new Set(
    Object.entries(REQUEST_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`)),
  );
  it('follows open -> acknowledged -> in_progress -> done', () => {
    expect(canTransition('open', 'acknowledged')).toBe(true);
    expect(canTransition('acknowledged', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'done')).toBe(true);
  });
  it('lets any open state be escalated', () => {
    for (const s of ['open', 'acknowledged', 'in_progress'] as const)
      expect(canTransition(s, 'escalated')).toBe(true);
  });
  it('ends at done, declined and cancelled', () => {
    for (const s of ['done', 'declined', 'cancelled'] as const) {
      expect(isOpenRequest(s)).toBe(false);
      for (const to of REQUEST_STATUSES) expect(canTransition(s, to)).toBe(false);
    }
  });
  it('refuses every move outside the table, including skipping steps and standing still', () => {
    let refused = 0;
    for (const from of REQUEST_STATUSES)
      for (const to of REQUEST_STATUSES) {
        if (allowed.has(`${from}>${to}`)) continue;
        expect(canTransition(from, to)).toBe(false);
        refused++;
      }
    expect(refused).toBe(REQUEST_STATUSES.length ** 2 - allowed.size);
    expect(canTransition('open', 'done')).toBe(false);
    expect(canTransition('open', 'in_progress')).toBe(false);
  });
});
