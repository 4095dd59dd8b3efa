import { z } from 'zod';
import {
  GBV_ALERT_REASONS,
  LOCATION_VISIBILITIES,
  NEED_LEVELS,
  REFERRAL_MODES,
  SERVICE_COSTS,
  SERVICE_REASONS,
  SERVICE_STATUSES,
  SERVICE_TYPES,
  STOCK_ITEMS,
} from '../enums.js';
import { LIMITS } from '../limits.js';
import {
  CommuneCodeSchema,
  IdSchema,
  LatSchema,
  LonSchema,
  ProvinceCodeSchema,
  RecordMetaSchema,
  RolePhoneSchema,
  TimestampSchema,
  VersionSchema,
  patchSchema,
  latLonTogether,
} from './common.js';
import { ScreenedNameSchema, ScreenedTextSchema } from './text.js';

/** A service type. */
export const ServiceTypeSchema = z.enum(SERVICE_TYPES);
/** Availability status of a service point. */
export const ServiceStatusSchema = z.enum(SERVICE_STATUSES);
/** How precisely a position is shown. */
export const LocationVisibilitySchema = z.enum(LOCATION_VISIBILITIES);

/** Stock of one supply: quantity and level. */
export const StockEntrySchema = z.strictObject({
  quantity: z.number().int().min(0).max(LIMITS.stockMax),
  level: z.enum(NEED_LEVELS),
});
/** Stock of the time-critical supplies; an item not stocked by the service is absent. */
export const StockSchema = z.strictObject(
  Object.fromEntries(STOCK_ITEMS.map((k) => [k, StockEntrySchema.optional()])) as Record<
    (typeof STOCK_ITEMS)[number],
    z.ZodOptional<typeof StockEntrySchema>
  >,
);
/** Stock of the time-critical supplies. */
export type Stock = z.infer<typeof StockSchema>;

/** One availability update as stored (SPEC 2.3); restricted parts are null for readers not allowed them. */
export const AvailabilitySchema = z.object({
  status: ServiceStatusSchema,
  reasons: z.array(z.enum(SERVICE_REASONS)),
  expectedRestoreAt: TimestampSchema.nullable(),
  /** Null for readers not allowed the stock of clinical supplies. */
  stock: StockSchema.nullable(),
  /** Free safe-house beds; null for readers not allowed them. */
  safeHouseBeds: z.number().int().min(0).nullable(),
  hotlineWorking: z.boolean().nullable(),
  note: z.string().nullable(),
  reportedAt: TimestampSchema,
  reportedBy: IdSchema.nullable(),
});
/** One availability update. */
export type Availability = z.infer<typeof AvailabilitySchema>;
/** The availability a service point is listed with: its status, and nothing else reported yet. */
export const firstAvailability = (
  status: Availability['status'],
  reportedAt: string,
  reportedBy: string | null,
): Availability => ({
  status,
  reasons: [],
  expectedRestoreAt: null,
  stock: null,
  safeHouseBeds: null,
  hotlineWorking: null,
  note: null,
  reportedAt,
  reportedBy,
});

/**
 * A service point as the reader may see it. `lat`/`lon` are null when the position is hidden from
 * the reader ("reach through the hotline") and the commune's point when only the commune is shown;
 * `positionShown` says which.
 */
export const ServicePointSchema = RecordMetaSchema.extend({
  /** "Safe house" when `masked`. */
  name: z.string(),
  /** Null on a masked safe house. */
  providerOrgId: IdSchema.nullable(),
  /**
   * True when a safe house is shown to a reader without the right to it: only its province,
   * status, types and hotline; no name, commune, position, beds or provider (SPEC 2.3).
   */
  masked: z.boolean(),
  types: z.array(ServiceTypeSchema).min(1),
  provinceCode: ProvinceCodeSchema,
  communeCode: CommuneCodeSchema.nullable(),
  locationVisibility: LocationVisibilitySchema,
  positionShown: LocationVisibilitySchema,
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  contactPhone: RolePhoneSchema.nullable(),
  hours: z.string().nullable(),
  open24h: z.boolean(),
  languages: z.array(z.string()),
  cost: z.enum(SERVICE_COSTS),
  referral: z.enum(REFERRAL_MODES),
  availability: AvailabilitySchema,
  lastReportedAt: TimestampSchema,
  simulated: z.boolean(),
});
/** A service point. */
export type ServicePoint = z.infer<typeof ServicePointSchema>;

const LanguagesSchema = z
  .array(
    z
      .string()
      .trim()
      .min(2)
      .max(LIMITS.languageNameMax)
      .regex(/^[\p{L} -]+$/u, 'letters only'),
  )
  .max(LIMITS.languagesMax);

/** Body of POST /api/services. A safe house is always stored with a hidden position. */
export const ServiceCreateSchema = z
  .strictObject({
    name: ScreenedNameSchema,
    providerOrgId: IdSchema.optional(),
    types: z.array(ServiceTypeSchema).min(1).max(LIMITS.serviceTypesMax),
    provinceCode: ProvinceCodeSchema,
    communeCode: CommuneCodeSchema.nullable().optional(),
    locationVisibility: LocationVisibilitySchema.default('exact'),
    lat: LatSchema.nullable().optional(),
    lon: LonSchema.nullable().optional(),
    contactPhone: RolePhoneSchema.nullable().optional(),
    hours: ScreenedTextSchema(LIMITS.hoursMax).nullable().optional(),
    open24h: z.boolean().default(false),
    languages: LanguagesSchema.default(['vi']),
    cost: z.enum(SERVICE_COSTS).default('free'),
    referral: z.enum(REFERRAL_MODES).default('any'),
    status: ServiceStatusSchema.default('open'),
  })
  .refine((s) => (s.lat == null) === (s.lon == null), { message: 'lat and lon come together', path: ['lon'] })
  .refine((s) => new Set(s.types).size === s.types.length, { message: 'each type once', path: ['types'] });
/** Body of POST /api/services. */
export type ServiceCreate = z.infer<typeof ServiceCreateSchema>;

/** Body of PATCH /api/services/:id (directory fields; availability is posted separately). */
export const ServicePatchSchema = patchSchema({
  name: ScreenedNameSchema.optional(),
  types: z.array(ServiceTypeSchema).min(1).max(LIMITS.serviceTypesMax).optional(),
  communeCode: CommuneCodeSchema.nullable().optional(),
  locationVisibility: LocationVisibilitySchema.optional(),
  lat: LatSchema.nullable().optional(),
  lon: LonSchema.nullable().optional(),
  contactPhone: RolePhoneSchema.nullable().optional(),
  hours: ScreenedTextSchema(LIMITS.hoursMax).nullable().optional(),
  open24h: z.boolean().optional(),
  languages: LanguagesSchema.optional(),
  cost: z.enum(SERVICE_COSTS).optional(),
  referral: z.enum(REFERRAL_MODES).optional(),
})
  .refine(...latLonTogether)
  .refine((p) => !p.types || new Set(p.types).size === p.types.length, {
    message: 'each type once',
    path: ['types'],
  });
/** Body of PATCH /api/services/:id. */
export type ServicePatch = z.infer<typeof ServicePatchSchema>;

/** Body of POST /api/services/:id/availability: a timestamped update (SPEC 2.3). */
export const AvailabilityPostSchema = z.strictObject({
  version: VersionSchema,
  status: ServiceStatusSchema,
  reasons: z
    .array(z.enum(SERVICE_REASONS))
    .max(SERVICE_REASONS.length)
    .default([])
    .refine((r) => new Set(r).size === r.length, 'each reason once'),
  expectedRestoreAt: TimestampSchema.nullable().optional(),
  stock: StockSchema.optional(),
  safeHouseBeds: z.number().int().min(0).max(LIMITS.bedsMax).nullable().optional(),
  hotlineWorking: z.boolean().nullable().optional(),
  note: ScreenedTextSchema(LIMITS.shortTextMax).nullable().optional(),
});
/** Body of POST /api/services/:id/availability. */
export type AvailabilityPost = z.infer<typeof AvailabilityPostSchema>;

/** Query of GET /api/services/nearest: from a shelter or a point, services of one type. */
export const NearestQuerySchema = z
  .strictObject({
    shelterId: IdSchema.optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lon: z.coerce.number().min(-180).max(180).optional(),
    type: ServiceTypeSchema,
    limit: z.coerce.number().int().min(1).max(LIMITS.nearestMax).default(10),
  })
  .refine((q) => (q.lat === undefined) === (q.lon === undefined), {
    message: 'lat and lon come together',
    path: ['lon'],
  })
  .refine((q) => (q.shelterId !== undefined) !== (q.lat !== undefined), {
    message: 'give either shelterId or lat and lon',
    path: ['shelterId'],
  });

/** One answer of the nearest-service search: nearest first; services without a shown position come last, with distance null. */
export const NearestServiceSchema = z.object({
  service: ServicePointSchema,
  distanceKm: z.number().nullable(),
});
/** One nearest-service answer. */
export type NearestService = z.infer<typeof NearestServiceSchema>;

/** Province totals of clinical stock, for operations officers (SPEC 3: "province totals"). */
export const StockTotalsSchema = z.object({
  provinceCode: ProvinceCodeSchema,
  services: z.number().int().min(0),
  stock: z.record(
    z.enum(STOCK_ITEMS),
    z.object({
      quantity: z.number().int().min(0),
      out: z.number().int().min(0),
      low: z.number().int().min(0),
    }),
  ),
});
/** Province totals of clinical stock. */
export type StockTotals = z.infer<typeof StockTotalsSchema>;

/** A time-critical alert to the province's GBV coordinators: a clinical point closed or ran out of PEP or emergency contraception. */
export const GbvAlertSchema = RecordMetaSchema.extend({
  serviceId: IdSchema,
  serviceName: z.string(),
  provinceCode: ProvinceCodeSchema,
  reasons: z.array(z.enum(GBV_ALERT_REASONS)).min(1),
  status: z.enum(['open', 'acknowledged']),
  acknowledgedAt: TimestampSchema.nullable(),
  acknowledgedBy: IdSchema.nullable(),
  simulated: z.boolean(),
});
/** A time-critical alert. */
export type GbvAlert = z.infer<typeof GbvAlertSchema>;

/** Body of POST /api/gbv-alerts/:id/acknowledge. */
export const GbvAlertAckSchema = z.strictObject({ version: VersionSchema });
