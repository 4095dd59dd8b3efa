import {
  CRITICAL_CHECKLIST_KEYS,
  type ChecklistAnswer,
  type RequestKind,
  type RequestStatus,
} from '../enums.js';
import type { CareAlertRule } from '../schemas/careAlerts.js';
import type { RiskAlert } from '../schemas/alerts.js';
import { isAlertInForce } from './alerts.js';
import { GAP_REQUEST_KIND } from './checklistGaps.js';
import { haversineKm, placeInArea, type AlertArea } from './geo.js';

/** The duty-of-care thresholds (configuration: server/env.ts). */
export interface CareThresholds {
  /** A shelter over this share of its capacity, in per cent. */
  overCapacityPct: number;
  /** A critical checklist item `no` for longer than this. */
  checklistNoHours: number;
  /** An open shelter with no open clinical service within this distance. */
  clinicRadiusKm: number;
  /** A hotline not working for longer than this. */
  hotlineDownMinutes: number;
  /** A service inside an alert area not reconfirmed for this long. */
  reconfirmHours: number;
  /** Alert areas of this level and above. */
  alertLevel: number;
}

/** The thresholds of issue 11. */
export const DEFAULT_CARE_THRESHOLDS: CareThresholds = {
  overCapacityPct: 110,
  checklistNoHours: 6,
  clinicRadiusKm: 20,
  hotlineDownMinutes: 30,
  reconfirmHours: 24,
  alertLevel: 3,
};

/** What the rules read of a shelter. */
export interface CareShelter {
  id: string;
  provinceCode: string;
  status: string;
  lat: number;
  lon: number;
  capacity: number;
  occupancy: number;
  checklist: Readonly<Record<string, ChecklistAnswer>> | null;
}

/** What the rules read of a service point (its true position: the rules run on the server). */
export interface CareService {
  id: string;
  provinceCode: string;
  communeCode: string | null;
  lat: number | null;
  lon: number | null;
  types: readonly string[];
  availability: { status: string; hotlineWorking: boolean | null };
  lastReportedAt: string;
}

/** What the rules read of a coordination request. */
export interface CareRequest {
  kind: RequestKind;
  status: RequestStatus;
  shelterId: string | null;
}

/** What the rules read of a risk alert. */
export interface CareArea extends AlertArea {
  level: number;
  status: RiskAlert['status'];
  validFrom: string;
  validTo: string;
}

/** Everything the rules look at. */
export interface CareInput {
  shelters: readonly CareShelter[];
  services: readonly CareService[];
  requests: readonly CareRequest[];
  areas: readonly CareArea[];
}

/**
 * One condition that holds now. It becomes an alert once it has held for `holdMs` since `since`;
 * `since` is null when only the evaluator knows it (from when it first saw the condition).
 */
export interface CareCondition {
  rule: CareAlertRule;
  subjectKind: 'shelter' | 'service';
  subjectId: string;
  /** The checklist item, or ''. */
  item: string;
  holdMs: number;
  since: string | null;
  /** Figures for the alert's text, with the threshold it was raised under (so the text names it). */
  detail: Record<string, number>;
}

/** Request statuses still being worked on. */
const OPEN_REQUEST: ReadonlySet<RequestStatus> = new Set([
  'open',
  'acknowledged',
  'in_progress',
  'escalated',
]);
/** Shelters people are in (or being sent to). */
const OPEN_SHELTER: ReadonlySet<string> = new Set(['open', 'full']);
/** A clinical point that takes patients. */
const CLINIC_OPEN: ReadonlySet<string> = new Set(['open', 'limited', 'mobile_only']);

const HOUR = 3_600_000;

/** The key of a condition or an alert: one alert per (rule, subject, item) while it holds. */
export const careKey = (c: { rule: string; subjectId: string; item: string }): string =>
  `${c.rule}|${c.subjectId}|${c.item}`;

/** A shelter over its capacity threshold. */
export function overCapacity(s: CareShelter, th: CareThresholds): CareCondition[] {
  if (s.capacity <= 0 || s.status === 'closed') return [];
  const pct = Math.round((s.occupancy / s.capacity) * 100);
  if (s.occupancy * 100 <= s.capacity * th.overCapacityPct) return [];
  return [
    shelterCondition('over_capacity', s, '', 0, { occupancyPct: pct, thresholdPct: th.overCapacityPct }),
  ];
}

/** Each critical checklist item `no`, once it has been so for the threshold. */
export function checklistNo(s: CareShelter, th: CareThresholds): CareCondition[] {
  return criticalNo(s).map((k) =>
    shelterCondition('checklist_no', s, k, th.checklistNoHours * HOUR, { hours: th.checklistNoHours }),
  );
}

/** Each critical checklist item `no` with no open request of its kind for the shelter. */
export function gapUnrequested(s: CareShelter, requests: readonly CareRequest[]): CareCondition[] {
  const open = new Set(
    requests.filter((r) => r.shelterId === s.id && OPEN_REQUEST.has(r.status)).map((r) => r.kind),
  );
  return criticalNo(s)
    .filter((k) => !open.has(GAP_REQUEST_KIND[k as keyof typeof GAP_REQUEST_KIND]))
    .map((k) => shelterCondition('gap_unrequested', s, k, 0, {}));
}

/** An open shelter with no open clinical (`health_cmr`) service within the radius. */
export function noClinicNearby(
  s: CareShelter,
  services: readonly CareService[],
  th: CareThresholds,
): CareCondition[] {
  if (!OPEN_SHELTER.has(s.status)) return [];
  let nearest = Infinity;
  for (const v of services) {
    if (!v.types.includes('health_cmr') || !CLINIC_OPEN.has(v.availability.status)) continue;
    if (v.lat === null || v.lon === null) continue;
    nearest = Math.min(nearest, haversineKm(s, { lat: v.lat, lon: v.lon }));
  }
  if (nearest <= th.clinicRadiusKm) return [];
  const detail: Record<string, number> = { radiusKm: th.clinicRadiusKm };
  if (Number.isFinite(nearest)) detail.nearestKm = Math.round(nearest * 10) / 10;
  return [shelterCondition('no_clinic_nearby', s, '', 0, detail)];
}

/** A hotline reported not working, once for the threshold. */
export function hotlineDown(v: CareService, th: CareThresholds): CareCondition[] {
  if (!v.types.includes('hotline') || v.availability.hotlineWorking !== false) return [];
  return [
    serviceCondition('hotline_down', v, th.hotlineDownMinutes * 60_000, null, {
      minutes: th.hotlineDownMinutes,
    }),
  ];
}

/** A service inside an alert area in force (level threshold and above), not reconfirmed for the threshold. */
export function unconfirmedInAlert(
  v: CareService,
  areas: readonly CareArea[],
  now: Date,
  th: CareThresholds,
): CareCondition[] {
  // Its own report tells since when: reconfirming (any report) ends the condition at once.
  if (now.getTime() - Date.parse(v.lastReportedAt) < th.reconfirmHours * HOUR) return [];
  const inArea = areas.some((a) => a.level >= th.alertLevel && isAlertInForce(a, now) && placeInArea(v, a));
  if (!inArea) return [];
  return [
    serviceCondition('unconfirmed_in_alert', v, 0, v.lastReportedAt, {
      hours: th.reconfirmHours,
      level: th.alertLevel,
    }),
  ];
}

/** Every condition that holds now, in key order (so two evaluators lock rows in the same order). */
export function careConditions(input: CareInput, now: Date, th: CareThresholds): CareCondition[] {
  const out: CareCondition[] = [];
  for (const s of input.shelters) {
    out.push(...overCapacity(s, th), ...checklistNo(s, th), ...gapUnrequested(s, input.requests));
    out.push(...noClinicNearby(s, input.services, th));
  }
  for (const v of input.services)
    out.push(...hotlineDown(v, th), ...unconfirmedInAlert(v, input.areas, now, th));
  return out.sort((a, b) => careKey(a).localeCompare(careKey(b)));
}

/** True when a condition seen since `since` has held long enough to raise its alert at `now`. */
export function isDue(c: Pick<CareCondition, 'holdMs'>, since: string, now: Date): boolean {
  return now.getTime() - Date.parse(since) >= c.holdMs;
}

const criticalNo = (s: CareShelter): string[] =>
  s.checklist ? CRITICAL_CHECKLIST_KEYS.filter((k) => s.checklist?.[k] === 'no') : [];

const shelterCondition = (
  rule: CareAlertRule,
  s: CareShelter,
  item: string,
  holdMs: number,
  detail: Record<string, number>,
): CareCondition => ({ rule, subjectKind: 'shelter', subjectId: s.id, item, holdMs, since: null, detail });

const serviceCondition = (
  rule: CareAlertRule,
  v: CareService,
  holdMs: number,
  since: string | null,
  detail: Record<string, number>,
): CareCondition => ({ rule, subjectKind: 'service', subjectId: v.id, item: '', holdMs, since, detail });
