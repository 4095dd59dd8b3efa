import { z } from 'zod';
import { REQUEST_KINDS, REQUEST_PRIORITIES, REQUEST_STATUSES, SECTORS } from '../enums.js';
import { LIMITS } from '../limits.js';
import { IdSchema, ProvinceCodeSchema, RecordMetaSchema, TimestampSchema, patchSchema } from './common.js';
import { ScreenedTextSchema } from './text.js';

/** A request kind. */
export const RequestKindSchema = z.enum(REQUEST_KINDS);
/** A request status. */
export const RequestStatusSchema = z.enum(REQUEST_STATUSES);
/** A request priority. */
export const RequestPrioritySchema = z.enum(REQUEST_PRIORITIES);

/**
 * A coordination request (SPEC 2.6). Deliberately no field for survivor details. `shelterOrgId` is
 * the managing organisation of the linked shelter, kept on the record so visibility depends on the
 * record and the reader alone.
 */
export const CoordinationRequestSchema = RecordMetaSchema.extend({
  kind: RequestKindSchema,
  title: z.string(),
  fromOrgId: IdSchema,
  toOrgId: IdSchema.nullable(),
  toSector: z.enum(SECTORS).nullable(),
  shelterId: IdSchema.nullable(),
  shelterOrgId: IdSchema.nullable(),
  serviceId: IdSchema.nullable(),
  provinceCode: ProvinceCodeSchema,
  priority: RequestPrioritySchema,
  quantity: z.number().int().min(1).nullable(),
  neededBy: TimestampSchema.nullable(),
  status: RequestStatusSchema,
  messageCount: z.number().int().min(0),
  simulated: z.boolean(),
});
/** A coordination request. */
export type CoordinationRequest = z.infer<typeof CoordinationRequestSchema>;

/**
 * Body of POST /api/requests. A shelter manager's request names the shelter; the province then comes
 * from it. Without `toOrgId` or `toSector` the coordination mechanism routes it (issue 13).
 */
export const RequestCreateSchema = z
  .strictObject({
    kind: RequestKindSchema,
    title: ScreenedTextSchema(LIMITS.nameMax),
    toOrgId: IdSchema.nullable().optional(),
    toSector: z.enum(SECTORS).nullable().optional(),
    shelterId: IdSchema.nullable().optional(),
    serviceId: IdSchema.nullable().optional(),
    provinceCode: ProvinceCodeSchema.optional(),
    priority: RequestPrioritySchema.default('routine'),
    quantity: z.number().int().min(1).max(LIMITS.personsMax).nullable().optional(),
    neededBy: TimestampSchema.nullable().optional(),
    /** The first message of the thread. */
    message: ScreenedTextSchema(LIMITS.messageMax).optional(),
  })
  .refine((r) => r.provinceCode !== undefined || r.shelterId != null, {
    message: 'give provinceCode or shelterId',
    path: ['provinceCode'],
  });
/** Body of POST /api/requests. */
export type RequestCreate = z.infer<typeof RequestCreateSchema>;

/** Body of PATCH /api/requests/:id: move the status, assign, or adjust priority, quantity or date. */
export const RequestPatchSchema = patchSchema(
  {
    status: RequestStatusSchema.optional(),
    toOrgId: IdSchema.nullable().optional(),
    toSector: z.enum(SECTORS).nullable().optional(),
    priority: RequestPrioritySchema.optional(),
    quantity: z.number().int().min(1).max(LIMITS.personsMax).nullable().optional(),
    neededBy: TimestampSchema.nullable().optional(),
    /** A message added to the thread with this change (for instance why it was declined). */
    message: ScreenedTextSchema(LIMITS.messageMax).optional(),
  },
  ['message'],
);
/** Body of PATCH /api/requests/:id. */
export type RequestPatch = z.infer<typeof RequestPatchSchema>;

/** One message of a request's thread. */
export const RequestMessageSchema = z.object({
  id: IdSchema,
  requestId: IdSchema,
  orgId: IdSchema.nullable(),
  userId: IdSchema.nullable(),
  text: z.string(),
  createdAt: TimestampSchema,
});
/** One message of a request's thread. */
export type RequestMessage = z.infer<typeof RequestMessageSchema>;

/** Body of POST /api/requests/:id/messages. */
export const RequestMessageCreateSchema = z.strictObject({ text: ScreenedTextSchema(LIMITS.messageMax) });

/** Data of `request:message-added`: the message and the request it belongs to, as the reader may see it. */
export const RequestMessageAddedSchema = z.object({
  request: CoordinationRequestSchema,
  message: RequestMessageSchema,
});
/** Data of `request:message-added`. */
export type RequestMessageAdded = z.infer<typeof RequestMessageAddedSchema>;
