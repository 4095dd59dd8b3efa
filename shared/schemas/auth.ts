import { z } from 'zod';
import { ORG_KINDS, ROLES, SECTORS } from '../enums.js';
import { LIMITS } from '../limits.js';
import { IdSchema, NameSchema, ProvinceCodeSchema, RecordMetaSchema } from './common.js';

/** A role. */
export const RoleSchema = z.enum(ROLES);

/** Body of POST /api/auth/login. */
export const LoginSchema = z.strictObject({
  username: z.string().trim().min(LIMITS.usernameMin).max(LIMITS.usernameMax),
  password: z.string().min(1).max(LIMITS.passwordMax),
});

/** Province scope: a list of province codes, or null for national scope. */
export const ScopeSchema = z.array(ProvinceCodeSchema).min(1).max(LIMITS.provincesMax).nullable();

/** The signed-in user as returned by GET /api/me. */
export const MeSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  orgId: IdSchema,
  orgName: z.string(),
  scope: ScopeSchema,
});
/** The signed-in user. */
export type Me = z.infer<typeof MeSchema>;

/** An organisation (SPEC 2.1). */
export const OrganisationSchema = RecordMetaSchema.extend({
  name: NameSchema,
  acronym: z.string().trim().max(LIMITS.acronymMax).nullable(),
  kind: z.enum(ORG_KINDS),
  sectors: z.array(z.enum(SECTORS)),
});
/** An organisation. */
export type Organisation = z.infer<typeof OrganisationSchema>;

/** Body of POST /api/organisations (admin). */
export const OrganisationCreateSchema = z.strictObject({
  name: NameSchema,
  acronym: z.string().trim().min(1).max(LIMITS.acronymMax).nullable().optional(),
  kind: z.enum(ORG_KINDS),
  sectors: z.array(z.enum(SECTORS)).max(SECTORS.length).default([]),
});

/** A user account as the admin sees it (never the password hash). */
export const UserSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  orgId: IdSchema,
  scope: ScopeSchema,
  disabled: z.boolean(),
  /** The number the user reports from by SMS (E.164); only the admin ever sees it. */
  phone: z.string().nullable(),
  createdAt: z.string(),
});
/** A user account. */
export type User = z.infer<typeof UserSchema>;

/** Body of POST /api/users (admin). */
export const UserCreateSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .min(LIMITS.usernameMin)
    .max(LIMITS.usernameMax)
    .regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, dot, dash and underscore only'),
  displayName: NameSchema,
  // The length is checked here too so forms can say it; the server also refuses common passwords.
  password: z
    .string()
    .min(LIMITS.passwordMin, `must be at least ${LIMITS.passwordMin} characters`)
    .max(LIMITS.passwordMax),
  role: RoleSchema,
  orgId: IdSchema,
  scope: ScopeSchema.default(null),
});

/**
 * Body of PATCH /api/users/:id (admin): disable or enable, change the role or the scope. Any change
 * but enabling ends the user's sessions on every process.
 */
export const UserPatchSchema = z
  .strictObject({
    disabled: z.boolean().optional(),
    role: RoleSchema.optional(),
    scope: ScopeSchema.optional(),
    /** The SMS number, as typed (`0912 345 678` or `+84912345678`); stored as E.164. Null removes it. */
    phone: z.string().trim().min(1).max(LIMITS.phoneMax).nullable().optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: 'give disabled, role, scope or phone',
    path: ['disabled'],
  });
/** Body of PATCH /api/users/:id. */
export type UserPatch = z.infer<typeof UserPatchSchema>;
