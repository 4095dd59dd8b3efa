/** User roles (SPEC 3). */
export const ROLES = [
  'viewer',
  'ops_officer',
  'shelter_manager',
  'service_provider',
  'gbv_coordinator',
  'admin',
] as const;
/** A user's one role. */
export type Role = (typeof ROLES)[number];

/** Organisation kinds (SPEC 2.1). */
export const ORG_KINDS = [
  'government',
  'civil_defence',
  'un_agency',
  'ngo',
  'mass_organisation',
  'health_facility',
  'police',
  'legal_aid',
  'other',
] as const;

/** Sectors an organisation works in (SPEC 2.1). */
export const SECTORS = [
  'gbv',
  'child_protection',
  'health',
  'shelter',
  'wash',
  'logistics',
  'disaster_ops',
] as const;

/** Kinds of evacuation shelter (SPEC 2.2). */
export const SHELTER_KINDS = [
  'school',
  'commune_hall',
  'cultural_house',
  'flood_shelter',
  'health_station',
  'religious',
  'other',
] as const;

/** Shelter operating status (SPEC 2.2). */
export const SHELTER_STATUSES = ['standby', 'open', 'full', 'closing', 'closed', 'damaged'] as const;
/** A shelter's operating status. */
export type ShelterStatus = (typeof SHELTER_STATUSES)[number];

/** Supply level of a basic need. */
export const NEED_LEVELS = ['ok', 'low', 'out'] as const;
/** The basic needs a shelter reports on. */
export const NEEDS = ['water', 'food', 'power', 'medical'] as const;

/** Age bands for shelter population (SPEC 2.2). */
export const SHELTER_AGE_BANDS = ['0-4', '5-17', '18-59', '60+'] as const;

/** Answers to a GBV safety checklist item. */
export const CHECKLIST_ANSWERS = ['yes', 'partial', 'no', 'unknown'] as const;
/** One checklist answer. */
export type ChecklistAnswer = (typeof CHECKLIST_ANSWERS)[number];

/** GBV safety checklist items in display order; `critical` items count toward the safety score. */
export const CHECKLIST_ITEMS = [
  { key: 'lighting', critical: true },
  { key: 'separateSleeping', critical: true },
  { key: 'latrinesSeparated', critical: true },
  { key: 'latrinesLock', critical: true },
  { key: 'privateBathing', critical: false },
  { key: 'accessibleLatrine', critical: false },
  { key: 'femaleStaff', critical: true },
  { key: 'womenOnCommittee', critical: false },
  { key: 'staffBriefed', critical: true },
  { key: 'concernsChannel', critical: true },
  { key: 'hotlinesPosted', critical: true },
  { key: 'dignityKits', critical: false },
  { key: 'safeDistributions', critical: false },
  { key: 'womenSpace', critical: false },
] as const;
/** Key of one checklist item. */
export type ChecklistKey = (typeof CHECKLIST_ITEMS)[number]['key'];
/** Keys of all checklist items. */
export const CHECKLIST_KEYS = CHECKLIST_ITEMS.map((i) => i.key) as [ChecklistKey, ...ChecklistKey[]];
/** Keys of the critical checklist items (8 of them). */
export const CRITICAL_CHECKLIST_KEYS: readonly ChecklistKey[] = CHECKLIST_ITEMS.filter((i) => i.critical).map(
  (i) => i.key,
);
