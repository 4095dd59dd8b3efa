import { z } from 'zod';
import type { HAZARDS } from '../../../../shared/enums.js';
import { AlertCreateSchema, HazardSchema } from '../../../../shared/schemas/alerts.js';

/** Levels 1 to 5 as the level buttons hold them. */
export const LEVELS = ['1', '2', '3', '4', '5'] as const;

/** What the alert form holds: the boxes as typed, times as `datetime-local` text. */
export interface AlertValues {
  hazard: (typeof HAZARDS)[number];
  level: (typeof LEVELS)[number];
  title: string;
  provinceCodes: string[];
  validFrom: string;
  validTo: string;
  forecast: boolean;
  bulletinNumber: string;
}

/** A `datetime-local` value for an instant, in the device's time zone. */
export function localInput(ms: number): string {
  const d = new Date(ms);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

// A box the browser let through empty stays as typed, so the shared schema refuses it by name.
const instant = (s: string) => (Number.isNaN(Date.parse(s)) ? s : new Date(s).toISOString());

/** The form's values for a new alert, starting now for a day. */
export function alertDefaults(now: number): AlertValues {
  return {
    hazard: 'heavy_rain',
    level: '3',
    title: '',
    provinceCodes: [],
    validFrom: localInput(now),
    validTo: localInput(now + 24 * 3_600_000),
    forecast: false,
    bulletinNumber: '',
  };
}

/** The form's values as the body of POST /api/alerts from `issuer`, checked by the shared create schema. */
export const alertFormSchema = (issuer: string) =>
  z
    .object({
      hazard: HazardSchema,
      level: z.enum(LEVELS),
      title: z.string(),
      provinceCodes: z.array(z.string()),
      validFrom: z.string(),
      validTo: z.string(),
      forecast: z.boolean(),
      bulletinNumber: z.string(),
    })
    .transform((v): z.input<typeof AlertCreateSchema> => ({
      hazard: v.hazard,
      level: Number(v.level),
      title: v.title.trim(),
      provinceCodes: v.provinceCodes,
      communeCodes: [],
      polygon: null,
      storm: null,
      validFrom: instant(v.validFrom),
      validTo: instant(v.validTo),
      status: v.forecast ? 'forecast' : 'active',
      issuer,
      bulletinNumber: v.bulletinNumber.trim() || null,
    }))
    .pipe(AlertCreateSchema);
