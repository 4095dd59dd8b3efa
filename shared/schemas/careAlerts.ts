import { z } from 'zod';
import { IdSchema, ProvinceCodeSchema, RecordMetaSchema, TimestampSchema, VersionSchema } from './common.js';

/** The duty-of-care rules (issue 11): what a raised alert is about. */
export const CARE_ALERT_RULES = [
  'over_capacity',
  'checklist_no',
  'gap_unrequested',
  'no_clinic_nearby',
  'hotline_down',
  'unconfirmed_in_alert',
] as const;
/** One duty-of-care rule. */
export type CareAlertRule = (typeof CARE_ALERT_RULES)[number];

/**
 * A duty-of-care alert's life: `pending` (the condition holds but not yet for long enough; never
 * leaves the server), `open`, `acknowledged`, `cleared` (the condition ended).
 */
export const CARE_ALERT_STATUSES = ['pending', 'open', 'acknowledged', 'cleared'] as const;
/** A duty-of-care alert status. */
export type CareAlertStatus = (typeof CARE_ALERT_STATUSES)[number];

/** A duty-of-care alert as the reader may see it; a safe house is `masked` for readers without the right to it. */
export const CareAlertSchema = RecordMetaSchema.extend({
  rule: z.enum(CARE_ALERT_RULES),
  subjectKind: z.enum(['shelter', 'service']),
  subjectId: IdSchema,
  /** The checklist item a checklist rule is about; '' for the other rules. */
  item: z.string(),
  /** "Safe house" when `masked`. */
  subjectName: z.string(),
  masked: z.boolean(),
  /** The shelter's managing organisation or the service's provider; null when masked. */
  subjectOrgId: IdSchema.nullable(),
  /** True when the subject is a safe house (its name and place are shown only to those allowed them). */
  safeHouse: z.boolean(),
  provinceCode: ProvinceCodeSchema,
  /** Figures of the condition (occupancy %, distance in km); none that could tell a place. */
  detail: z.record(z.string(), z.number()),
  status: z.enum(CARE_ALERT_STATUSES),
  /** Since when the condition holds. */
  since: TimestampSchema,
  raisedAt: TimestampSchema.nullable(),
  acknowledgedAt: TimestampSchema.nullable(),
  acknowledgedBy: IdSchema.nullable(),
  clearedAt: TimestampSchema.nullable(),
});
/** A duty-of-care alert. */
export type CareAlert = z.infer<typeof CareAlertSchema>;

/** Body of POST /api/care-alerts/:id/acknowledge. */
export const CareAlertAckSchema = z.strictObject({ version: VersionSchema });
