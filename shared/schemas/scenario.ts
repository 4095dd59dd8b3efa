import { z } from 'zod';
import { TimestampSchema } from './common.js';

/** The demo users a scenario step may act as (password `demo`). */
export const SCENARIO_ACTORS = ['ops', 'shelter', 'gbv', 'provider'] as const;

/** The record kinds a scenario writes, with the API collection each lives in. */
export const SCENARIO_ENTITIES = {
  alert: '/api/alerts',
  shelter: '/api/shelters',
  service: '/api/services',
  request: '/api/requests',
} as const;

/** A time after the scenario's start: `+<days>d<hh>:<mm>` (e.g. `+4d10:30`). */
export const OffsetSchema = z
  .string()
  .regex(/^\+\d{1,3}d([01]\d|2[0-3]):[0-5]\d$/, 'must look like +4d10:30 (days, hours, minutes)');

/** Minutes after the start that an offset names. */
export function offsetMinutes(offset: string): number {
  const m = /^\+(\d+)d(\d\d):(\d\d)$/.exec(offset);
  if (!m) throw new Error(`bad offset ${offset}`);
  return Number(m[1]) * 1440 + Number(m[2]) * 60 + Number(m[3]);
}

/**
 * A stable key naming a record: one created earlier in the scenario (`yagi:alert-storm`), or a seeded
 * one by its name (`seed:shelter:Ha Tu Flood Shelter`, `seed:organisation:VWU-QN` by acronym).
 */
export const RecordKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(
    /^(seed:(shelter|service|request|alert|organisation):.+|[a-z0-9][a-z0-9:._-]*)$/,
    'not a record key',
  );

/**
 * One step: at `offset`, `actor` creates the record `key` or patches it (`availability` posts a
 * service's availability update). In `body`, `"$id:<key>"` becomes that record's id and
 * `"$now+<hours>h"` a real time that many hours from now (validity windows are real, not 2024).
 */
export const ScenarioStepSchema = z.strictObject({
  offset: OffsetSchema,
  actor: z.enum(SCENARIO_ACTORS),
  action: z.enum(['create', 'patch', 'availability']),
  entity: z.enum(Object.keys(SCENARIO_ENTITIES) as [keyof typeof SCENARIO_ENTITIES]),
  key: RecordKeySchema,
  body: z.record(z.string(), z.unknown()),
  /** R (a real event, with its source) or S (synthetic): shown in the replay's log. */
  source: z.string().max(40),
  note: z.string().max(300),
});
/** One scenario step. */
export type ScenarioStep = z.infer<typeof ScenarioStepSchema>;

/** A replay scenario: a timeline of API writes, data rather than code. */
export const ScenarioSchema = z
  .strictObject({
    name: z.string().min(1).max(80),
    /** Scenario time zero, local time with its offset. */
    start: TimestampSchema,
    steps: z.array(ScenarioStepSchema).min(1),
  })
  .superRefine((s, ctx) => {
    const created = new Set<string>();
    let last = -1;
    s.steps.forEach((step, i) => {
      // Each field was checked already, but a refinement still runs on a step with a bad offset.
      const t = OffsetSchema.safeParse(step.offset).success ? offsetMinutes(step.offset) : last;
      if (t < last)
        ctx.addIssue({ code: 'custom', message: 'steps out of order', path: ['steps', i, 'offset'] });
      last = t;
      const seeded = step.key.startsWith('seed:');
      if (step.action === 'create') {
        if (seeded || created.has(step.key))
          ctx.addIssue({ code: 'custom', message: 'a create needs a new key', path: ['steps', i, 'key'] });
        created.add(step.key);
      } else if (!seeded && !created.has(step.key))
        ctx.addIssue({ code: 'custom', message: 'no record with this key yet', path: ['steps', i, 'key'] });
      for (const ref of JSON.stringify(step.body).matchAll(/"\$id:([^"]+)"/g))
        if (!ref[1]!.startsWith('seed:') && !created.has(ref[1]!))
          ctx.addIssue({ code: 'custom', message: `unknown key ${ref[1]}`, path: ['steps', i, 'body'] });
    });
  });
/** A replay scenario. */
export type Scenario = z.infer<typeof ScenarioSchema>;
