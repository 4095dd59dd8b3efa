import { describe, expect, it, vi } from 'vitest';
import { Server } from 'socket.io';
import type { SyncResult } from '../../../shared/events.js';
import {
  encodeSharedOnce,
  helloReply,
  okReply,
  shareReply,
  withHiddenRuns,
} from '../../../server/realtime/sharedReply.js';

type Encoder = { encode(packet: object): unknown[] };

describe('shared replies', () => {
  // Servers not attached to any HTTP server: only their encoders are used.
  const servers = [new Server(), new Server()];
  const plain = servers[0]!.encoder as Encoder;
  const wrapped = servers[1]!.encoder as Encoder;
  encodeSharedOnce(wrapped);

  const page = () =>
    shareReply(
      Object.freeze({
        reset: false,
        events: Object.freeze([{ seq: 1, type: 'shelter:updated', data: { name: 'Trường "A"', n: 1.5 } }]),
        head: 1,
      }),
    );

  it('encodes a shared reply exactly as the encoder does, for every socket asking', () => {
    const data = page();
    for (const packet of [
      { type: 3, nsp: '/', id: 7, data: [okReply(data)] },
      { type: 3, nsp: '/admin', id: 0, data: [okReply(data)] },
      { type: 2, nsp: '/', data: [data, okReply(data)] },
    ])
      expect(wrapped.encode(packet)).toEqual(plain.encode(packet));
    // One envelope per shared page, so its JSON is made once.
    expect(okReply(data)).toBe(okReply(data));
  });

  it('writes an event of a name and shared values (the hello with a catch-up) from JSON made once', () => {
    // The page's test record is no real change: typed as a sync answer for the hello.
    const data = page() as unknown as SyncResult;
    const hello = helloReply(1, data);
    expect(helloReply(1, data)).toBe(hello);
    expect(hello).toEqual({ protocol: 1, head: 1, catchUp: data, hiddenRuns: true });
    const packet = { type: 2, nsp: '/', data: ['hello', hello] };
    const expected = plain.encode(packet);
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      for (let i = 0; i < 3; i++) expect(wrapped.encode(packet)).toEqual(expected);
      // The hello is turned into JSON once at most, never once per socket.
      const ofHello = stringify.mock.calls.filter(
        ([v]) => v === hello || (Array.isArray(v) && v.includes(hello)),
      );
      expect(ofHello.length).toBeLessThanOrEqual(1);
    } finally {
      stringify.mockRestore();
    }
  });

  it('folds a shared catch-up into runs once, and the folded copy is shared too', () => {
    const events = [1, 2, 3].map((seq) => ({ seq, type: 'hidden' as const }));
    const data = shareReply(
      Object.freeze({ reset: false as const, events: Object.freeze(events) as never, head: 3 }),
    );
    const folded = withHiddenRuns(data);
    expect(withHiddenRuns(data)).toBe(folded);
    expect(folded).toEqual({ reset: false, head: 3, events: [{ seq: 1, type: 'hidden', through: 3 }] });
    expect(Object.isFrozen(folded)).toBe(true);
    expect(okReply(folded)).toBe(okReply(folded));
  });

  it('leaves every other packet to the encoder', () => {
    const unshared = { ok: true, data: { reset: false, events: [], head: 1 } };
    const binary = { type: 2, nsp: '/', data: ['blob', Buffer.from([1, 2])] };
    for (const packet of [
      { type: 3, nsp: '/', id: 1, data: [unshared] },
      { type: 3, nsp: '/', id: 2, data: [okReply(page()), unshared] },
      { type: 0, nsp: '/', data: { sid: 'x' } },
      binary,
    ])
      expect(wrapped.encode(packet)).toEqual(plain.encode(packet));
    expect(okReply(unshared)).not.toBe(okReply(unshared));
  });

  it('refuses to share a value that could still change', () => {
    expect(() => shareReply({ head: 1 })).toThrow(/frozen/);
  });
});
