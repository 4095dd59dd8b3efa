import { z } from 'zod';
import {
  CHECKLIST_ANSWERS,
  CHECKLIST_KEYS,
  NEED_LEVELS,
  REPORT_SOURCES,
  SHELTER_KINDS,
  SHELTER_STATUSES,
  type ChecklistKey,
} from '../enums.js';
import {
  CommuneCodeSchema,
  CountSchema,
  LatSchema,
  LonSchema,
  NameSchema,
  ProvinceCodeSchema,
  RecordMetaSchema,
  RolePhoneSchema,
  TimestampSchema,
  IdSchema,
  patchSchema,
  latLonTogether,
} from './common.js';

/** Shelter kind. */
export const ShelterKindSchema = z.enum(SHELTER_KINDS);
/** Shelter operating status. */
export const ShelterStatusSchema = z.enum(SHELTER_STATUSES);
/** Supply level of one need. */
export const NeedLevelSchema = z.enum(NEED_LEVELS);
/** One checklist answer. */
export const ChecklistAnswerSchema = z.enum(CHECKLIST_ANSWERS);

/** A shelter's short code for SMS reports (`TT S101 ...`): letters and digits, upper case. */
export const SmsCodeSchema = z
  .string()
  .regex(/^[A-Z0-9]{2,12}$/, 'must be 2 to 12 capital letters or digits');

/** People by age band for one sex. */
export const AgeBandsSchema = z.strictObject({
  '0-4': CountSchema,
  '5-17': CountSchema,
  '18-59': CountSchema,
  '60+': CountSchema,
});

/** People sheltered by sex and age band (SPEC 2.2). */
export const DemographicsSchema = z.strictObject({ female: AgeBandsSchema, male: AgeBandsSchema });
/** People sheltered by sex and age band. */
export type Demographics = z.infer<typeof DemographicsSchema>;

/** Counts of people with specific protection needs. */
export const VulnerableSchema = z.strictObject({
  pregnantLactating: CountSchema,
  disabilities: CountSchema,
  unaccompaniedChildren: CountSchema,
  femaleHeadedHouseholds: CountSchema,
});

/** Basic needs, each ok, low or out. */
export const NeedsSchema = z.strictObject({
  water: NeedLevelSchema,
  food: NeedLevelSchema,
  power: NeedLevelSchema,
  medical: NeedLevelSchema,
});
/** Basic needs of a shelter. */
export type Needs = z.infer<typeof NeedsSchema>;

const checklistShape = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, ChecklistAnswerSchema])) as Record<
  ChecklistKey,
  typeof ChecklistAnswerSchema
>;

/** The full GBV safety checklist (SPEC 2.2). */
export const ChecklistSchema = z.strictObject(checklistShape);
/** The full GBV safety checklist. */
export type Checklist = z.infer<typeof ChecklistSchema>;

/** A partial checklist, as sent by an update. */
export const ChecklistPatchSchema = ChecklistSchema.partial();

/** A shelter as stored and as seen by roles allowed the checklist. `checklist` is null for roles that see the score only. */
export const ShelterSchema = RecordMetaSchema.extend({
  name: NameSchema,
  kind: ShelterKindSchema,
  provinceCode: ProvinceCodeSchema,
  communeCode: CommuneCodeSchema.nullable(),
  lat: LatSchema,
  lon: LonSchema,
  managingOrgId: IdSchema.nullable(),
  contactPhone: RolePhoneSchema.nullable(),
  status: ShelterStatusSchema,
  capacity: CountSchema,
  occupancy: CountSchema,
  households: CountSchema,
  demographics: DemographicsSchema.nullable(),
  vulnerable: VulnerableSchema.nullable(),
  needs: NeedsSchema,
  checklist: ChecklistSchema.nullable(),
  safetyScore: z.number().int().min(0).max(8),
  lastReportedAt: TimestampSchema,
  /** Where the last report came from (an SMS is marked in the panel and feed). */
  reportSource: z.enum(REPORT_SOURCES),
  smsCode: SmsCodeSchema,
  simulated: z.boolean(),
});
/** A shelter. */
export type Shelter = z.infer<typeof ShelterSchema>;

/** Body of POST /api/shelters. */
export const ShelterCreateSchema = z.strictObject({
  name: NameSchema,
  kind: ShelterKindSchema,
  provinceCode: ProvinceCodeSchema,
  communeCode: CommuneCodeSchema.nullable().optional(),
  lat: LatSchema,
  lon: LonSchema,
  managingOrgId: IdSchema.nullable().optional(),
  contactPhone: RolePhoneSchema.nullable().optional(),
  status: ShelterStatusSchema.default('standby'),
  capacity: CountSchema,
  occupancy: CountSchema.default(0),
  households: CountSchema.default(0),
  needs: NeedsSchema.optional(),
  checklist: ChecklistPatchSchema.optional(),
});
/** Body of POST /api/shelters. */
export type ShelterCreate = z.infer<typeof ShelterCreateSchema>;

/** Body of PATCH /api/shelters/:id: the version it is based on plus the fields that change. */
export const ShelterPatchSchema = patchSchema({
  name: NameSchema.optional(),
  kind: ShelterKindSchema.optional(),
  communeCode: CommuneCodeSchema.nullable().optional(),
  lat: LatSchema.optional(),
  lon: LonSchema.optional(),
  contactPhone: RolePhoneSchema.nullable().optional(),
  status: ShelterStatusSchema.optional(),
  capacity: CountSchema.optional(),
  occupancy: CountSchema.optional(),
  households: CountSchema.optional(),
  demographics: DemographicsSchema.nullable().optional(),
  vulnerable: VulnerableSchema.nullable().optional(),
  needs: NeedsSchema.partial().optional(),
  checklist: ChecklistPatchSchema.optional(),
  /** Reconfirm that the posted status is still true, with no other change. */
  reconfirm: z.literal(true).optional(),
}).refine(...latLonTogether);
/** Body of PATCH /api/shelters/:id. */
export type ShelterPatch = z.infer<typeof ShelterPatchSchema>;

/** One entry of a shelter's history: what changed, when and by whom. */
export const ShelterHistoryEntrySchema = z.object({
  seq: z.number().int().min(1),
  type: z.string(),
  at: TimestampSchema,
  by: IdSchema.nullable(),
  changes: z.record(z.string(), z.unknown()),
});
/** One entry of a shelter's history. */
export type ShelterHistoryEntry = z.infer<typeof ShelterHistoryEntrySchema>;
