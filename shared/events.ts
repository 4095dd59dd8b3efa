import { z } from 'zod';
import { IdSchema, TimestampSchema } from './schemas/common.js';
import { ShelterSchema } from './schemas/shelters.js';
import { OrganisationSchema } from './schemas/auth.js';
import { GbvAlertSchema, ServicePointSchema, StockTotalsSchema } from './schemas/services.js';
import { RiskAlertSchema } from './schemas/alerts.js';
import { CareAlertSchema } from './schemas/careAlerts.js';
import { CoordinationRequestSchema, RequestMessageAddedSchema } from './schemas/requests.js';
import { CoordinationRoleSchema } from './schemas/coordinationRoles.js';
import {
  IncidentCellChangedSchema,
  IncidentReleasedSchema,
  IncidentReportedSchema,
  IncidentSummarySchema,
} from './schemas/incidents.js';
import type { ApiError } from './schemas/api.js';
import { SNAPSHOT_DOMAINS } from './snapshotParts.js';
import type { DemoClock } from './schemas/demo.js';

export { PROTOCOL_VERSION } from './protocol.js';

/** The record each broadcast type carries, as the receiving audience may see it. */
export const EVENT_DATA_SCHEMAS = {
  'shelter:created': ShelterSchema,
  'shelter:updated': ShelterSchema,
  'organisation:created': OrganisationSchema,
  'service:created': ServicePointSchema,
  'service:updated': ServicePointSchema,
  'service:availability-changed': ServicePointSchema,
  'stock-totals:changed': StockTotalsSchema,
  'gbv-alert:raised': GbvAlertSchema,
  'gbv-alert:acknowledged': GbvAlertSchema,
  'care-alert:raised': CareAlertSchema,
  'care-alert:acknowledged': CareAlertSchema,
  'care-alert:cleared': CareAlertSchema,
  'alert:created': RiskAlertSchema,
  'alert:updated': RiskAlertSchema,
  'request:created': CoordinationRequestSchema,
  'request:updated': CoordinationRequestSchema,
  'request:message-added': RequestMessageAddedSchema,
  'incident:summary-changed': IncidentCellChangedSchema,
  'incident:reported': IncidentReportedSchema,
  'incident:released': IncidentReleasedSchema,
  'coordination-role:created': CoordinationRoleSchema,
  'coordination-role:updated': CoordinationRoleSchema,
} as const;
/** A broadcast type, `domain:past-tense-verb`. */
export type ChangeType = keyof typeof EVENT_DATA_SCHEMAS;
/** All broadcast types. */
export const CHANGE_TYPES = Object.keys(EVENT_DATA_SCHEMAS) as [ChangeType, ...ChangeType[]];

/** Who made a change. */
export const ActorSchema = z.object({ userId: IdSchema.nullable(), orgId: IdSchema.nullable() });

const visibleChange = <T extends ChangeType>(type: T) =>
  z.object({
    seq: z.number().int().min(1),
    type: z.literal(type),
    data: EVENT_DATA_SCHEMAS[type],
    at: TimestampSchema,
    by: ActorSchema,
  });

/** A seq-only placeholder for an event the audience may not see, so it can still tell its stream has no gap. */
export const HiddenChangeSchema = z.object({ seq: z.number().int().min(1), type: z.literal('hidden') });

/** One pushed change: `{ seq, type, data, at, by }`, or a seq-only placeholder. */
export const ChangeSchema = z.discriminatedUnion('type', [
  visibleChange('shelter:created'),
  visibleChange('shelter:updated'),
  visibleChange('organisation:created'),
  visibleChange('service:created'),
  visibleChange('service:updated'),
  visibleChange('service:availability-changed'),
  visibleChange('stock-totals:changed'),
  visibleChange('gbv-alert:raised'),
  visibleChange('gbv-alert:acknowledged'),
  visibleChange('care-alert:raised'),
  visibleChange('care-alert:acknowledged'),
  visibleChange('care-alert:cleared'),
  visibleChange('alert:created'),
  visibleChange('alert:updated'),
  visibleChange('request:created'),
  visibleChange('request:updated'),
  visibleChange('request:message-added'),
  visibleChange('incident:summary-changed'),
  visibleChange('incident:reported'),
  visibleChange('incident:released'),
  visibleChange('coordination-role:created'),
  visibleChange('coordination-role:updated'),
  HiddenChangeSchema,
]);
/** One pushed change. */
export type Change = z.infer<typeof ChangeSchema>;
/** A change the audience may see. */
export type VisibleChange = Exclude<Change, { type: 'hidden' }>;

/** Payload of the client's `sync` command. */
export const SyncRequestSchema = z.strictObject({
  afterSeq: z.number().int().min(0),
  /** The reply's placeholders may come as runs (shared/hiddenRuns.ts): ask only after a hello offered them. */
  hiddenRuns: z.literal(true).optional(),
});
/** Payload of the client's `sync` command. */
export type SyncRequest = z.infer<typeof SyncRequestSchema>;

/** Answer to `sync` (and to GET /api/events): the missed events, or `reset` when too far behind. */
export const SyncResultSchema = z.discriminatedUnion('reset', [
  z.object({ reset: z.literal(false), events: z.array(ChangeSchema), head: z.number().int().min(0) }),
  z.object({ reset: z.literal(true), head: z.number().int().min(0) }),
]);
/** Answer to `sync`. */
export type SyncResult = z.infer<typeof SyncResultSchema>;

/**
 * GET /api/snapshot: everything the audience may see, current to `seq`. `stockTotals` and
 * `incidents` are absent (not empty) for roles that may not read them. `inAlert` maps a shelter's
 * or a service's id to the ids of the risk alerts in force over it.
 */
export const SnapshotSchema = z.object({
  seq: z.number().int().min(0),
  shelters: z.array(ShelterSchema),
  organisations: z.array(OrganisationSchema),
  services: z.array(ServicePointSchema),
  alerts: z.array(RiskAlertSchema),
  inAlert: z.object({
    shelters: z.record(IdSchema, z.array(IdSchema)),
    services: z.record(IdSchema, z.array(IdSchema)),
  }),
  requests: z.array(CoordinationRequestSchema),
  gbvAlerts: z.array(GbvAlertSchema),
  /** Duty-of-care alerts raised (open, acknowledged, recently cleared); absent for roles that read none. */
  careAlerts: z.array(CareAlertSchema).optional(),
  stockTotals: z.array(StockTotalsSchema).optional(),
  incidents: IncidentSummarySchema.optional(),
  /** The coordination mechanism (issue 13); optional so an older server's snapshot still parses. */
  coordinationRoles: z.array(CoordinationRoleSchema).optional(),
});
/** GET /api/snapshot. */
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** A domain a snapshot can be read in parts by. */
export const SnapshotDomainSchema = z.enum(SNAPSHOT_DOMAINS);

/**
 * GET /api/snapshot?domains=…: the listed domains only, current to `seq` (each part read in one
 * transaction with the seq it is at). `domains` echoes what the part covers; a covered key the role
 * may not read is absent, as in the whole snapshot. `inAlert` is only in the whole snapshot.
 */
export const SnapshotPartSchema = SnapshotSchema.omit({ inAlert: true })
  .partial()
  .extend({ seq: SnapshotSchema.shape.seq, domains: z.array(SnapshotDomainSchema).min(1) });
/** GET /api/snapshot?domains=…. */
export type SnapshotPart = z.infer<typeof SnapshotPartSchema>;

/**
 * What a client may send in the Socket.IO handshake (`auth`): `afterSeq`, the last seq it applied, so
 * the hello brings its catch-up and a reconnect costs no `sync` round trip.
 */
export const HandshakeAuthSchema = z.strictObject({
  afterSeq: z.number().int().min(0).optional(),
  /** The hello's catch-up and every `sync` reply on this socket may carry placeholder runs. */
  hiddenRuns: z.literal(true).optional(),
});
/** The handshake's `auth`. */
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>;

/**
 * The server's first message on a socket: its protocol version and the seq it has sent up to; with
 * `catchUp`, what `sync {afterSeq}` would answer for the handshake's `afterSeq` (a page at most).
 */
export const HelloSchema = z.object({
  protocol: z.number().int().min(1),
  head: z.number().int().min(0),
  catchUp: SyncResultSchema.optional(),
  /**
   * The server sends placeholder runs to a client that asks (the handshake's or `sync`'s
   * `hiddenRuns`). Optional both ways: an older client ignores it, an older server never says it.
   */
  hiddenRuns: z.literal(true).optional(),
});
/** The server's first message on a socket. */
export type Hello = z.infer<typeof HelloSchema>;

/** Ack of a socket command, in the reply envelope. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Events the server pushes. */
export interface ServerToClientEvents {
  change: (change: Change) => void;
  hello: (info: Hello) => void;
  /** The scenario clock of a demo replay in progress. */
  'demo:clock': (clock: DemoClock) => void;
}

/** Commands the client sends. */
export interface ClientToServerEvents {
  sync: (req: SyncRequest, ack: (reply: Ack<SyncResult>) => void) => void;
}

/** Messages between server processes (Socket.IO adapter): a user's or a session's access ended. */
export interface InterServerEvents {
  'demo:clock': (clock: DemoClock) => void;
  'sho:revoke': (
    who: { userId: string; sessionId?: undefined } | { sessionId: string; userId?: undefined },
  ) => void;
}

/** What the server keeps on each socket. */
export interface SocketData {
  userId: string;
  username: string;
  sessionId: string;
  audience: string;
  /** The handshake's `afterSeq` (validated), answered in the hello. */
  afterSeq?: number;
  /** The handshake asked for placeholder runs: the catch-ups on this socket fold them. */
  hiddenRuns?: boolean;
}
