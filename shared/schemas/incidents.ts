import { z } from 'zod';
import { INCIDENT_AGE_BANDS, INCIDENT_SETTINGS, INCIDENT_TYPES, ROLES, SURVIVOR_SEXES } from '../enums.js';
import { LIMITS } from '../limits.js';
import { CommuneCodeSchema, IdSchema, ProvinceCodeSchema, TimestampSchema } from './common.js';

const Count = z.number().int().min(0).max(LIMITS.incidentCountMax);
const countsOf = <K extends string>(keys: readonly K[]) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, Count])) as Record<K, typeof Count>);
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** A month `YYYY-MM` or an ISO week `YYYY-Www`. */
export const PeriodSchema = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])$|^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
    'must be a month (2024-09) or an ISO week (2024-W36)',
  );

/** Raw counts for one area and period; every breakdown sums to the total. */
export const IncidentCountsSchema = z
  .strictObject({
    total: Count,
    byType: countsOf(INCIDENT_TYPES),
    bySex: countsOf(SURVIVOR_SEXES),
    byAge: countsOf(INCIDENT_AGE_BANDS),
    bySetting: countsOf(INCIDENT_SETTINGS),
    within72h: Count,
  })
  .superRefine((c, ctx) => {
    for (const k of ['byType', 'bySex', 'byAge', 'bySetting'] as const) {
      if (sum(c[k]) !== c.total)
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: `must sum to the total (${c.total}), not ${sum(c[k])}`,
        });
    }
    if (c.within72h > c.total)
      ctx.addIssue({ code: 'custom', path: ['within72h'], message: 'more than the total' });
  });

/**
 * Body of POST /api/incident-reports: counts per area and period (SPEC 2.4), never individual
 * records. The reporting organisation is the sender's and is never shown or exported.
 */
export const IncidentReportCreateSchema = z.strictObject({
  period: PeriodSchema,
  provinceCode: ProvinceCodeSchema,
  communeCode: CommuneCodeSchema.nullable().optional(),
  counts: IncidentCountsSchema,
});
/** Body of POST /api/incident-reports. */
export type IncidentReportCreate = z.infer<typeof IncidentReportCreateSchema>;

/** What the sender gets back: the stored report's id and where it counts (no coordinates, ever). */
export const IncidentReportReceiptSchema = z.object({
  id: IdSchema,
  period: PeriodSchema,
  month: z.string(),
  provinceCode: ProvinceCodeSchema,
  createdAt: TimestampSchema,
});

/** A published count: exact, a small-number label (`<5`), or null when hidden. */
export const ShownSchema = z.union([z.number().int().min(0), z.templateLiteral(['<', z.number()]), z.null()]);
const shownOf = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, ShownSchema])) as Record<K, typeof ShownSchema>).nullable();

/** Counts after suppression; a breakdown is null when hidden as a whole. */
export const SuppressedCountsSchema = z.object({
  total: ShownSchema,
  byType: shownOf(INCIDENT_TYPES),
  bySex: shownOf(SURVIVOR_SEXES),
  byAge: shownOf(INCIDENT_AGE_BANDS),
  bySetting: shownOf(INCIDENT_SETTINGS),
  within72h: ShownSchema,
});

/** One province and month, suppressed. Never a point, a commune, a shelter or a reporting organisation. */
export const IncidentCellSchema = z.object({
  provinceCode: ProvinceCodeSchema,
  month: z.string().regex(/^\d{4}-\d{2}$/),
  counts: SuppressedCountsSchema,
  /** When these figures were released (they are frozen until a later release folds reports in). */
  releasedAt: TimestampSchema,
});
/** One province and month, suppressed. */
export type IncidentCell = z.infer<typeof IncidentCellSchema>;

/** GET /api/incidents/summary and the snapshot's `incidents`: monthly province aggregates after suppression. */
export const IncidentSummarySchema = z.object({
  cells: z.array(IncidentCellSchema),
  /** Per month, the sum over provinces; null where it would give a suppressed province away. */
  national: z.array(z.object({ month: z.string(), total: ShownSchema })),
  thresholds: z.object({ cell: z.number(), breakdown: z.number(), child: z.number() }),
  note: z.object({ vi: z.string(), en: z.string() }),
  /** When the next release is due; reports entered until then change nothing any reader sees. */
  nextReleaseAt: TimestampSchema.optional(),
});
/** Suppressed incident aggregates. */
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

/** Query of GET /api/incidents/summary. */
export const IncidentSummaryQuerySchema = z.strictObject({
  province: ProvinceCodeSchema.optional(),
  from: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month (2024-09)')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month (2024-09)')
    .optional(),
});

/**
 * Data of `incident:summary-changed` (streamed cells of logs from before releases existed). It is
 * kept so old logs still parse, but the server projects every such event to a placeholder.
 */
export const IncidentCellChangedSchema = IncidentCellSchema.omit({ releasedAt: true });

/** Data of `incident:released`: one province and month as released, suppressed for the reader. */
export const IncidentReleasedSchema = IncidentCellSchema;

/** Data of `incident:reported`: nothing; every reader gets a placeholder (a report changes nothing shown). */
export const IncidentReportedSchema = z.strictObject({});

/** One audit row: who read or exported incident data, when and what (never the data itself). */
export const AuditEntrySchema = z.object({
  id: IdSchema,
  at: TimestampSchema,
  userId: IdSchema.nullable(),
  username: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
  orgId: IdSchema.nullable(),
  action: z.enum(['read', 'export', 'import', 'write']),
  resource: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
/** One audit row. */
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Query of GET /api/audit (admin). */
export const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(LIMITS.auditPageMax).default(100),
  before: TimestampSchema.optional(),
});
