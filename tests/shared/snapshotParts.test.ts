import { describe, expect, it } from 'vitest';
import {
  firstScreenDomains,
  loadPart,
  restOf,
  routeChanges,
  SNAPSHOT_DOMAINS,
  startParts,
} from '../../shared/snapshotParts.js';

const c = (seq: number) => ({ seq });

describe('snapshotParts', () => {
  it('names the first screen per role, and the rest is every other domain', () => {
    expect(firstScreenDomains('shelter_manager', { map: false })).toEqual([
      'shelters',
      'alerts',
      'organisations',
    ]);
    expect(firstScreenDomains('gbv_coordinator', { map: false })).toContain('gbvAlerts');
    expect(firstScreenDomains('ops_officer', { map: true })).toEqual(
      expect.arrayContaining(['careAlerts', 'services', 'requests', 'incidents']),
    );
    const first = firstScreenDomains('viewer', { map: true });
    expect([...first, ...restOf(first)].sort()).toEqual([...SNAPSHOT_DOMAINS].sort());
  });

  it('a domain not loaded takes nothing; its part replays only what is past its seq; a loaded one skips what its part holds', () => {
    let s = loadPart(startParts(['a', 'b']), 10, ['a']).state;
    const r1 = routeChanges(s, [c(11), c(12)]);
    s = r1.state;
    expect(r1.take('a')).toEqual([c(11), c(12)]);
    expect(r1.take('b')).toEqual([]);
    // b's part is current to 11: it holds 11 already, so only 12 is replayed.
    const b = loadPart(s, 11, ['b']);
    expect(b.replay('b')).toEqual([c(12)]);
    expect(b.state.buffered).toEqual([]);
    // A part at 14 ahead of the stream: b skips 13 and 14 when they come, a still takes them.
    const ahead = loadPart(loadPart(startParts(['a', 'b']), 12, ['a']).state, 14, ['b']);
    const r2 = routeChanges(ahead.state, [c(13), c(14), c(15)]);
    expect(r2.take('a')).toEqual([c(13), c(14), c(15)]);
    expect(r2.take('b')).toEqual([c(15)]);
    // A store no part fills takes every change.
    expect(r2.take('threads')).toEqual([c(13), c(14), c(15)]);
  });

  it('a whole snapshot replaces every domain; a part that comes after it is dropped', () => {
    const s = loadPart(startParts(['a', 'b']), 10, ['a']).state;
    const whole = loadPart(s, 20, ['a', 'b'], { replace: true });
    expect(whole.state.awaiting.size).toBe(0);
    const late = loadPart(whole.state, 15, ['b']);
    expect(late.taken).toEqual([]);
    expect(late.state.loadedAt.get('b')).toBe(20);
  });
});
