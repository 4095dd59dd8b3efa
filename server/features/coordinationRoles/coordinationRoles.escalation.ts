import { DEFAULT_ESCALATION_HOURS, FUNCTION_OF_KIND } from '../../../shared/domain/coordination.js';
import type { Ctx } from '../../context.js';
import { recordEvent, type NewEvent } from '../../events/log.js';
import { requestTable } from '../requests/requests.repo.js';
import { addMessage } from '../requests/requests.service.js';
import { coordinationRoleTable } from './coordinationRoles.repo.js';

/** Hours before an unacknowledged request escalates, per priority (configurable; routine never). */
function hoursFor(ctx: Ctx): Record<string, number | null> {
  const e = ctx.config.escalation;
  return {
    ...DEFAULT_ESCALATION_HOURS,
    ...(e ? { life_saving: e.lifeSavingHours, urgent: e.urgentHours } : {}),
  };
}

/**
 * Escalate the requests still `open` past their priority's time (issue 13): each goes to the
 * national lead of its kind's function, is marked `escalated`, and its thread says why. A request
 * whose function has no national lead stays as it is. `now` is the caller's, so tests use a fake clock.
 */
export async function escalateOverdue(ctx: Ctx, now: Date = new Date()): Promise<number> {
  const hours = hoursFor(ctx);
  const out = await ctx.writer.write(null, null, async (q) => {
    // Several processes run the timer: one escalates at a time; the others then find nothing open.
    await q.query('SELECT pg_advisory_xact_lock(7305)');
    const open = await requestTable.list(q, 'created_at, id', "status = 'open' AND priority <> 'routine'");
    const nationals = await coordinationRoleTable.list(
      q,
      'id',
      'province_code IS NULL AND lead_org_id IS NOT NULL',
    );
    const events: NewEvent[] = [];
    for (const r of open) {
      const h = hours[r.priority];
      if (h == null || Date.parse(r.createdAt) + h * 3_600_000 > now.getTime()) continue;
      const fn = FUNCTION_OF_KIND[r.kind];
      const lead = nationals.find((n) => n.function === fn)?.leadOrgId;
      if (!lead) continue;
      const updated = await requestTable.update(
        q,
        r.id,
        r.version,
        { status: 'escalated', toOrgId: lead },
        null,
      );
      if (!updated) continue;
      events.push(recordEvent('request:updated', updated, { status: 'escalated', toOrgId: lead }));
      await addMessage(
        q,
        updated,
        { orgId: null, userId: null },
        `Escalated to the national ${fn} lead: not acknowledged within ${h} h. / Đã chuyển lên cơ quan chủ trì quốc gia: chưa được tiếp nhận sau ${h} giờ.`,
        events,
      );
    }
    return { status: 200, body: events.filter((e) => e.type === 'request:updated').length, events };
  });
  return out.body;
}

/** The escalation timer: a check at start, then every few minutes. */
export async function startEscalations(ctx: Ctx): Promise<{ stop(): void }> {
  const run = () =>
    escalateOverdue(ctx).then(
      (n) => {
        if (n) ctx.log.info({ escalated: n }, 'requests escalated to national leads');
      },
      (err: unknown) =>
        ctx.log.warn({ err: (err as Error).message }, 'request escalation failed; retried on the next tick'),
    );
  await run();
  const timer = setInterval(() => void run(), (ctx.config.escalation?.checkMinutes ?? 5) * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
