import type { Ctx } from '../../context.js';
import { recordEvent, type NewEvent } from '../../events/log.js';
import { alertTable } from '../../features/alerts/alerts.repo.js';
import { provincesOf } from '../../features/alerts/alerts.service.js';
import { coordinationRoleTable } from '../../features/coordinationRoles/coordinationRoles.repo.js';
import { activateForAlert } from '../../features/coordinationRoles/coordinationRoles.service.js';
import { ROLE_SEEDS } from '../data.js';
import { demoId } from '../ids.js';

const MONTH = 30 * 24 * 3_600_000;

/**
 * The demo's coordination mechanism (issue 13): national leads and the demo provinces' roles, one
 * gap (no clinical lead in Lao Cai) and one review over six months old; the roles of provinces under
 * a level 3+ alert already seeded are activated, as the alert form would have done.
 */
export async function seedCoordinationRoles(ctx: Ctx): Promise<number> {
  const roleId = (r: { function: string; provinceCode: string | null }) =>
    demoId(`role:${r.function}:${r.provinceCode ?? 'national'}`);
  return (
    await ctx.writer.write(null, null, async (q) => {
      await q.query('SELECT pg_advisory_xact_lock(7304)');
      if (await coordinationRoleTable.get(q, roleId(ROLE_SEEDS[0]!)))
        return { status: 200, body: 0, events: [] };
      const org = (key: string) => demoId(`org:${key}`);
      const events: NewEvent[] = [];
      const now = Date.now();
      for (const s of ROLE_SEEDS) {
        const r = await coordinationRoleTable.insert(
          q,
          {
            function: s.function,
            level: s.provinceCode === null ? 'national' : 'province',
            provinceCode: s.provinceCode,
            leadOrgId: s.lead ? org(s.lead) : null,
            supportOrgIds: s.support.map(org),
            contact: s.contact,
            state: 'standby',
            lastReviewedAt: new Date(now - s.reviewedMonthsAgo * MONTH).toISOString(),
          },
          { userId: null, orgId: null, id: roleId(s) },
        );
        events.push(recordEvent('coordination-role:created', r));
      }
      for (const a of await alertTable.list(q, 'valid_from, id'))
        events.push(...(await activateForAlert(q, a, provincesOf(ctx, a), null)));
      return { status: 200, body: ROLE_SEEDS.length, events };
    })
  ).body;
}
