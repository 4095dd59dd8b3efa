import type { z } from 'zod';
import { zodIssues, type ApiError, type Issue } from '../../shared/schemas/api.js';

/** An error with an HTTP status and the envelope's error body; services throw it, the edge answers it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiError['code'],
    message: string,
    readonly issues?: Issue[],
    readonly current?: unknown,
  ) {
    super(message);
  }

  toBody(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.current !== undefined ? { current: this.current } : {}),
    };
  }
}

/** 400 naming one field. */
export const badField = (path: string, message: string): HttpError =>
  new HttpError(400, 'bad_request', `${path}: ${message}`, [{ path, message }]);
/** 403. */
export const forbidden = (message = 'Your role may not do this.'): HttpError =>
  new HttpError(403, 'forbidden', message);
/** 404. */
export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`);

/**
 * A zod failure as a 400 whose issues name each field: the one formatter of HTTP validation
 * (`parse`) and socket commands (`socketHandler`).
 */
export function invalid(error: z.ZodError, where: 'body' | 'query' | 'params' | 'payload'): HttpError {
  const issues = zodIssues(error);
  const summary = issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  return new HttpError(400, 'bad_request', `Invalid ${where}: ${summary}`, issues);
}
