import { z } from 'zod';
import { TimestampSchema } from './common.js';

/** Where a running replay is in its scenario: its name and the scenario time it has reached. */
export const DemoClockSchema = z.strictObject({
  scenario: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[\p{L}\p{N} .()-]+$/u, 'letters, digits, spaces and . ( ) - only'),
  at: TimestampSchema,
});
/** The scenario clock (body of POST /api/demo/clock). */
export type DemoClock = z.infer<typeof DemoClockSchema>;

/** GET /api/demo: whether the server runs the demo, and the clock of a replay in progress. */
export const DemoInfoSchema = z.object({
  demo: z.boolean(),
  clock: DemoClockSchema.nullable(),
});
/** What GET /api/demo answers. */
export type DemoInfo = z.infer<typeof DemoInfoSchema>;
