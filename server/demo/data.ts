import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../paths.js';
import { OrganisationSchema, UserSchema } from '../../shared/schemas/auth.js';
import { ShelterSchema } from '../../shared/schemas/shelters.js';
import { AvailabilitySchema, ServicePointSchema, StockSchema } from '../../shared/schemas/services.js';
import { CoordinationRequestSchema } from '../../shared/schemas/requests.js';
import { CoordinationFunctionSchema, RoleContactSchema } from '../../shared/schemas/coordinationRoles.js';
import { PeriodSchema } from '../../shared/schemas/incidents.js';
import { RiskAlertSchema } from '../../shared/schemas/alerts.js';
import { INCIDENT_TYPES } from '../../shared/enums.js';

// The demo's literals live in data/*.json, each checked against the shared schemas when loaded: a
// typo in a kind or a status fails at start, not in a reader's screen. `org` and `from`/`to` are
// the keys of data/organisations.json.

const OrgSeedSchema = OrganisationSchema.pick({
  name: true,
  acronym: true,
  kind: true,
  sectors: true,
}).extend({
  key: z.string(),
});

const UserSeedSchema = UserSchema.pick({ username: true, displayName: true, role: true, scope: true }).extend(
  {
    org: z.string(),
  },
);

const ShelterSeedSchema = ShelterSchema.pick({
  name: true,
  kind: true,
  provinceCode: true,
  communeCode: true,
  lat: true,
  lon: true,
  status: true,
  capacity: true,
  occupancy: true,
}).extend({ org: z.string(), communeCode: z.string(), score: z.number().int(), hoursAgo: z.number() });

const ServiceSeedSchema = ServicePointSchema.pick({
  name: true,
  types: true,
  provinceCode: true,
  communeCode: true,
  locationVisibility: true,
  lat: true,
  lon: true,
  open24h: true,
}).extend({
  org: z.string(),
  status: AvailabilitySchema.shape.status,
  stock: StockSchema.nullable(),
  hoursAgo: z.number(),
});

const RequestSeedSchema = CoordinationRequestSchema.pick({
  kind: true,
  title: true,
  toSector: true,
  provinceCode: true,
  priority: true,
  quantity: true,
  status: true,
}).extend({
  key: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  shelterName: z.string().nullable(),
  serviceName: z.string().nullable(),
  messages: z.array(z.string()),
});

// From the project root, so the built server (dist/) reads the same files.
const DATA_DIR = path.join(PROJECT_ROOT, 'server', 'demo', 'data');

function load<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  const text = fs.readFileSync(path.join(DATA_DIR, file), 'utf8');
  return schema.parse(JSON.parse(text));
}

/** The demo organisations: the core ones and those the GBV response adds. */
export const ORG_SEEDS = load(
  'organisations.json',
  z.object({ core: z.array(OrgSeedSchema), gbv: z.array(OrgSeedSchema) }),
);
/** One sign-in per role (SPEC 9), all with the password `demo`. */
export const USER_SEEDS = load('users.json', z.array(UserSeedSchema));
/** Typhoon Yagi's shelters. */
export const SHELTER_SEEDS = load('shelters.json', z.array(ShelterSeedSchema));
/** Service points of every type (safe houses with invented names, hidden). */
export const SERVICE_SEEDS = load('services.json', z.array(ServiceSeedSchema));
/** Coordination requests with their threads. */
export const REQUEST_SEEDS = load('requests.json', z.array(RequestSeedSchema));

const RoleSeedSchema = z.strictObject({
  function: CoordinationFunctionSchema,
  provinceCode: z.string().nullable(),
  lead: z.string().nullable(),
  support: z.array(z.string()),
  contact: RoleContactSchema.nullable(),
  reviewedMonthsAgo: z.number().int().min(0),
});
/** The coordination mechanism of the demo provinces, with one gap (Lao Cai has no clinical lead). */
export const ROLE_SEEDS = load('coordinationRoles.json', z.array(RoleSeedSchema));

const n = z.number().int().min(0);
const IncidentSeedSchema = z.strictObject({
  provinceCode: z.string(),
  period: PeriodSchema,
  org: z.string(),
  byType: z.partialRecord(z.enum(INCIDENT_TYPES), n),
  sex: z.tuple([n, n]),
  age: z.tuple([n, n, n, n]),
  setting: z.tuple([n, n, n, n]),
  within72h: n,
});
/** Incident reports for the weeks of Typhoon Yagi and the month before (small counts on purpose). */
export const INCIDENT_SEEDS = load('incidents.json', z.array(IncidentSeedSchema));

// A time in the storm's timeline: hours after landfall or after now.
const SeedTimeSchema = z.strictObject({ from: z.enum(['landfall', 'now']), hours: z.number() });
const AlertSeedSchema = RiskAlertSchema.pick({
  hazard: true,
  level: true,
  title: true,
  provinceCodes: true,
  communeCodes: true,
  status: true,
  issuer: true,
  bulletinNumber: true,
}).extend({
  key: z.string(),
  /** The polygon's outline, closed when seeded; null for none. */
  ring: z
    .array(z.tuple([z.number(), z.number()]))
    .min(3)
    .nullable(),
  /** Whether the alert carries Yagi's track. */
  storm: z.boolean(),
  validFrom: SeedTimeSchema,
  validTo: SeedTimeSchema,
});
/** Risk alerts along Typhoon Yagi's timeline, and its track: [hours after landfall, lat, lon, wind force]. */
export const ALERT_SEEDS = load(
  'alerts.json',
  z.strictObject({
    track: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])),
    alerts: z.array(AlertSeedSchema),
  }),
);
