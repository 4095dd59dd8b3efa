import { z } from 'zod';
import type { REQUEST_KINDS, REQUEST_PRIORITIES } from '../../../../shared/enums.js';
import { RequestCreateSchema } from '../../../../shared/schemas/requests.js';

/** What the request form holds: selects and text boxes as they are, empty meaning "none". */
export interface RequestValues {
  kind: (typeof REQUEST_KINDS)[number];
  title: string;
  shelterId: string;
  provinceCode: string | null;
  toSector: string;
  toOrgId: string;
  priority: (typeof REQUEST_PRIORITIES)[number];
  quantity: string;
  message: string;
}

/** The form's values as the body of POST /api/requests, checked by the shared create schema. */
export const RequestFormSchema = z
  .object({
    kind: RequestCreateSchema.shape.kind,
    title: z.string(),
    shelterId: z.string(),
    provinceCode: z.string().nullable(),
    toSector: z.string(),
    toOrgId: z.string(),
    priority: RequestCreateSchema.shape.priority.unwrap(),
    quantity: z.string(),
    message: z.string(),
  })
  .transform(
    (v) =>
      ({
        kind: v.kind,
        title: v.title.trim(),
        toOrgId: v.toOrgId || null,
        toSector: v.toSector || null,
        shelterId: v.shelterId || null,
        priority: v.priority,
        quantity: v.quantity.trim() === '' ? null : Number(v.quantity),
        // A shelter brings its province; without one the user names it.
        ...(v.shelterId ? {} : v.provinceCode ? { provinceCode: v.provinceCode } : {}),
        ...(v.message.trim() ? { message: v.message.trim() } : {}),
      }) as z.input<typeof RequestCreateSchema>,
  )
  .pipe(RequestCreateSchema);
