import { z } from 'zod';
import { ALERT_STATUSES, HAZARDS } from '../enums.js';
import { LIMITS, TRACK_BOUNDS } from '../limits.js';
import {
  CommuneCodeSchema,
  ProvinceCodeSchema,
  RecordMetaSchema,
  TimestampSchema,
  patchSchema,
} from './common.js';
import { ScreenedTextSchema } from './text.js';

/** A hazard of Viet Nam's list. */
export const HazardSchema = z.enum(HAZARDS);
/** Risk alert status. */
export const AlertStatusSchema = z.enum(ALERT_STATUSES);
/** The number of a bulletin as its issuer writes it (`12/2024`). */
export const BulletinNumberSchema = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.bulletinNumberMax)
  .regex(/^[\p{L}\p{N} /.-]+$/u, 'letters, digits and / . - only');
/** Viet Nam's disaster risk level, 1 to 5. */
export const AlertLevelSchema = z.number().int().min(1).max(5);

const TrackLon = z.number().min(TRACK_BOUNDS.minLon).max(TRACK_BOUNDS.maxLon);
const TrackLat = z.number().min(TRACK_BOUNDS.minLat).max(TRACK_BOUNDS.maxLat);

/** A GeoJSON position [lon, lat] in the region. */
export const PositionSchema = z.tuple([TrackLon, TrackLat]);

/** A GeoJSON polygon: closed rings of [lon, lat], the first the outline, the rest holes. */
export const PolygonSchema = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z
    .array(
      z
        .array(PositionSchema)
        .min(4, 'a ring needs at least 4 positions')
        .max(LIMITS.polygonPointsMax)
        .refine(
          (r) => r.length < 4 || (r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1]),
          'a ring must be closed (first position = last)',
        ),
    )
    .min(1)
    .max(LIMITS.polygonRingsMax),
});
/** A GeoJSON polygon. */
export type Polygon = z.infer<typeof PolygonSchema>;

/** One point of a storm track: observed or forecast. */
export const TrackPointSchema = z.strictObject({
  at: TimestampSchema,
  lat: TrackLat,
  lon: TrackLon,
  kind: z.enum(['observed', 'forecast']),
  /** Maximum sustained wind, Beaufort force, when known. */
  windForce: z.number().int().min(0).max(17).nullable().optional(),
});

/** A storm's position, forecast track and landfall (SPEC 2.5). */
export const StormSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(LIMITS.stormNameMax)
    .regex(/^[\p{L}\p{N} ()-]+$/u, 'letters, digits, spaces and ()- only'),
  position: z.strictObject({ lat: TrackLat, lon: TrackLon, at: TimestampSchema }).nullable(),
  track: z.array(TrackPointSchema).max(LIMITS.trackPointsMax),
  landfallAt: TimestampSchema.nullable(),
});
/** A storm's position and track. */
export type Storm = z.infer<typeof StormSchema>;

/** A risk alert (SPEC 2.5). */
export const RiskAlertSchema = RecordMetaSchema.extend({
  hazard: HazardSchema,
  level: AlertLevelSchema,
  title: z.string(),
  provinceCodes: z.array(ProvinceCodeSchema),
  communeCodes: z.array(CommuneCodeSchema),
  polygon: PolygonSchema.nullable(),
  storm: StormSchema.nullable(),
  validFrom: TimestampSchema,
  validTo: TimestampSchema,
  status: AlertStatusSchema,
  issuer: z.string(),
  bulletinNumber: z.string().nullable(),
  simulated: z.boolean(),
});
/** A risk alert. */
export type RiskAlert = z.infer<typeof RiskAlertSchema>;

const Codes = {
  provinceCodes: z.array(ProvinceCodeSchema).max(LIMITS.provincesMax),
  communeCodes: z.array(CommuneCodeSchema).max(LIMITS.alertCodesMax),
};

/** Body of POST /api/alerts. An alert covers provinces, communes and/or a polygon. */
export const AlertCreateSchema = z
  .strictObject({
    hazard: HazardSchema,
    level: AlertLevelSchema,
    title: ScreenedTextSchema(LIMITS.nameMax),
    provinceCodes: Codes.provinceCodes.default([]),
    communeCodes: Codes.communeCodes.default([]),
    polygon: PolygonSchema.nullable().default(null),
    storm: StormSchema.nullable().default(null),
    validFrom: TimestampSchema,
    validTo: TimestampSchema,
    status: z.enum(['forecast', 'active']).default('active'),
    issuer: ScreenedTextSchema(LIMITS.nameMax),
    bulletinNumber: BulletinNumberSchema.nullable().default(null),
  })
  .refine((a) => a.provinceCodes.length + a.communeCodes.length > 0 || a.polygon !== null, {
    message: 'give province codes, commune codes or a polygon',
    path: ['provinceCodes'],
  })
  .refine((a) => Date.parse(a.validTo) > Date.parse(a.validFrom), {
    message: 'must be after validFrom',
    path: ['validTo'],
  })
  .refine((a) => a.hazard === 'storm' || a.hazard === 'tropical_depression' || a.storm === null, {
    message: 'only storms and tropical depressions carry a track',
    path: ['storm'],
  })
  .refine((a) => a.hazard !== 'storm' || a.level >= 3, {
    message: 'storm alerts use levels 3 to 5',
    path: ['level'],
  });
/** Body of POST /api/alerts. */
export type AlertCreate = z.infer<typeof AlertCreateSchema>;

/** Body of PATCH /api/alerts/:id: update the area, level, track or validity, or cancel or expire it. */
export const AlertPatchSchema = patchSchema({
  level: AlertLevelSchema.optional(),
  title: ScreenedTextSchema(LIMITS.nameMax).optional(),
  provinceCodes: Codes.provinceCodes.optional(),
  communeCodes: Codes.communeCodes.optional(),
  polygon: PolygonSchema.nullable().optional(),
  storm: StormSchema.nullable().optional(),
  validFrom: TimestampSchema.optional(),
  validTo: TimestampSchema.optional(),
  status: AlertStatusSchema.optional(),
  bulletinNumber: BulletinNumberSchema.nullable().optional(),
});
/** Body of PATCH /api/alerts/:id. */
export type AlertPatch = z.infer<typeof AlertPatchSchema>;

/** The statuses an alert may move to from each status; cancelled and expired are final. */
export const ALERT_TRANSITIONS: Readonly<
  Record<z.infer<typeof AlertStatusSchema>, readonly z.infer<typeof AlertStatusSchema>[]>
> = {
  forecast: ['forecast', 'active', 'updated', 'cancelled', 'expired'],
  active: ['active', 'updated', 'cancelled', 'expired'],
  updated: ['updated', 'cancelled', 'expired'],
  cancelled: [],
  expired: [],
};

export { isAlertInForce } from '../domain/alerts.js';
