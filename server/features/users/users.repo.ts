import { sql, type Selectable } from 'kysely';
import type { Queryable } from '../../db/db.js';
import { all, first, qb } from '../../db/query.js';
import type { UsersTable } from '../../db/schema.access.js';
import type { User } from '../../../shared/schemas/auth.js';
import type { Role } from '../../../shared/enums.js';

type UserRow = Selectable<UsersTable>;

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  orgId: r.org_id,
  scope: r.scope,
  disabled: r.disabled,
  phone: r.phone,
  createdAt: r.created_at.toISOString(),
});

/** Insert a user with a hashed password; null when the username is taken. */
export async function insertUserRow(
  q: Queryable,
  u: {
    username: string;
    displayName: string;
    passwordHash: string;
    role: Role;
    orgId: string;
    scope: string[] | null;
  },
): Promise<User | null> {
  const row = await first(
    q,
    qb
      .insertInto('users')
      .values({
        username: u.username,
        display_name: u.displayName,
        password_hash: u.passwordHash,
        role: u.role,
        org_id: u.orgId,
        scope: u.scope,
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returningAll(),
  );
  return row ? toUser(row) : null;
}

/** Every user by username. */
export async function listUsers(q: Queryable): Promise<User[]> {
  return (await all(q, qb.selectFrom('users').selectAll().orderBy('username'))).map(toUser);
}

/** True when a user has this username. */
export async function usernameExists(q: Queryable, username: string): Promise<boolean> {
  return !!(await first(q, qb.selectFrom('users').select('id').where('username', '=', username)));
}

/** What sign-in checks: the id, the password hash and whether the user is disabled. */
export function userForLogin(
  q: Queryable,
  username: string,
): Promise<{ id: string; password_hash: string; disabled: boolean } | undefined> {
  return first(
    q,
    qb.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('username', '=', username),
  );
}

/** Set the given fields of a user (a `scope` of null clears it; undefined leaves it); null when there is no such user. */
export async function updateUser(
  q: Queryable,
  id: string,
  p: { disabled?: boolean; role?: Role; scope?: string[] | null; phone?: string | null },
): Promise<User | null> {
  const row = await first(
    q,
    qb
      .updateTable('users')
      .set({
        ...(p.disabled !== undefined ? { disabled: p.disabled } : {}),
        ...(p.role !== undefined ? { role: p.role } : {}),
        ...(p.scope !== undefined ? { scope: p.scope } : {}),
        ...(p.phone !== undefined ? { phone: p.phone } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .returningAll(),
  );
  return row ? toUser(row) : null;
}

/** True when another user has this phone number. */
export async function phoneTaken(q: Queryable, phone: string, exceptId: string): Promise<boolean> {
  return !!(await first(
    q,
    qb.selectFrom('users').select('id').where('phone', '=', phone).where('id', '<>', exceptId),
  ));
}
