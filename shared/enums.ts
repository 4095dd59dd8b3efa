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

/** Where a shelter's last report came from: the app (or API), or an SMS through the gateway. */
export const REPORT_SOURCES = ['app', 'sms'] as const;
/** Where a report came from. */
export type ReportSource = (typeof REPORT_SOURCES)[number];

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

/** Kinds of GBV service a service point offers (SPEC 2.3). */
export const SERVICE_TYPES = [
  'health_cmr',
  'health_srh',
  'psychosocial',
  'case_management',
  'safe_house',
  'police',
  'legal_aid',
  'hotline',
  'women_girls_safe_space',
  'dignity_kits',
  'child_protection',
] as const;
/** One service type. */
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** How precisely a service point's position may be shown (SPEC 2.3). */
export const LOCATION_VISIBILITIES = ['exact', 'commune', 'hidden'] as const;

/** Availability of a service point (SPEC 2.3). */
export const SERVICE_STATUSES = ['open', 'limited', 'closed', 'relocated', 'mobile_only'] as const;
/** One availability status. */
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** Why a service is limited or closed. */
export const SERVICE_REASONS = [
  'flooded',
  'damaged',
  'no_power',
  'no_comms',
  'road_cut',
  'staff_short',
  'supplies_out',
  'overwhelmed',
] as const;

/** Time-critical supplies whose stock a service posts. */
export const STOCK_ITEMS = [
  'pep_courses',
  'emergency_contraception',
  'post_rape_kits',
  'dignity_kits',
] as const;
/** One stock item. */
export type StockItem = (typeof STOCK_ITEMS)[number];

/** Who may refer a person to a service. */
export const REFERRAL_MODES = ['self', 'any', 'case_manager'] as const;

/** What a service costs the person using it. */
export const SERVICE_COSTS = ['free', 'low_cost', 'paid'] as const;

/** Why a time-critical GBV alert was raised: a clinical point closed, or ran out of PEP or emergency contraception. */
export const GBV_ALERT_REASONS = ['closed', 'pep_out', 'ec_out'] as const;
/** One time-critical alert reason. */
export type GbvAlertReason = (typeof GBV_ALERT_REASONS)[number];

/** Hazards of Viet Nam's disaster list that alerts use (SPEC 2.5). */
export const HAZARDS = [
  'storm',
  'tropical_depression',
  'heavy_rain',
  'flood',
  'flash_flood',
  'landslide',
  'storm_surge',
  'inundation',
  'cold_spell',
  'heat_wave',
  'drought',
  'saltwater_intrusion',
  'other',
] as const;

/** Risk alert lifecycle (SPEC 2.5). */
export const ALERT_STATUSES = ['forecast', 'active', 'updated', 'cancelled', 'expired'] as const;
/** One risk alert status. */
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Official colours of Viet Nam's disaster risk levels 1 to 5. */
export const ALERT_LEVEL_COLOURS = {
  1: '#8fd3f4',
  2: '#fff3a0',
  3: '#ff9f1c',
  4: '#e63946',
  5: '#7b2cbf',
} as const;

/** Kinds of coordination request (SPEC 2.6). */
export const REQUEST_KINDS = [
  'dignity_kits',
  'cmr_supplies',
  'female_staff',
  'psychosocial_team',
  'lighting',
  'locks_partitions',
  'latrine_separation',
  'safe_transport',
  'safe_house_space',
  'mobile_clinic',
  'interpreter',
  'safety_audit',
  'other',
] as const;
/** One request kind. */
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Request priorities. */
export const REQUEST_PRIORITIES = ['life_saving', 'urgent', 'routine'] as const;

/** Request statuses (SPEC 2.6); the allowed moves are in domain/requestWorkflow.ts. */
export const REQUEST_STATUSES = [
  'open',
  'acknowledged',
  'in_progress',
  'done',
  'declined',
  'cancelled',
  'escalated',
] as const;
/** One request status. */
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The six standard GBV incident types (SPEC 2.4). */
export const INCIDENT_TYPES = [
  'rape',
  'sexual_assault',
  'physical_assault',
  'forced_marriage',
  'denial_of_resources',
  'psychological_abuse',
] as const;
/** Survivor sex as counted in aggregates. */
export const SURVIVOR_SEXES = ['female', 'male'] as const;
/** Survivor age bands in incident aggregates; the first two are children. */
export const INCIDENT_AGE_BANDS = ['0-11', '12-17', '18-59', '60+'] as const;
/** Settings where incidents happened. */
export const INCIDENT_SETTINGS = ['home', 'evacuation_site', 'public_space', 'other'] as const;
