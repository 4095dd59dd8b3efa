import type { Ctx } from '../context.js';
import {
  CHECKLIST_KEYS,
  CRITICAL_CHECKLIST_KEYS,
  type ChecklistAnswer,
  type ChecklistKey,
} from '../../shared/enums.js';
import { safetyScore } from '../../shared/domain/safety.js';
import { insertOrganisation } from '../features/organisations/organisations.repo.js';
import { insertShelter } from '../features/shelters/shelters.repo.js';
import { insertUser } from '../features/users/users.routes.js';
import { recordEvent, type NewEvent } from '../events/log.js';
import { demoId } from './ids.js';
import { HttpError } from '../http/errors.js';
import { seedResponsePicture } from './seed/services.js';
import { seedCoordinationRoles } from './seed/coordinationRoles.js';
import { ORG_SEEDS, SHELTER_SEEDS, USER_SEEDS } from './data.js';

/** Demo organisations. Names are invented or generic; everything is labelled simulated in the UI. */
export const DEMO_ORGS = ORG_SEEDS.core;

/** One sign-in per role (SPEC 9), all with the password `demo`. */
export const DEMO_USERS = USER_SEEDS;

/** Phone numbers of demo users, for SMS reports (E.164; not a real subscriber). */
export const DEMO_PHONES: Record<string, string> = { shelter: '+84900000001' };

/** A checklist with `score` critical items at `yes`; the rest spread over partial, no and unknown so the demo shows every state. */
function demoChecklist(score: number, salt: number): Record<ChecklistKey, ChecklistAnswer> {
  const others: ChecklistAnswer[] = ['partial', 'no', 'unknown'];
  const out = {} as Record<ChecklistKey, ChecklistAnswer>;
  CHECKLIST_KEYS.forEach((k, i) => {
    const critIndex = CRITICAL_CHECKLIST_KEYS.indexOf(k);
    if (critIndex >= 0) out[k] = critIndex < score ? 'yes' : others[(i + salt) % 3]!;
    else out[k] = (['yes', 'partial', 'no', 'unknown'] as const)[(i + salt) % 4]!;
  });
  return out;
}

function demographics(occupancy: number) {
  const f = Math.round(occupancy * 0.52);
  const m = occupancy - f;
  const split = (n: number) => {
    const a = Math.round(n * 0.08);
    const b = Math.round(n * 0.24);
    const d = Math.round(n * 0.14);
    return { '0-4': a, '5-17': b, '18-59': n - a - b - d, '60+': d };
  };
  return { female: split(f), male: split(m) };
}

/** Seed demo organisations, users and the Yagi shelters. Idempotent: records that exist are left as they are. */
export async function seedDemo(ctx: Ctx): Promise<{ created: number }> {
  const orgIds = Object.fromEntries(DEMO_ORGS.map((o) => [o.key, demoId(`org:${o.key}`)]));
  let created = 0;

  await ctx.writer.write(null, null, async (q) => {
    // Several processes may start at once on one PostgreSQL: seed under a lock, checking inside it.
    await q.query('SELECT pg_advisory_xact_lock(7302)');
    const { rows: existing } = await q.query<{ id: string }>(
      'SELECT id FROM organisations WHERE id = ANY($1::uuid[])',
      [Object.values(orgIds)],
    );
    const haveOrg = new Set(existing.map((r) => r.id));
    const { rows: existingShelters } = await q.query<{ id: string }>(
      'SELECT id FROM shelters WHERE simulated',
    );
    const haveShelter = new Set(existingShelters.map((r) => r.id));
    const events: NewEvent[] = [];
    for (const o of DEMO_ORGS) {
      if (haveOrg.has(orgIds[o.key]!)) continue;
      const org = await insertOrganisation(q, { ...o, id: orgIds[o.key]! }, null);
      events.push(recordEvent('organisation:created', org));
    }
    const now = Date.now();
    for (const [
      i,
      { name, kind, provinceCode, communeCode, lat, lon, org, status, capacity, occupancy, score, hoursAgo },
    ] of SHELTER_SEEDS.entries()) {
      const id = demoId(`shelter:${name}`);
      if (haveShelter.has(id)) continue;
      const checklist = demoChecklist(score, i);
      const s = await insertShelter(
        q,
        {
          name,
          kind,
          provinceCode,
          communeCode,
          lat,
          lon,
          managingOrgId: orgIds[org]!,
          contactPhone: null,
          status,
          capacity,
          occupancy,
          households: Math.round(occupancy / 3.4),
          demographics: occupancy ? demographics(occupancy) : null,
          vulnerable: occupancy
            ? {
                pregnantLactating: Math.round(occupancy * 0.03),
                disabilities: Math.round(occupancy * 0.04),
                unaccompaniedChildren: i % 5 === 0 ? 2 : 0,
                femaleHeadedHouseholds: Math.round(occupancy * 0.05),
              }
            : null,
          needs: {
            water: i % 4 === 0 ? 'low' : 'ok',
            food: i % 6 === 1 ? 'low' : 'ok',
            power: i % 3 === 0 ? 'out' : 'ok',
            medical: i % 7 === 2 ? 'out' : 'ok',
          },
          checklist,
          safetyScore: safetyScore(checklist),
          simulated: true,
        },
        {
          userId: null,
          orgId: orgIds[org]!,
          id,
          lastReportedAt: new Date(now - hoursAgo * 3_600_000).toISOString(),
          // Short codes a shelter manager types on a keypad: province code and a number (`TT 2201 SN 240`).
          smsCode: `${provinceCode}${String(i + 1).padStart(2, '0')}`,
        },
      );
      events.push(recordEvent('shelter:created', s));
      created++;
    }
    return { status: 200, body: null, events };
  });

  for (const u of DEMO_USERS) {
    const { rows } = await ctx.db.query('SELECT 1 FROM users WHERE username = $1', [u.username]);
    if (rows.length) continue;
    try {
      await insertUser(
        ctx.db,
        {
          username: u.username,
          displayName: u.displayName,
          password: 'demo',
          role: u.role,
          orgId: orgIds[u.org]!,
          scope: u.scope,
        },
        { demoSeed: true },
      );
    } catch (err) {
      // Another process seeding at the same moment took the username: fine.
      if (!(err instanceof HttpError && err.status === 409)) throw err;
    }
  }
  // The demo shelter manager reports by SMS from this (fictional) number.
  for (const [username, phone] of Object.entries(DEMO_PHONES))
    await ctx.db.query('UPDATE users SET phone = $2 WHERE username = $1 AND phone IS NULL', [
      username,
      phone,
    ]);
  // The GBV response picture (services, alerts, requests, incidents) on top of the shelters.
  await seedResponsePicture(ctx, orgIds);
  await seedCoordinationRoles(ctx);
  return { created };
}
