import type { ApiError, Envelope } from '../../../shared/schemas/api.js';

/** A reply in the shared envelope plus the HTTP status (0 when the request never reached the server). */
export type ApiReply<T> = Envelope<T> & { status: number };

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  /**
   * Reused on retry so the server applies a write once. When omitted, the key kept for this logical
   * action is used (see actionKeys): the same request sent again after no answer, a 503 or an
   * unknown outcome carries the same key; once it is answered, the next one gets a new key.
   */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

const listeners = new Set<() => void>();

/** Called whenever the server answers 401, so the shell can show the sign-in form again. */
export function onUnauthenticated(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A new idempotency key for one logical write. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** The most actions kept waiting for an answer (an abandoned form's key is dropped past this). */
const MAX_KEPT_ACTIONS = 200;

/**
 * One idempotency key per logical action. An action is a write's method, path and body: sending
 * the same one again (a form submitted again after "no connection" or "may have been saved")
 * reuses its key, so the server stores it once; a changed body or a new submission after an
 * answer is a new action with a new key.
 */
export class ActionKeys {
  private readonly keys = new Map<string, string>();

  constructor(private readonly make: () => string = newIdempotencyKey) {}

  private static id(method: string, path: string, body: unknown): string {
    return `${method} ${path} ${JSON.stringify(body ?? null)}`;
  }

  /** The key for this action: the kept one while it waits for an answer, else a new one. */
  keyFor(method: string, path: string, body: unknown): string {
    const id = ActionKeys.id(method, path, body);
    let key = this.keys.get(id);
    if (!key) {
      key = this.make();
      this.keys.set(id, key);
      if (this.keys.size > MAX_KEPT_ACTIONS) this.keys.delete(this.keys.keys().next().value!);
    }
    return key;
  }

  /** Record the reply: a retryable one keeps the key for the next attempt, any other answer ends the action. */
  settle(method: string, path: string, body: unknown, reply: { ok: boolean; status: number }): void {
    if (!isRetryable(reply)) this.keys.delete(ActionKeys.id(method, path, body));
  }

  /** Actions still waiting for an answer. */
  get size(): number {
    return this.keys.size;
  }
}

/** The app's kept keys, used by every write that does not bring its own key. */
export const actionKeys = new ActionKeys();

function failure(status: number, code: ApiError['code'], message: string): ApiReply<never> {
  return { ok: false, status, error: { code, message } };
}

/**
 * True when the write may be retried later with the same key: no answer, the server was
 * unavailable, or the outcome is unknown (503 outcome_unknown).
 */
export function isRetryable(reply: { ok: boolean; status: number }): boolean {
  return (
    !reply.ok && (reply.status === 0 || reply.status === 502 || reply.status === 503 || reply.status === 504)
  );
}

/** One JSON request to the same-origin API. Never throws: network failures come back as status 0. */
export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<ApiReply<T>> {
  const kept = method !== 'GET' && options.idempotencyKey === undefined;
  const reply = await send<T>(method, path, body, {
    ...options,
    idempotencyKey: kept ? actionKeys.keyFor(method, path, body) : options.idempotencyKey,
  });
  if (kept) actionKeys.settle(method, path, body, reply);
  return reply;
}

async function send<T>(
  method: Method,
  path: string,
  body: unknown,
  options: RequestOptions,
): Promise<ApiReply<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['Idempotency-Key'] = options.idempotencyKey ?? newIdempotencyKey();
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (err) {
    const aborted = err instanceof DOMException && err.name === 'AbortError';
    return failure(0, 'unavailable', aborted ? 'aborted' : 'network');
  }
  let parsed: unknown;
  try {
    parsed = await res.json();
  } catch {
    return failure(res.status, res.status >= 500 ? 'unavailable' : 'internal', `HTTP ${res.status}`);
  }
  if (res.status === 401) for (const l of listeners) l();
  if (isEnvelope<T>(parsed)) return { ...parsed, status: res.status };
  return failure(res.status, 'internal', `HTTP ${res.status}`);
}

function isEnvelope<T>(value: unknown): value is Envelope<T> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; data?: unknown; error?: unknown };
  return v.ok === true ? 'data' in v : v.ok === false && typeof v.error === 'object' && v.error !== null;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

/** The URL of one record under a collection, with the id encoded once: `recordUrl('/api/requests')(id, '/messages')`. */
export const recordUrl =
  (collection: string) =>
  (id: string, sub = ''): string =>
    `${collection}/${encodeURIComponent(id)}${sub}`;
