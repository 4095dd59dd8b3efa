import { z } from 'zod';
import { screenText } from '../domain/pii.js';

// A UTF-16 half without its other half; JSON.stringify writes it as an escape PostgreSQL's jsonb refuses.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when text can be stored in a PostgreSQL text or jsonb value: no NUL and no unpaired surrogate. */
export const isStorableText = (text: string): boolean =>
  !text.includes('\u0000') && !LONE_SURROGATE.test(text);

/** Why unstorable text is refused (the issue names the field). */
export const UNSTORABLE_TEXT_MESSAGE = 'must not contain a NUL character or an unpaired UTF-16 surrogate';

/** Any string that is stored: refused with the field named when PostgreSQL could not store it. */
export const StorableStringSchema = () => z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

/** Free text screened for phone and ID-card numbers (SPEC 2.6): refused with the reason, naming the field. */
export const ScreenedTextSchema = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .superRefine((text, ctx) => {
      if (!isStorableText(text))
        return void ctx.addIssue({ code: 'custom', message: UNSTORABLE_TEXT_MESSAGE });
      const r = screenText(text);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { reason: r.reason } });
    });

/** A name that is free text everywhere it is shown: bounded and screened. */
export const ScreenedNameSchema = ScreenedTextSchema(160);
