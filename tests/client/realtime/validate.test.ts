import { describe, expect, it } from 'vitest';
import {
  parseChange,
  parseHello,
  parseSnapshot,
  parseSyncResult,
} from '../../../client/src/realtime/validate.js';
import { buildShelter } from '../../helpers/factories.js';
import { buildAlert, buildGbvAlert, buildMessage, buildRequest, buildService, uid } from '../factories.js';

const by = { userId: null, orgId: null };
const at = '2024-09-07T06:00:00.000Z';

describe('realtime validation', () => {
  it('passes a valid shelter change through', () => {
    const change = { seq: 3, type: 'shelter:updated', data: buildShelter(), at, by };
    expect(parseChange(change)).toEqual(change);
  });

  it('turns an invalid shelter record into a placeholder that keeps its seq', () => {
    expect(
      parseChange({ seq: 4, type: 'shelter:updated', data: { ...buildShelter(), occupancy: -1 }, at, by }),
    ).toEqual({ seq: 4, type: 'hidden' });
  });

  it('drops a change without a usable seq', () => {
    expect(parseChange({ type: 'shelter:updated' })).toBeNull();
    expect(parseChange({ seq: 0, type: 'hidden' })).toBeNull();
    expect(parseChange('x')).toBeNull();
  });

  it('checks records of every domain with their shared schema', () => {
    const service = { seq: 5, type: 'service:availability-changed', data: buildService(), at, by };
    expect(parseChange(service)).toEqual(service);
    const alert = { seq: 6, type: 'alert:created', data: buildAlert(), at, by };
    expect(parseChange(alert)).toEqual(alert);
    const msg = {
      seq: 7,
      type: 'request:message-added',
      data: { request: buildRequest(), message: buildMessage(uid()) },
      at,
      by,
    };
    expect(parseChange(msg)).toEqual(msg);
    expect(parseChange({ seq: 8, type: 'alert:created', data: { id: 'a', title: 'Storm' }, at, by })).toEqual(
      {
        seq: 8,
        type: 'hidden',
      },
    );
  });

  it('turns an unknown change type into a placeholder', () => {
    expect(parseChange({ seq: 9, type: 'thing:happened', data: {}, at, by })).toEqual({
      seq: 9,
      type: 'hidden',
    });
  });

  it('keeps the valid records of a snapshot, drops bad ones, and leaves out keys the role may not read', () => {
    const good = buildService();
    const snap = parseSnapshot({
      seq: 3,
      shelters: [buildShelter(), { id: 'bad' }],
      organisations: [],
      services: [good, { ...buildService(), lat: 'x' }],
      alerts: [buildAlert()],
      requests: [],
      gbvAlerts: [buildGbvAlert()],
    });
    expect(snap?.shelters).toHaveLength(1);
    expect(snap?.services).toEqual([good]);
    expect(snap?.stockTotals).toBeUndefined();
    expect(snap?.incidents).toBeUndefined();
    expect(parseSnapshot({ shelters: [] })).toBeNull();
  });

  it('checks every event of a sync answer and passes a reset through', () => {
    const ok = { seq: 1, type: 'shelter:created', data: buildShelter(), at, by };
    const bad = { seq: 2, type: 'shelter:updated', data: {}, at, by };
    expect(parseSyncResult({ reset: false, head: 2, events: [ok, bad] })).toEqual({
      reset: false,
      head: 2,
      events: [ok, { seq: 2, type: 'hidden' }],
    });
    expect(parseSyncResult({ reset: true, head: 9000 })).toEqual({ reset: true, head: 9000 });
    expect(parseSyncResult({ events: [] })).toBeNull();
  });
  it('unfolds placeholder runs into one placeholder per seq, and refuses an answer with a malformed run', () => {
    const change = { seq: 14, type: 'shelter:updated', data: buildShelter(), at, by };
    const folded = {
      reset: false,
      head: 16,
      events: [{ seq: 11, type: 'hidden', through: 13 }, change, { seq: 15, type: 'hidden', through: 16 }],
    };
    expect(parseSyncResult(folded)).toEqual({
      reset: false,
      head: 16,
      events: [11, 12, 13]
        .map((seq) => ({ seq, type: 'hidden' }))
        .concat(
          [change as never],
          [15, 16].map((seq) => ({ seq, type: 'hidden' })),
        ),
    });
    // Its seqs unknown, the answer is not taken (the client asks again), rather than leaving a gap.
    expect(parseSyncResult({ ...folded, events: [{ seq: 11, type: 'hidden', through: 10 }] })).toBeNull();
    expect(parseSyncResult({ ...folded, events: [{ seq: 1, type: 'hidden', through: 1e9 }] })).toBeNull();
    // The hello's offer is kept, and its catch-up unfolded the same way.
    expect(parseHello({ protocol: 1, head: 16, hiddenRuns: true, catchUp: folded })).toMatchObject({
      hiddenRuns: true,
      catchUp: { events: expect.arrayContaining([{ seq: 12, type: 'hidden' }]) as unknown },
    });
  });
});
