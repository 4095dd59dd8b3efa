import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { socketHandler } from '../../../server/realtime/socketHandler.js';
import { parse } from '../../../server/http/validate.js';
import { HttpError } from '../../../server/http/errors.js';
import { DbUnavailableError } from '../../../server/db/db.js';
import type { Logger } from '../../../server/logger.js';
import type { Ack } from '../../../shared/events.js';

const Schema = z.strictObject({ afterSeq: z.number().int().min(0) });
const log = () => ({ error: vi.fn() }) as unknown as Logger & { error: ReturnType<typeof vi.fn> };

/** Call a handler and resolve with its first ack. */
function call(h: (p: unknown, ack: unknown) => void, payload: unknown) {
  return new Promise<Ack<unknown>>((resolve) => h(payload, resolve));
}

describe('socketHandler', () => {
  it('acks a refused payload with the body HTTP validation sends, naming each field', async () => {
    const fn = vi.fn();
    const h = socketHandler(Schema, fn, { event: 'sync', log: log() });
    const bad = { afterSeq: -1, extra: 1 };
    const reply = await call(h, bad);
    let http: unknown;
    try {
      parse(Schema, bad, 'payload');
    } catch (err) {
      http = (err as HttpError).toBody();
    }
    expect(reply).toEqual({ ok: false, error: http });
    expect(reply).toMatchObject({
      error: {
        code: 'bad_request',
        issues: expect.arrayContaining([
          expect.objectContaining({ path: 'afterSeq' }),
          { path: 'extra', message: 'unknown field' },
        ]) as unknown,
      },
    });
    expect(fn).not.toHaveBeenCalled();
  });

  it('ignores a command sent without an ack', () => {
    const fn = vi.fn();
    socketHandler(Schema, fn, { event: 'sync', log: log() })({ afterSeq: 1 }, undefined);
    expect(fn).not.toHaveBeenCalled();
  });

  it('hands the parsed payload to the handler, which replies itself', async () => {
    const h = socketHandler<typeof Schema, number>(
      Schema,
      (p, ack) => ack({ ok: true, data: p.afterSeq + 1 }),
      {
        event: 'sync',
        log: log(),
      },
    );
    expect(await call(h, { afterSeq: 4 })).toEqual({ ok: true, data: 5 });
  });

  it('acks a thrown HttpError with its body, an unavailable database as unavailable', async () => {
    const refused = socketHandler(
      Schema,
      () => {
        throw new HttpError(403, 'forbidden', 'no');
      },
      { event: 'sync', log: log() },
    );
    expect(await call(refused, { afterSeq: 0 })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'no' },
    });
    const down = socketHandler(Schema, () => Promise.reject(new DbUnavailableError('x')), {
      event: 'sync',
      log: log(),
    });
    expect(await call(down, { afterSeq: 0 })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'Database unavailable; retry shortly.' },
    });
  });

  it('logs any other failure and acks it as internal without its message', async () => {
    const l = log();
    const h = socketHandler(Schema, () => Promise.reject(new Error('secret detail')), {
      event: 'sync',
      log: l,
    });
    expect(await call(h, { afterSeq: 0 })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Sync failed.' },
    });
    expect(l.error).toHaveBeenCalledWith({ err: 'secret detail', event: 'sync' }, 'sync failed');
  });
});
