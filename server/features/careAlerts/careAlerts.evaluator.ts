import {
  careConditions,
  careKey,
  DEFAULT_CARE_THRESHOLDS,
  isDue,
  type CareCondition,
} from '../../../shared/domain/careRules.js';
import { isSafeHouse } from '../../../shared/domain/permissions.js';
import type { CareAlert } from '../../../shared/schemas/careAlerts.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db/db.js';
import type { NewEvent, StoredEvent } from '../../events/log.js';
import { listShelters } from '../shelters/shelters.repo.js';
import { repoOf } from '../services/services.service.js';
import { requestTable } from '../requests/requests.repo.js';
import { alertTable } from '../alerts/alerts.repo.js';
import { careAlertTable, dropPending, insertIfAbsent, listLive } from './careAlerts.repo.js';

/** Entities whose changes can start or end a condition. */
const WATCHED = new Set(['shelter', 'service', 'request', 'alert']);

/** The clock the rules read: a test's fake one, or the real one. */
export const careNow = (ctx: Ctx): Date => ctx.config.careAlerts?.now?.() ?? new Date();

const event = (type: NewEvent['type'], a: CareAlert, changes: Record<string, unknown>): NewEvent => ({
  type,
  entity: 'care-alert',
  entityId: a.id,
  data: a,
  changes,
});

/**
 * One evaluation: read, then (only when something is to change) one write that raises what holds
 * (long enough) and clears what ended. Safe with
 * several processes evaluating at once: a condition's row is inserted ON CONFLICT DO NOTHING and
 * moved only at the version read, so each alert is raised and cleared once, by one process.
 */
export async function evaluateCareAlerts(ctx: Ctx): Promise<{ raised: number; cleared: number }> {
  const now = careNow(ctx);
  const at = now.toISOString();
  const th = ctx.config.careAlerts?.thresholds ?? DEFAULT_CARE_THRESHOLDS;
  // The rules read whole tables: they are read on the pool, outside the write, so an evaluation
  // (run after every relevant commit, on every process) never holds the group commit's queue while
  // it scans (it used to sit in the batch that user writes wait behind: most of a write's 40 ms at
  // one writer, issue 12). Inside the transaction each read saw the latest commit too (READ
  // COMMITTED, no locks taken), so nothing is lost: every step below is conditional on what is
  // still there (an insert ON CONFLICT DO NOTHING, an update at the version read, a delete of a row
  // still pending), and a change committed after these reads kicks the next evaluation. Only an
  // evaluation with something to change writes at all.
  const q = ctx.db;
  const steps: ((w: Queryable) => Promise<NewEvent | null>)[] = [];
  {
    const shelters = await listShelters(q);
    const services = await repoOf(ctx).list(q);
    const input = {
      shelters,
      services,
      requests: await requestTable.list(q, 'id', "status NOT IN ('done', 'declined', 'cancelled')"),
      areas: await alertTable.list(q, 'id', "status IN ('active', 'updated')"),
    };
    const conditions = careConditions(input, now, th);
    const live = new Map((await listLive(q)).map((a) => [careKey(a), a]));
    const shelterOf = new Map(shelters.map((s) => [s.id, s]));
    const serviceOf = new Map(services.map((s) => [s.id, s]));
    const subject = (c: CareCondition) => {
      if (c.subjectKind === 'shelter') {
        const s = shelterOf.get(c.subjectId)!;
        return { name: s.name, orgId: s.managingOrgId, province: s.provinceCode, safeHouse: false };
      }
      const v = serviceOf.get(c.subjectId)!;
      return { name: v.name, orgId: v.providerOrgId, province: v.provinceCode, safeHouse: isSafeHouse(v) };
    };
    const holding = new Set<string>();
    for (const c of conditions) {
      const key = careKey(c);
      holding.add(key);
      const row = live.get(key);
      if (!row) {
        const since = c.since ?? at;
        const due = isDue(c, since, now);
        const s = subject(c);
        steps.push(async (w) => {
          const inserted = await insertIfAbsent(w, {
            ...c,
            subjectName: s.name,
            subjectOrgId: s.orgId,
            safeHouse: s.safeHouse,
            provinceCode: s.province,
            status: due ? 'open' : 'pending',
            since,
            raisedAt: due ? at : null,
          });
          return inserted && due ? event('care-alert:raised', inserted, { status: 'open' }) : null;
        });
      } else if (row.status === 'pending' && isDue(c, c.since ?? row.since, now)) {
        steps.push(async (w) => {
          const up = await careAlertTable.update(
            w,
            row.id,
            row.version,
            { status: 'open', raisedAt: at, detail: c.detail, since: c.since ?? row.since },
            null,
          );
          return up ? event('care-alert:raised', up, { status: 'open' }) : null;
        });
      }
    }
    for (const [key, row] of live) {
      if (holding.has(key)) continue;
      if (row.status === 'pending') {
        steps.push(async (w) => {
          await dropPending(w, row.id);
          return null;
        });
        continue;
      }
      steps.push(async (w) => {
        const up = await careAlertTable.update(
          w,
          row.id,
          row.version,
          { status: 'cleared', clearedAt: at },
          null,
        );
        return up ? event('care-alert:cleared', up, { status: 'cleared' }) : null;
      });
    }
  }
  if (!steps.length) return { raised: 0, cleared: 0 };
  let raised = 0;
  let cleared = 0;
  await ctx.writer.write(null, null, async (w) => {
    const events: NewEvent[] = [];
    for (const step of steps) {
      const e = await step(w);
      if (e) events.push(e);
    }
    raised = events.filter((e) => e.type === 'care-alert:raised').length;
    cleared = events.length - raised;
    return { status: 200, body: null, events };
  });
  return { raised, cleared };
}

/** The evaluator of one process: after every relevant committed change (from the bus) and on a timer. */
export interface CareAlertLoop {
  /** Evaluate now (after any evaluation in progress); resolves when done. */
  run(): Promise<{ raised: number; cleared: number }>;
  /** Evaluations started so far. */
  readonly runs: number;
  stop(): Promise<void>;
}

/** Start evaluating on this process (the caller runs the first evaluation). Evaluations never overlap within a process; a failed one is logged and retried by the next. */
export function startCareAlerts(ctx: Ctx): CareAlertLoop {
  let chain: Promise<unknown> = Promise.resolve();
  let queued: Promise<{ raised: number; cleared: number }> | null = null;
  let stopped = false;
  let runs = 0;
  let startedAt = -Infinity;
  let gapTimer: NodeJS.Timeout | null = null;
  const run = () => {
    // Changes that arrive while an evaluation waits to start share it.
    if (queued) return queued;
    const next = chain.then(() => {
      queued = null;
      runs++;
      startedAt = performance.now();
      return evaluateCareAlerts(ctx);
    });
    queued = next;
    chain = next.catch((err: unknown) => {
      ctx.log.warn({ err: (err as Error).message }, 'care alert evaluation failed');
    });
    return next;
  };
  const kick = () => {
    if (!stopped) run().catch(() => undefined);
  };
  // An evaluation reads whole tables (20 ms of CPU per write at one writer with the demo data, most
  // of the write's cost, issue 12), and every process hears every change: for changes, evaluations
  // start at least a gap apart, each covering every change before it. The rules hold for minutes
  // or hours before they raise, so a second's delay changes no alert.
  const gapMs = ctx.config.careAlerts?.changeGapMs ?? 1000;
  const soon = () => {
    if (stopped || gapTimer) return;
    const wait = startedAt + gapMs - performance.now();
    if (wait <= 0) return kick();
    gapTimer = setTimeout(() => {
      gapTimer = null;
      kick();
    }, wait);
    gapTimer.unref();
  };
  if (ctx.config.careAlerts?.onChange !== false)
    ctx.bus.subscribe((events: StoredEvent[]) => {
      if (events.some((e) => WATCHED.has(e.entity))) soon();
    });
  const timer = setInterval(kick, ctx.config.careAlerts?.checkMs ?? 60_000);
  timer.unref();
  return {
    run,
    get runs() {
      return runs;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (gapTimer) clearTimeout(gapTimer);
      await chain;
    },
  };
}
