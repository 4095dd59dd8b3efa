import { z } from 'zod';
import { ROLES } from '../enums.js';
import { IdSchema, NameSchema, ProvinceCodeSchema, TimestampSchema } from './common.js';

/** Narrow purposes a machine token may have instead of a role's whole API (issue 9). */
export const TOKEN_PURPOSES = ['cap-feed', 'sms-gateway', 'export-reader'] as const;
/** One token purpose. */
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** Roles a token may carry: never admin (a leaked machine credential must not manage users or tokens). */
export const TOKEN_ROLES = ROLES.filter((r) => r !== 'admin') as [
  Exclude<(typeof ROLES)[number], 'admin'>,
  ...Exclude<(typeof ROLES)[number], 'admin'>[],
];

/** Body of POST /api/tokens: a role and scope, or a narrow purpose (whose role defaults to viewer). */
export const ApiTokenCreateSchema = z
  .strictObject({
    name: NameSchema,
    orgId: IdSchema,
    role: z.enum(TOKEN_ROLES).optional(),
    scope: z.array(ProvinceCodeSchema).min(1).max(34).nullable().default(null),
    purpose: z.enum(TOKEN_PURPOSES).nullable().default(null),
    expiresAt: TimestampSchema.nullable().default(null),
  })
  .refine((t) => t.role !== undefined || t.purpose !== null, {
    message: 'give a role or a purpose',
    path: ['role'],
  });
/** Body of POST /api/tokens. */
export type ApiTokenCreate = z.infer<typeof ApiTokenCreateSchema>;

/** A token as GET /api/tokens lists it: never the secret, only its first characters to recognise it. */
export const ApiTokenSchema = z.object({
  id: IdSchema,
  name: z.string(),
  prefix: z.string(),
  orgId: IdSchema,
  role: z.enum(ROLES),
  scope: z.array(z.string()).nullable(),
  purpose: z.enum(TOKEN_PURPOSES).nullable(),
  createdAt: TimestampSchema,
  createdBy: IdSchema.nullable(),
  expiresAt: TimestampSchema.nullable(),
  lastUsedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});
/** A listed API token. */
export type ApiToken = z.infer<typeof ApiTokenSchema>;

/** The reply of POST /api/tokens: the token and, this once, its secret. */
export const ApiTokenCreatedSchema = ApiTokenSchema.extend({ secret: z.string() });
/** A token just created, with its secret. */
export type ApiTokenCreated = z.infer<typeof ApiTokenCreatedSchema>;
