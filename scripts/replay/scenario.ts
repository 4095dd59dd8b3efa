import fs from 'node:fs';
import {
  ScenarioSchema,
  offsetMinutes,
  type Scenario,
  type ScenarioStep,
} from '../../shared/schemas/scenario.js';
import { ReplayError } from './errors.js';

/** Read and validate a scenario file; every problem is named with its place in the file. */
export function loadScenario(file: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ReplayError(`Cannot read the scenario ${file}: ${(err as Error).message}`);
  }
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success)
    throw new ReplayError(
      `The scenario ${file} is not valid:\n` +
        parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'),
    );
  return parsed.data;
}

/** The scenario time (ms since the epoch) of a step. */
export function stepTime(s: Scenario, step: ScenarioStep): number {
  return Date.parse(s.start) + offsetMinutes(step.offset) * 60_000;
}

/** The scenario's local calendar date of a time (the start's UTC offset), as YYYY-MM-DD. */
export function localDate(s: Scenario, t: number): string {
  const m = /([+-])(\d\d):(\d\d)$/.exec(s.start);
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(t + offsetMin * 60_000).toISOString().slice(0, 10);
}

/**
 * Which steps to play and which to apply at once: steps before `from` are fast-forwarded (later
 * steps build on them), steps after `to` are left out.
 */
export function planSteps(
  s: Scenario,
  from?: string,
  to?: string,
): { step: ScenarioStep; index: number; at: number; fastForward: boolean }[] {
  return s.steps
    .map((step, index) => ({ step, index, at: stepTime(s, step) }))
    .filter(({ at }) => !to || localDate(s, at) <= to)
    .map((p) => ({ ...p, fastForward: !!from && localDate(s, p.at) < from }));
}
