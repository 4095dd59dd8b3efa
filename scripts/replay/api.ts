import { DemoInfoSchema, type DemoClock, type DemoInfo } from '../../shared/schemas/demo.js';
import { ReplayError } from './errors.js';

/** An answer in the API's envelope. */
export interface Answer {
  status: number;
  ok: boolean;
  data: unknown;
  error: { code?: string; message?: string; issues?: { path: string; message: string }[] } | null;
}

async function call(
  base: string,
  method: string,
  path: string,
  opts: { cookie?: string; body?: unknown; idem?: string } = {},
) {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.idem ? { 'idempotency-key': opts.idem } : {}),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new ReplayError(
      `Cannot reach the server at ${base} (${cause}). Is it running? Start it with npm start.`,
    );
  }
  const text = await res.text();
  let body: { ok?: boolean; data?: unknown; error?: Answer['error'] } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    /* not JSON: reported through the status */
  }
  return {
    res,
    answer: { status: res.status, ok: body.ok === true, data: body.data, error: body.error ?? null },
  };
}

/** Ask the server whether it runs the demo; refuse anything else. */
export async function checkDemo(base: string): Promise<DemoInfo> {
  const { answer } = await call(base, 'GET', '/api/demo');
  const info = DemoInfoSchema.safeParse(answer.data);
  if (answer.status !== 200 || !info.success)
    throw new ReplayError(
      `The server at ${base} does not answer GET /api/demo (status ${answer.status}): it is not a Safe Haven Ops server with the demo.`,
    );
  if (!info.data.demo)
    throw new ReplayError(
      `The server at ${base} does not run the demo (DEMO is off): refusing to write a scenario into a real database.`,
    );
  return info.data;
}

/** A signed-in demo user. */
export interface Session {
  username: string;
  request(method: string, path: string, body?: unknown, idem?: string): Promise<Answer>;
}

/** Sign in as a demo user. */
export async function signIn(base: string, username: string, password: string): Promise<Session> {
  const { res, answer } = await call(base, 'POST', '/api/auth/login', { body: { username, password } });
  if (answer.status !== 200)
    throw new ReplayError(
      `Sign-in as the demo user "${username}" was refused (${answer.status} ${answer.error?.message ?? ''}). ` +
        'Restore the demo with npm run demo:reset.',
    );
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return {
    username,
    request: async (method, path, body, idem) =>
      (await call(base, method, path, { cookie, body, idem })).answer,
  };
}

/** Tell the server (and through it every ops screen) where the scenario is. Best effort. */
export async function postClock(ops: Session, clock: DemoClock): Promise<void> {
  const a = await ops.request('POST', '/api/demo/clock', clock);
  if (!a.ok)
    throw new ReplayError(`The server refused the scenario clock (${a.status} ${a.error?.message ?? ''}).`);
}

/** One line naming what the server refused and why. */
export function describeRefusal(a: Answer): string {
  const issues = (a.error?.issues ?? []).map((i) => `${i.path}: ${i.message}`).join('; ');
  return `${a.status} ${a.error?.code ?? ''} ${a.error?.message ?? ''}${issues ? ` (${issues})` : ''}`.trim();
}
