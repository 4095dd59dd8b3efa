import { z } from 'zod';
import { LIMITS } from '../limits.js';
import {
  COORDINATION_FUNCTIONS,
  isVietnameseMobile,
  ROLE_LEVELS,
  ROLE_STATES,
} from '../domain/coordination.js';
import {
  IdSchema,
  ProvinceCodeSchema,
  RecordMetaSchema,
  RolePhoneSchema,
  TimestampSchema,
  patchSchema,
} from './common.js';
import { ScreenedTextSchema } from './text.js';

/** A function of the coordination mechanism. */
export const CoordinationFunctionSchema = z.enum(COORDINATION_FUNCTIONS);

/**
 * A role contact: a duty desk's name and its role phone (a switchboard, a hotline, a duty line),
 * never a personal mobile, so a person's number never sits on a printed matrix.
 */
export const RoleContactSchema = z.strictObject({
  desk: ScreenedTextSchema(LIMITS.nameMax),
  phone: RolePhoneSchema.refine(
    (p) => !isVietnameseMobile(p),
    'must be a role phone or duty desk line, not a personal mobile',
  ),
});
/** A role contact. */
export type RoleContact = z.infer<typeof RoleContactSchema>;

/** Who leads one function nationally or in one province, who supports, and how to reach the role (issue 13). */
export const CoordinationRoleSchema = RecordMetaSchema.extend({
  function: CoordinationFunctionSchema,
  level: z.enum(ROLE_LEVELS),
  /** Null for a national role. */
  provinceCode: ProvinceCodeSchema.nullable(),
  /** Null while nobody leads it: a gap. */
  leadOrgId: IdSchema.nullable(),
  supportOrgIds: z.array(IdSchema),
  contact: RoleContactSchema.nullable(),
  state: z.enum(ROLE_STATES),
  lastReviewedAt: TimestampSchema.nullable(),
});
/** A coordination role. */
export type CoordinationRole = z.infer<typeof CoordinationRoleSchema>;

const SupportOrgIds = z.array(IdSchema).max(20);

/** Body of POST /api/coordination-roles. */
export const CoordinationRoleCreateSchema = z
  .strictObject({
    function: CoordinationFunctionSchema,
    level: z.enum(ROLE_LEVELS),
    provinceCode: ProvinceCodeSchema.nullable().default(null),
    leadOrgId: IdSchema.nullable().default(null),
    supportOrgIds: SupportOrgIds.default([]),
    contact: RoleContactSchema.nullable().default(null),
    state: z.enum(ROLE_STATES).default('standby'),
    lastReviewedAt: TimestampSchema.nullable().default(null),
  })
  .refine((r) => (r.level === 'national') === (r.provinceCode === null), {
    message: 'a national role has no province; a province role names its province',
    path: ['provinceCode'],
  });
/** Body of POST /api/coordination-roles. */
export type CoordinationRoleCreate = z.infer<typeof CoordinationRoleCreateSchema>;

/** Body of PATCH /api/coordination-roles/:id: who leads and supports, the contact, the state, the review. */
export const CoordinationRolePatchSchema = patchSchema({
  leadOrgId: IdSchema.nullable().optional(),
  supportOrgIds: SupportOrgIds.optional(),
  contact: RoleContactSchema.nullable().optional(),
  state: z.enum(ROLE_STATES).optional(),
  lastReviewedAt: TimestampSchema.nullable().optional(),
});
/** Body of PATCH /api/coordination-roles/:id. */
export type CoordinationRolePatch = z.infer<typeof CoordinationRolePatchSchema>;
