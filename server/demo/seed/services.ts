import type { Ctx } from '../../context.js';
import { recordEvent, type NewEvent } from '../../events/log.js';
import type { Availability } from '../../../shared/schemas/services.js';
import { insertOrganisation } from '../../features/organisations/organisations.repo.js';
import { insertAvailability } from '../../features/services/services.repo.js';
import { repoOf } from '../../features/services/services.service.js';
import { stockTotals } from '../../features/services/services.stock.js';
import { criticalConditions } from '../../features/gbvAlerts/gbvAlerts.service.js';
import { gbvAlertTable } from '../../features/gbvAlerts/gbvAlerts.repo.js';
import { stableId } from '../../db/records.js';
import { demoId } from '../ids.js';

import { ORG_SEEDS, SERVICE_SEEDS } from '../data.js';

export const HOUR = 3_600_000;
import { seedAlerts } from './alerts.js';
import { seedRequests } from './requests.js';
import { seedIncidents } from './incidents.js';

/**
 * Extend the Yagi demo with the GBV response picture: service points of every type (safe houses
 * with invented names, hidden), risk alerts along the storm's timeline, coordination requests,
 * time-critical alerts and incident aggregates with small counts. Idempotent. The timeline is
 * anchored to now (landfall 18 hours ago) so the demo is live; everything is labelled simulated.
 */
export async function seedResponsePicture(ctx: Ctx, orgIds: Record<string, string>): Promise<number> {
  return (
    await ctx.writer.write(null, null, async (q) => {
      await q.query('SELECT pg_advisory_xact_lock(7303)');
      const { rows } = await q.query('SELECT 1 FROM service_points WHERE id = $1', [
        demoId(`service:${SERVICE_SEEDS[0]!.name}`),
      ]);
      if (rows.length) return { status: 200, body: 0, events: [] };
      const events: NewEvent[] = [];
      const ids: Record<string, string> = { ...orgIds };
      for (const o of ORG_SEEDS.gbv) {
        ids[o.key] = demoId(`org:${o.key}`);
        const { rows: have } = await q.query('SELECT 1 FROM organisations WHERE id = $1', [ids[o.key]]);
        if (have.length) continue;
        const org = await insertOrganisation(q, { ...o, id: ids[o.key] }, null);
        events.push(recordEvent('organisation:created', org));
      }
      const now = Date.now();
      const landfall = now - 18 * HOUR;
      const repo = repoOf(ctx);
      const svcIds: Record<string, string> = {};
      for (const { org, status, stock, hoursAgo, ...place } of SERVICE_SEEDS) {
        const { name, types, provinceCode, open24h } = place;
        const reportedAt = new Date(now - hoursAgo * HOUR).toISOString();
        const reasons: Availability['reasons'] =
          status === 'closed'
            ? ['flooded', 'no_power']
            : status === 'limited'
              ? ['staff_short', 'road_cut']
              : [];
        const availability: Availability = {
          status,
          reasons,
          expectedRestoreAt: status === 'closed' ? new Date(now + 36 * HOUR).toISOString() : null,
          stock,
          safeHouseBeds: types.includes('safe_house') ? (status === 'limited' ? 1 : 4) : null,
          hotlineWorking: types.includes('hotline') ? true : null,
          note: null,
          reportedAt,
          reportedBy: null,
        };
        const id = demoId(`service:${name}`);
        svcIds[name] = id;
        const s = await repo.insert(
          q,
          {
            ...place,
            providerOrgId: ids[org]!,
            contactPhone: types.includes('hotline') ? '1800 0001' : null,
            hours: open24h ? null : '7:30–17:00',
            languages: provinceCode === '15' ? ['vi', 'Hmong', 'Dao'] : ['vi', 'en'],
            cost: 'free',
            referral: types.includes('safe_house')
              ? 'case_manager'
              : types.includes('health_cmr')
                ? 'any'
                : 'self',
            availability,
            lastReportedAt: reportedAt,
            simulated: true,
            publicLat: null,
            publicLon: null,
          },
          { userId: null, orgId: ids[org]!, id },
        );
        await q.query('UPDATE service_points SET last_reported_at = $2 WHERE id = $1', [id, reportedAt]);
        await insertAvailability(q, id, availability);
        events.push({
          type: 'service:created',
          entity: 'service',
          entityId: id,
          data: { ...s, lastReportedAt: reportedAt },
          changes: null,
        });
        const reasonsNow = criticalConditions(s, availability);
        if (reasonsNow.length) {
          const g = await gbvAlertTable.insert(
            q,
            {
              serviceId: id,
              serviceName: name,
              provinceCode,
              reasons: reasonsNow,
              status: 'open',
              acknowledgedAt: null,
              acknowledgedBy: null,
              simulated: true,
            },
            { userId: null, orgId: ids[org]!, id: demoId(`gbv-alert:${name}`) },
          );
          events.push(recordEvent('gbv-alert:raised', g));
        }
      }
      for (const p of ['22', '31', '15', '01', '40', '79']) {
        events.push({
          type: 'stock-totals:changed',
          entity: 'stock-totals',
          entityId: stableId(`stock-totals:${p}`),
          data: await stockTotals(ctx, q, p),
          changes: null,
        });
      }
      events.push(...(await seedAlerts(q, landfall, now)));
      events.push(...(await seedRequests(q, ids, svcIds, now)));
      events.push(...(await seedIncidents(q, ids, ctx.config.incidentRelease.delayDays)));
      return { status: 200, body: SERVICE_SEEDS.length, events };
    })
  ).body;
}
