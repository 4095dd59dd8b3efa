import { z } from 'zod';
import { screenText } from '../domain/pii.js';

/** Free text screened for phone and ID-card numbers (SPEC 2.6): refused with the reason, naming the field. */
export const ScreenedTextSchema = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .superRefine((text, ctx) => {
      const r = screenText(text);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { reason: r.reason } });
    });

/** A name that is free text everywhere it is shown: bounded and screened. */
export const ScreenedNameSchema = ScreenedTextSchema(160);
