import { z } from 'zod';

/**
 * A whole number typed into a text box, checked by a shared schema once it is a number. The box keeps
 * what was typed ("007", "1e3" or "") so the user sees their own input while it is refused.
 */
export function countText<T extends z.ZodType<number, number>>(schema: T) {
  return z
    .string()
    .trim()
    .regex(/^\d+$/)
    .transform((s) => Number(s))
    .pipe(schema);
}

/** An optional whole number: an empty box is null, anything else is checked by the schema. */
export function optionalCountText<T extends z.ZodType<number, number>>(schema: T) {
  return z.union([
    z
      .string()
      .trim()
      .length(0)
      .transform(() => null),
    z
      .string()
      .trim()
      .transform((s) => Number(s))
      .pipe(schema),
  ]);
}

/** A decimal number typed into a text box, a comma taken as the decimal point, checked by a shared schema. */
export function decimalText<T extends z.ZodType<number, number>>(schema: T) {
  return z
    .string()
    .trim()
    .min(1)
    .transform((s) => Number(s.replace(',', '.')))
    .pipe(z.number().finite())
    .pipe(schema);
}
