import { z } from 'zod';
import {
  INCIDENT_AGE_BANDS,
  INCIDENT_SETTINGS,
  INCIDENT_TYPES,
  SURVIVOR_SEXES,
} from '../../../../shared/enums.js';
import { IncidentReportCreateSchema } from '../../../../shared/schemas/incidents.js';

/** The four breakdowns of a report: the counts key, its values, and their i18n prefix. */
export const GROUPS = [
  ['byType', INCIDENT_TYPES, 'incidentType'],
  ['bySex', SURVIVOR_SEXES, 'sex'],
  ['byAge', INCIDENT_AGE_BANDS, 'ageBand'],
  ['bySetting', INCIDENT_SETTINGS, 'setting'],
] as const;
/** One breakdown. */
export type Group = (typeof GROUPS)[number][0];

/** What the incident form holds: every count as typed. */
export interface IncidentValues {
  period: string;
  provinceCode: string | null;
  total: string;
  within72h: string;
  counts: Record<Group, Record<string, string>>;
}

/** A count as typed; an empty or unreadable box counts as 0, as the running sums show it. */
export const num = (s: string | undefined) => (s && /^\d+$/.test(s.trim()) ? Number(s.trim()) : 0);

/** The sum of one breakdown as typed. */
export const sumOf = (counts: IncidentValues['counts'] | undefined, g: Group) =>
  Object.values(counts?.[g] ?? {}).reduce((n, v) => n + num(v), 0);

/** Empty boxes for every count. */
export const emptyCounts = (): IncidentValues['counts'] =>
  Object.fromEntries(
    GROUPS.map(([g, keys]) => [g, Object.fromEntries(keys.map((k) => [k, '']))]),
  ) as IncidentValues['counts'];

/** The form's values as the body of POST /api/incident-reports, checked by the shared create schema. */
export const IncidentFormSchema = z
  .object({
    period: z.string(),
    provinceCode: z.string().nullable(),
    total: z.string(),
    within72h: z.string(),
    counts: z.record(z.string(), z.record(z.string(), z.string())),
  })
  .transform((v): z.input<typeof IncidentReportCreateSchema> => ({
    period: v.period,
    provinceCode: v.provinceCode ?? '',
    counts: {
      total: num(v.total),
      within72h: num(v.within72h),
      ...(Object.fromEntries(
        GROUPS.map(([g, keys]) => [g, Object.fromEntries(keys.map((k) => [k, num(v.counts[g]?.[k])]))]),
      ) as Record<Group, Record<string, number>>),
    } as z.input<typeof IncidentReportCreateSchema>['counts'],
  }))
  .pipe(IncidentReportCreateSchema);
