import type { Scenario } from '../../shared/schemas/scenario.js';
import { SCENARIO_ACTORS } from '../../shared/schemas/scenario.js';
import { postClock, signIn, type Session } from './api.js';
import { planSteps } from './scenario.js';
import { RecordKeys } from './records.js';
import type { ReplayOptions } from './args.js';

/** How often (real time) the scenario clock is posted between steps. */
const CLOCK_EVERY_MS = 2000;

/**
 * Scenario time that runs at `speed` times real time and can be paused: a pause stops the
 * scenario clock, so nothing is skipped when it resumes.
 */
export class PausableClock {
  private paused = false;
  private baseScenario: number;
  private baseReal = Date.now();
  private waiters: (() => void)[] = [];

  constructor(
    start: number,
    private readonly speed: number,
  ) {
    this.baseScenario = start;
  }

  now(): number {
    return this.paused ? this.baseScenario : this.baseScenario + (Date.now() - this.baseReal) * this.speed;
  }

  /** Jump to a scenario time (a fast-forward). */
  jump(t: number) {
    this.baseScenario = t;
    this.baseReal = Date.now();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  toggle(): boolean {
    if (this.paused) {
      this.baseReal = Date.now();
      this.paused = false;
      this.waiters.splice(0).forEach((w) => w());
    } else {
      this.baseScenario = this.now();
      this.paused = true;
    }
    return this.paused;
  }

  /** Wait until the scenario reaches `t`, calling `tick` every `tickMs` of real time. */
  async until(t: number, tick: () => Promise<void>, tickMs = CLOCK_EVERY_MS): Promise<void> {
    for (;;) {
      if (this.paused) await new Promise<void>((r) => this.waiters.push(r));
      const left = (t - this.now()) / this.speed;
      if (left <= 0) return;
      await new Promise((r) => setTimeout(r, Math.min(left, tickMs)));
      if (!this.paused && this.now() < t) await tick();
    }
  }
}

/** One pass of the scenario; returns the number of steps played. */
export async function playOnce(
  scenario: Scenario,
  opts: ReplayOptions,
  clock: PausableClock,
  log: (line: string) => void,
  run: string,
): Promise<number> {
  const sessions = new Map<string, Session>();
  for (const actor of SCENARIO_ACTORS) sessions.set(actor, await signIn(opts.url, actor, opts.password));
  const ops = sessions.get('ops')!;
  const keys = new RecordKeys(run);
  const plan = planSteps(scenario, opts.from, opts.to);
  const fmt = (t: number) =>
    new Date(t).toLocaleString('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      dateStyle: 'short',
      timeStyle: 'short',
    });
  const tell = (t: number) => postClock(ops, { scenario: scenario.name, at: new Date(t).toISOString() });
  const first = plan.find((p) => !p.fastForward);
  clock.jump(first ? first.at : Date.parse(scenario.start));
  let played = 0;
  for (const { step, index, at, fastForward } of plan) {
    if (!fastForward) await clock.until(at, () => tell(clock.now()));
    await keys.apply(step, index, sessions.get(step.actor)!);
    await tell(at);
    played++;
    log(
      `${fastForward ? '»' : ' '} ${fmt(at)} ${step.source.padEnd(8)} ${step.actor.padEnd(8)} ${step.note}`,
    );
  }
  return played;
}
