import { z } from 'zod';
import { REQUEST_PRIORITIES } from '../enums.js';
import { LIMITS } from '../limits.js';
import { IdSchema, TimestampSchema } from './common.js';
import { ScreenedTextSchema } from './text.js';
import { RiskAlertSchema } from './alerts.js';
import { CoordinationRequestSchema } from './requests.js';
import { GbvAlertSchema } from './services.js';

/** How far back a brief may look (a week covers any shift pattern). */
export const HANDOVER_MAX_HOURS = 7 * 24;

/** Query of GET /api/handover: the start of the shift being handed over (default 12 hours ago; on a demo server not before its seed). */
export const HandoverQuerySchema = z.strictObject({
  since: TimestampSchema.optional(),
});

/** Body of POST /api/handover/notes: a note for the next shift, screened like all free text. */
export const HandoverNoteCreateSchema = z.strictObject({
  text: ScreenedTextSchema(LIMITS.messageMax),
});

/** The key figures of a brief, at one moment. */
export const HandoverFiguresSchema = z.object({
  peopleSheltered: z.number().int().min(0),
  sheltersOpen: z.number().int().min(0),
  sheltersFull: z.number().int().min(0),
  sheltersDamaged: z.number().int().min(0),
  sheltersStale: z.number().int().min(0),
  servicesDown: z.number().int().min(0),
  openRequests: z.object(
    Object.fromEntries(REQUEST_PRIORITIES.map((p) => [p, z.number().int().min(0)])) as {
      [K in (typeof REQUEST_PRIORITIES)[number]]: z.ZodNumber;
    },
  ),
});
/** Key figures at one moment. */
export type HandoverFigures = z.infer<typeof HandoverFiguresSchema>;

const Named = z.object({ id: IdSchema, name: z.string(), lastReportedAt: TimestampSchema });

/** A note for the next shift. */
export const HandoverNoteSchema = z.object({
  id: IdSchema,
  at: TimestampSchema,
  by: z.string(),
  text: z.string(),
});
/** A note for the next shift. */
export type HandoverNote = z.infer<typeof HandoverNoteSchema>;

/** A request that moved during the shift: from which status to which. */
const MovedSchema = z.object({
  request: CoordinationRequestSchema,
  from: z.string().nullable(),
  to: z.string(),
  at: TimestampSchema,
});

/** The shift handover brief: only what the reader may read (SPEC 3, 6). */
export const HandoverSchema = z.object({
  preparedAt: TimestampSchema,
  preparedBy: z.object({ name: z.string(), org: z.string(), role: z.string() }),
  since: TimestampSchema,
  figures: z.object({ now: HandoverFiguresSchema, since: HandoverFiguresSchema }),
  alerts: z.object({
    inForce: z.array(RiskAlertSchema.extend({ changedSince: z.boolean(), newSince: z.boolean() })),
    endedSince: z.array(RiskAlertSchema),
  }),
  /** Absent for roles that do not read requests (partner viewers). */
  requests: z
    .object({
      opened: z.array(CoordinationRequestSchema),
      moved: z.array(MovedSchema),
      overdue: z.array(CoordinationRequestSchema),
    })
    .optional(),
  /** Time-critical GBV alerts not yet acknowledged; absent for roles that may not see them. */
  gbvAlerts: z.array(GbvAlertSchema).optional(),
  stale: z.object({ shelters: z.array(Named), services: z.array(Named) }),
  notes: z.array(HandoverNoteSchema),
});
/** The shift handover brief. */
export type Handover = z.infer<typeof HandoverSchema>;
