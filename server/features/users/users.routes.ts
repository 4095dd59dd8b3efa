import { Router } from 'express';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { UserCreateSchema, type User } from '../../../shared/schemas/auth.js';
import { IdSchema } from '../../../shared/schemas/common.js';
import { parse, send, viewerOf } from '../../http/validate.js';
import { badField, forbidden, HttpError, notFound } from '../../http/errors.js';
import { hashPassword } from '../../auth/password.js';
import { passwordProblem } from '../../auth/passwordPolicy.js';
import { forgetCachedSessions } from '../../auth/sessions.js';
import type { Queryable } from '../../db/db.js';
import type { Role } from '../../../shared/enums.js';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  org_id: string;
  scope: string[] | null;
  disabled: boolean;
  created_at: Date;
}
const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  orgId: r.org_id,
  scope: r.scope,
  disabled: r.disabled,
  createdAt: r.created_at.toISOString(),
});

/**
 * Create a user (used by the admin API, the CLI and the demo seed). The password policy applies
 * unless the caller is the demo seed, whose users keep the published password `demo` (SPEC 9).
 */
export async function insertUser(
  q: Queryable,
  u: {
    username: string;
    displayName: string;
    password: string;
    role: Role;
    orgId: string;
    scope: string[] | null;
  },
  opts: { demoSeed?: boolean } = {},
): Promise<User> {
  if (!opts.demoSeed) {
    const problem = passwordProblem(u.password, [u.username, u.displayName]);
    if (problem) throw badField('password', problem);
  }
  const { rows } = await q.query<UserRow>(
    `INSERT INTO users (username, display_name, password_hash, role, org_id, scope) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (username) DO NOTHING RETURNING *`,
    [u.username, u.displayName, await hashPassword(u.password), u.role, u.orgId, u.scope],
  );
  if (!rows[0])
    throw new HttpError(409, 'conflict', 'This username is taken.', [
      { path: 'username', message: 'already taken' },
    ]);
  return toUser(rows[0]);
}

const PatchSchema = z.strictObject({ disabled: z.boolean() });

/** /api/users: admin only. Users are not broadcast; the admin reads them here. */
export function userRoutes(ctx: Ctx): Router {
  const r = Router();
  r.use((_req, res, next) => {
    if (viewerOf(res).role !== 'admin') return next(forbidden('Only an admin manages users.'));
    next();
  });
  r.get('/', async (_req, res) => {
    const { rows } = await ctx.db.query<UserRow>('SELECT * FROM users ORDER BY username');
    send(res, 200, rows.map(toUser));
  });
  r.post('/', async (req, res) => {
    const input = parse(UserCreateSchema, req.body, 'body');
    if (input.scope?.some((c) => !ctx.areas.province(c))) throw badField('scope', 'unknown province code');
    const { rows } = await ctx.db.query('SELECT 1 FROM organisations WHERE id = $1', [input.orgId]);
    if (!rows.length) throw badField('orgId', 'unknown organisation');
    send(res, 201, await insertUser(ctx.db, input));
  });
  r.patch('/:id', async (req, res) => {
    const { id } = parse(z.object({ id: IdSchema }), req.params, 'params');
    const input = parse(PatchSchema, req.body, 'body');
    const { rows } = await ctx.db.query<UserRow>(
      'UPDATE users SET disabled = $2, updated_at = now() WHERE id = $1 RETURNING *',
      [id, input.disabled],
    );
    if (!rows[0]) throw notFound('user');
    if (input.disabled) {
      await ctx.db.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      forgetCachedSessions(ctx.db);
    }
    send(res, 200, toUser(rows[0]));
  });
  return r;
}
