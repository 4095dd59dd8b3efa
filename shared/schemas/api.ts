import { z } from 'zod';

/** One validation problem, naming the field by its path. */
export const IssueSchema = z.object({ path: z.string(), message: z.string() });
/** One validation problem. */
export type Issue = z.infer<typeof IssueSchema>;

/** Error codes every reply may carry. */
export const ERROR_CODES = [
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'idempotency_mismatch',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  // The server is at capacity for this kind of work (e.g. password checks): retry in a moment.
  'busy',
  // A write or socket from a page on another origin (Origin/Referer not allowed).
  'forbidden_origin',
  'unavailable',
  'outcome_unknown',
  // An import with refused rows (and skipInvalid not asked): nothing stored; the report comes with it.
  'import_refused',
  'internal',
] as const;

/** The error half of the reply envelope. */
export const ApiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.array(IssueSchema).optional(),
  current: z.unknown().optional(),
  /** An import's report (with `import_refused`). */
  report: z.unknown().optional(),
});
/** An error reply body. */
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** The reply envelope: `{ ok: true, data }` or `{ ok: false, error }`. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Turn a zod error into issues that name each field by its dotted path. */
export function zodIssues(error: z.ZodError): Issue[] {
  const join = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join('.') : '(root)');
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: join([...i.path, k]), message: 'unknown field' }))
      : [{ path: join(i.path), message: i.message }],
  );
}
