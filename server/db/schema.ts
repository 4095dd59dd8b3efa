import type { ColumnType, Generated } from 'kysely';
import type { Organisation } from '../../shared/schemas/auth.js';
import type { ApiTokensTable, SessionsTable, UsersTable } from './schema.access.js';

// The tables as the query builder sees them, written once from migrations.ts (the SQL there is the
// truth; a new migration adds or changes its table here). A `Generated` column has a default; a
// timestamp reads as a Date and takes an ISO string or a Date; a jsonb column reads as its value
// and takes its JSON text (pg would send a JS array as a PostgreSQL array, not as JSON).

/** timestamptz: read as a Date, written as an ISO string or a Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** timestamptz with a default. */
export type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: read as its value, written as JSON text. */
export type Json<T = unknown> = ColumnType<T, string, string>;
/** jsonb that may be null. */
export type NullableJson<T = unknown> = ColumnType<T | null, string | null, string | null>;

/** The metadata columns every versioned record has (SPEC 2). */
export interface RecordColumns {
  id: Generated<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  version: Generated<number>;
  updated_by: string | null;
  org_id: string | null;
}

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  acronym: string | null;
  kind: Organisation['kind'];
  sectors: ColumnType<Organisation['sectors'], Organisation['sectors'] | undefined, Organisation['sectors']>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  version: Generated<number>;
  updated_by: string | null;
}

export interface SheltersTable extends RecordColumns {
  name: string;
  kind: string;
  province_code: string;
  commune_code: string | null;
  lat: number;
  lon: number;
  managing_org_id: string | null;
  contact_phone: string | null;
  /** The shelter's code in SMS reports (migration 6). */
  sms_code: string | null;
  status: string;
  capacity: number;
  occupancy: number;
  households: number;
  demographics: NullableJson;
  vulnerable: NullableJson;
  needs: Json;
  checklist: Json;
  safety_score: number;
  last_reported_at: DefaultTimestamp;
  simulated: Generated<boolean>;
}

export interface EventsTable {
  seq: number;
  type: string;
  entity: string;
  entity_id: string;
  data: Json;
  changes: NullableJson;
  actor_user_id: string | null;
  actor_org_id: string | null;
  at: DefaultTimestamp;
}

export interface EventCounterTable {
  id: number;
  seq: number;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  status: number;
  body: Json;
  created_at: DefaultTimestamp;
}

export interface ServicePointsTable extends RecordColumns {
  name: string;
  provider_org_id: string;
  types: string[];
  province_code: string;
  commune_code: string | null;
  location_visibility: string;
  lat: number | null;
  lon: number | null;
  contact_phone: string | null;
  hours: string | null;
  open_24h: Generated<boolean>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  cost: string;
  referral: string;
  availability: Json;
  last_reported_at: DefaultTimestamp;
  simulated: Generated<boolean>;
}

export interface ServiceAvailabilityTable {
  id: Generated<string>;
  service_id: string;
  status: string;
  reasons: ColumnType<string[], string[] | undefined, string[]>;
  expected_restore_at: Timestamp | null;
  stock: NullableJson;
  safe_house_beds: number | null;
  hotline_working: boolean | null;
  note: string | null;
  reported_by: string | null;
  reported_at: DefaultTimestamp;
}

export interface GbvAlertsTable extends RecordColumns {
  service_id: string;
  service_name: string;
  province_code: string;
  reasons: string[];
  status: Generated<string>;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  simulated: Generated<boolean>;
}

export interface RiskAlertsTable extends RecordColumns {
  hazard: string;
  level: number;
  title: string;
  province_codes: ColumnType<string[], string[] | undefined, string[]>;
  commune_codes: ColumnType<string[], string[] | undefined, string[]>;
  polygon: NullableJson;
  storm: NullableJson;
  valid_from: Timestamp;
  valid_to: Timestamp;
  status: string;
  issuer: string;
  bulletin_number: string | null;
  simulated: Generated<boolean>;
}

export interface CoordinationRequestsTable extends RecordColumns {
  kind: string;
  title: string;
  from_org_id: string;
  to_org_id: string | null;
  to_sector: string | null;
  shelter_id: string | null;
  shelter_org_id: string | null;
  service_id: string | null;
  province_code: string;
  priority: string;
  quantity: number | null;
  needed_by: Timestamp | null;
  status: string;
  message_count: Generated<number>;
  simulated: Generated<boolean>;
}

export interface CoordinationRolesTable extends RecordColumns {
  function: string;
  level: string;
  province_code: string | null;
  lead_org_id: string | null;
  support_org_ids: ColumnType<string[], string | undefined, string>;
  contact: NullableJson;
  state: Generated<string>;
  last_reviewed_at: Timestamp | null;
}

export interface RequestMessagesTable {
  id: Generated<string>;
  request_id: string;
  org_id: string | null;
  user_id: string | null;
  text: string;
  created_at: DefaultTimestamp;
}

export interface IncidentReportsTable {
  id: Generated<string>;
  period: string;
  month: string;
  province_code: string;
  commune_code: string | null;
  reporting_org_id: string;
  counts: Json;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: DefaultTimestamp;
  user_id: string | null;
  username: string | null;
  role: string | null;
  org_id: string | null;
  action: string;
  resource: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface IncidentReleasesTable {
  id: Generated<string>;
  release_no: number;
  province_code: string;
  month: string;
  revision: number;
  counts: Json;
  contributions: Json;
  released_at: Timestamp;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: DefaultTimestamp;
}

export interface SmsMessagesTable {
  gateway_id: string;
  token_id: string | null;
  from_phone: string;
  user_id: string | null;
  body: string;
  outcome: string;
  shelter_id: string | null;
  reply: string;
  received_at: DefaultTimestamp;
}

export interface HandoverNotesTable {
  id: Generated<string>;
  user_id: string;
  display_name: string;
  role: string;
  org_id: string;
  text: string;
  at: DefaultTimestamp;
}

/** Every table, by name. */
export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  shelters: SheltersTable;
  events: EventsTable;
  event_counter: EventCounterTable;
  idempotency_keys: IdempotencyKeysTable;
  service_points: ServicePointsTable;
  service_availability: ServiceAvailabilityTable;
  gbv_alerts: GbvAlertsTable;
  risk_alerts: RiskAlertsTable;
  coordination_requests: CoordinationRequestsTable;
  coordination_roles: CoordinationRolesTable;
  request_messages: RequestMessagesTable;
  incident_reports: IncidentReportsTable;
  audit_log: AuditLogTable;
  incident_releases: IncidentReleasesTable;
  schema_migrations: SchemaMigrationsTable;
  handover_notes: HandoverNotesTable;
  api_tokens: ApiTokensTable;
  sms_messages: SmsMessagesTable;
}
