import { z } from 'zod';
import { ProvinceCodeSchema } from './common.js';

/** An administrative area (SPEC 2.1); geometry is served separately as static GeoJSON. */
export const AdminAreaSchema = z.object({
  code: z.string(),
  level: z.enum(['province', 'commune']),
  nameVi: z.string(),
  nameEn: z.string(),
  parentCode: ProvinceCodeSchema.nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});
/** An administrative area. */
export type AdminArea = z.infer<typeof AdminAreaSchema>;

/** Query of GET /api/areas. */
export const AreasQuerySchema = z.strictObject({
  level: z.enum(['province', 'commune']).default('province'),
  province: ProvinceCodeSchema.optional(),
});
