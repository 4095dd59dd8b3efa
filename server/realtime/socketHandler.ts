import type { z } from 'zod';
import type { Ack } from '../../shared/events.js';
import type { ApiError } from '../../shared/schemas/api.js';
import type { Logger } from '../logger.js';
import { isUnavailable } from '../db/db.js';
import { HttpError, invalid } from '../http/errors.js';

/** The ack of a socket command, in the reply envelope. */
export type Reply<T> = (reply: Ack<T>) => void;

/** A failed command's error body: the thrown HttpError's, or unavailable / internal (logged). */
function failure(err: unknown, event: string, log: Logger): ApiError {
  if (err instanceof HttpError) return err.toBody();
  if (isUnavailable(err)) return { code: 'unavailable', message: 'Database unavailable; retry shortly.' };
  log.error({ err: (err as Error).message, event }, `${event} failed`);
  return { code: 'internal', message: `${event[0]!.toUpperCase()}${event.slice(1)} failed.` };
}

/**
 * The one wrapper for socket commands, as `parse` is for HTTP: a command without an ack is
 * ignored; a payload the schema refuses is acked with the same 400 body HTTP validation sends
 * (issues naming each field); a handler that throws or rejects is acked with its error. The
 * handler replies through `ack` itself (it may answer later, or not at all on a closed socket).
 */
export function socketHandler<S extends z.ZodType, T>(
  schema: S,
  fn: (payload: z.infer<S>, ack: Reply<T>) => void | Promise<void>,
  opts: { event: string; log: Logger },
): (payload: unknown, ack: unknown) => void {
  return (payload, ack) => {
    if (typeof ack !== 'function') return;
    const reply = ack as Reply<T>;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return reply({ ok: false, error: invalid(parsed.error, 'payload').toBody() });
    const fail = (err: unknown) => reply({ ok: false, error: failure(err, opts.event, opts.log) });
    try {
      const pending = fn(parsed.data, reply);
      if (pending instanceof Promise) void pending.catch(fail);
    } catch (err) {
      fail(err);
    }
  };
}
