import type { VisibleChange } from '../../shared/events.js';
import type { RiskAlert } from '../../shared/schemas/alerts.js';
import type { IncidentCell } from '../../shared/schemas/incidents.js';
import type { CoordinationRequest, RequestMessage } from '../../shared/schemas/requests.js';
import { firstAvailability, type GbvAlert, type ServicePoint } from '../../shared/schemas/services.js';

let n = 0;
/** A fresh UUID-shaped id. */
export const uid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const at = '2024-09-07T06:00:00.000Z';
const meta = () => ({ id: uid(), createdAt: at, updatedAt: at, version: 1, updatedBy: null, orgId: null });
type Stored = keyof ReturnType<typeof meta> | 'simulated';

/**
 * A builder of one domain's stored records: fresh metadata (a new id each time), the domain's own
 * `fields` (a function, so ids in them are fresh too), not simulated, then the caller's `over`.
 */
const recordBuilder =
  <T>(fields: () => Omit<T, Stored>) =>
  (over: Partial<T> = {}): T =>
    ({ ...meta(), ...fields(), simulated: false, ...over }) as T;

/** A service point as a reader sees it (exact position, open, no stock shown). */
export const buildService = recordBuilder<ServicePoint>(() => ({
  name: 'Bai Chay Hospital (test)',
  providerOrgId: uid(),
  masked: false,
  types: ['health_cmr'],
  provinceCode: '22',
  communeCode: null,
  locationVisibility: 'exact',
  positionShown: 'exact',
  lat: 20.95,
  lon: 107.05,
  contactPhone: '1900 1234',
  hours: null,
  open24h: true,
  languages: ['vi'],
  cost: 'free',
  referral: 'any',
  availability: firstAvailability('open', at, null),

  lastReportedAt: at,
}));

/** A risk alert over Quang Ninh, in force in September 2024. */
export const buildAlert = recordBuilder<RiskAlert>(() => ({
  hazard: 'storm',
  level: 4,
  title: 'Storm No. 3 (test)',
  provinceCodes: ['22'],
  communeCodes: [],
  polygon: null,
  storm: null,
  validFrom: '2024-09-06T00:00:00.000Z',
  validTo: '2024-09-09T00:00:00.000Z',
  status: 'active',
  issuer: 'Test',
  bulletinNumber: null,
}));

/** An open coordination request. */
export const buildRequest = recordBuilder<CoordinationRequest>(() => ({
  kind: 'lighting',
  title: 'Solar lamps (test)',
  fromOrgId: uid(),
  toOrgId: null,
  toSector: 'gbv',
  shelterId: null,
  shelterOrgId: null,
  serviceId: null,
  provinceCode: '22',
  priority: 'urgent',
  quantity: 10,
  neededBy: null,
  status: 'open',
  messageCount: 0,
}));

/** A thread message. */
export function buildMessage(requestId: string, over: Partial<RequestMessage> = {}): RequestMessage {
  return { id: uid(), requestId, orgId: null, userId: null, text: 'On the way', createdAt: at, ...over };
}

/** A time-critical alert. */
export const buildGbvAlert = recordBuilder<GbvAlert>(() => ({
  serviceId: uid(),
  serviceName: 'Bai Chay Hospital (test)',
  provinceCode: '22',
  reasons: ['pep_out'],
  status: 'open',
  acknowledgedAt: null,
  acknowledgedBy: null,
}));

/** One province and month of suppressed incident counts with only the total shown. */
export function buildCell(
  provinceCode: string,
  month: string,
  total: IncidentCell['counts']['total'],
): IncidentCell {
  return {
    provinceCode,
    month,
    counts: { total, byType: null, bySex: null, byAge: null, bySetting: null, within72h: null },
    releasedAt: '2024-10-08T00:00:00.000Z',
  };
}

/** A pushed change of `type` carrying `data`, at the factories' time and by no one in particular. */
export function buildChange<T extends VisibleChange['type']>(
  seq: number,
  type: T,
  data: Extract<VisibleChange, { type: T }>['data'],
): Extract<VisibleChange, { type: T }> {
  return { seq, type, data, at, by: { userId: null, orgId: null } } as Extract<VisibleChange, { type: T }>;
}
