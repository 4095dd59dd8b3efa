import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { UserCreateSchema, UserPatchSchema, type User } from '../../../shared/schemas/auth.js';
import { viewerOf } from '../../http/validate.js';
import { badField, forbidden, HttpError, notFound } from '../../http/errors.js';
import { IdParams, read, route } from '../../http/route.js';
import { hashPassword } from '../../auth/password.js';
import { passwordProblem } from '../../auth/passwordPolicy.js';
import { deleteUserSessions } from '../../auth/sessions.js';
import type { Queryable } from '../../db/db.js';
import type { Role } from '../../../shared/enums.js';
import { managesUsers } from '../../../shared/domain/permissions.js';
import { organisationExists } from '../organisations/organisations.repo.js';
import { insertUserRow, listUsers, phoneTaken, updateUser } from './users.repo.js';
import { toE164 } from '../sms/phone.js';

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
  const user = await insertUserRow(q, { ...u, passwordHash: await hashPassword(u.password) });
  if (!user)
    throw new HttpError(409, 'conflict', 'This username is taken.', [
      { path: 'username', message: 'already taken' },
    ]);
  return user;
}

/** /api/users: admin only. Users are not broadcast; the admin reads them here. */
export function userRoutes(ctx: Ctx): Router {
  const r = Router();
  r.use((_req, res, next) => {
    if (!managesUsers(viewerOf(res))) return next(forbidden('Only an admin manages users.'));
    next();
  });
  r.get(
    '/',
    read({}, async () => {
      return listUsers(ctx.db);
    }),
  );
  r.post(
    '/',
    route({ body: UserCreateSchema }, async ({ body: input, viewer, idem }) => {
      if (input.scope?.some((c) => !ctx.areas.province(c))) throw badField('scope', 'unknown province code');
      if (!(await organisationExists(ctx.db, input.orgId))) throw badField('orgId', 'unknown organisation');
      // Through the writer for its Idempotency-Key: a retry after a lost reply gets the same user, not a 409.
      return ctx.writer.write(viewer, idem, async (q) => ({
        status: 201,
        body: await insertUser(q, input),
        events: [],
      }));
    }),
  );
  // Disabling a user, or giving them another role or scope, ends their sessions and closes their
  // sockets on every process at once: what they could read a moment ago they may not read now.
  r.patch(
    '/:id',
    read({ params: IdParams, body: UserPatchSchema }, async ({ params: { id }, body: input }) => {
      if (input.scope?.some((c) => !ctx.areas.province(c))) throw badField('scope', 'unknown province code');
      const phone = input.phone ? toE164(input.phone) : null;
      if (input.phone && !phone) throw badField('phone', 'must be a phone number, e.g. +84912345678');
      if (phone && (await phoneTaken(ctx.db, phone, id)))
        throw new HttpError(409, 'conflict', 'This phone number belongs to another user.', [
          { path: 'phone', message: 'already registered to another user' },
        ]);
      const updated = await ctx.db.tx(async (q) => {
        const user = await updateUser(q, id, {
          ...input,
          ...(input.phone !== undefined ? { phone } : {}),
        });
        if (!user) throw notFound('user');
        const tightened = input.disabled === true || input.role !== undefined || input.scope !== undefined;
        if (tightened) await deleteUserSessions(q, id);
        return { user, tightened };
      });
      if (updated.tightened) await ctx.revocations.revoke({ userId: id });
      return updated.user;
    }),
  );
  return r;
}
