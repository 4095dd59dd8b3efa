import { z } from 'zod';
import { REFERRAL_MODES, SERVICE_TYPES } from '../enums.js';
import { DISTANCE_BANDS } from '../domain/referralPathway.js';
import { IdSchema, TimestampSchema } from './common.js';

/** One service on a shelter's referral pathway poster: what a person needs to get there. */
export const PosterServiceSchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** Null when the position is not shown to the reader: reach it by phone. */
  distanceBand: z.enum(DISTANCE_BANDS).nullable(),
  open24h: z.boolean(),
  hours: z.string().nullable(),
  phone: z.string().nullable(),
  referral: z.enum(REFERRAL_MODES),
  limited: z.boolean(),
});
/** One service on a poster. */
export type PosterService = z.infer<typeof PosterServiceSchema>;

/** A hotline on the poster: a role contact of the mechanism or a hotline service; `desk` null for a safe house's own line (never its name). */
export const PosterHotlineSchema = z.object({
  level: z.enum(['national', 'province']),
  desk: z.string().nullable(),
  phone: z.string(),
});
/** A hotline on a poster. */
export type PosterHotline = z.infer<typeof PosterHotlineSchema>;

/** When the poster was last printed for the shelter, and with which services. */
export const PosterPrintSchema = z.object({
  printedAt: TimestampSchema,
  serviceIds: z.array(IdSchema),
  /** True when a service on the printed poster has since closed (or is gone): reprint. */
  outdated: z.boolean(),
});
/** A poster print. */
export type PosterPrint = z.infer<typeof PosterPrintSchema>;

/**
 * GET /api/shelters/:id/referral-pathway (issue 13): per service type, the nearest open services; a
 * safe house never by name or place, only through the hotline (the poster hangs on a shelter wall
 * where anyone reads it); the national and provincial hotlines; the last print.
 */
export const ReferralPathwaySchema = z.object({
  shelter: z.object({ id: IdSchema, name: z.string(), provinceCode: z.string() }),
  sections: z.array(
    z.object({
      type: z.enum(SERVICE_TYPES),
      services: z.array(PosterServiceSchema),
      /** For safe houses: the numbers to call instead of a name or address. */
      throughHotline: z.array(PosterHotlineSchema),
    }),
  ),
  hotlines: z.array(PosterHotlineSchema),
  generatedAt: TimestampSchema,
  lastPrint: PosterPrintSchema.nullable(),
});
/** A shelter's referral pathway poster. */
export type ReferralPathway = z.infer<typeof ReferralPathwaySchema>;
