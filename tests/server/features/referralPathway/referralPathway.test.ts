import { beforeAll, describe, expect, it } from 'vitest';
import { useServer } from '../../../helpers/server.js';
import type { ApiClient } from '../../../helpers/client.js';
import { demoId } from '../../../../server/demo/ids.js';
import { DISTANCE_BANDS } from '../../../../shared/domain/referralPathway.js';
import type { PosterPrint, ReferralPathway } from '../../../../shared/schemas/referralPathway.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';

/**
 * The referral pathway poster of a shelter (issue 13): its content per role (a safe house never by
 * name or place, reachable through the hotline), bad ids, and the "poster outdated" flag once a
 * service on the printed poster has closed. Runs on the seeded demo.
 */

const SHELTER = demoId('shelter:Ha Long Primary School No. 1');
const poster = (c: ApiClient, id = SHELTER) => c.get<ReferralPathway>(`/api/shelters/${id}/referral-pathway`);

describe('GET /api/shelters/:id/referral-pathway', () => {
  const { as } = useServer(
    { ops: 'ops', gbv: 'gbv', manager: 'shelter', viewer: 'viewer', provider: 'provider', admin: 'admin' },
    { timeoutMs: 180_000 },
  );
  let safeHouses: ServicePoint[];

  beforeAll(async () => {
    safeHouses = (await as.gbv.get<ServicePoint[]>('/api/services')).body.data!.filter((s) =>
      s.types.includes('safe_house'),
    );
    expect(safeHouses.length).toBeGreaterThan(2);
  });

  it('gives a shelter as.manager the nearest open services per type, by distance band, with hours and how to reach them', async () => {
    const r = await poster(as.manager);
    expect(r.status).toBe(200);
    const p = r.body.data!;
    expect(p.shelter.name).toBe('Ha Long Primary School No. 1');
    const clinical = p.sections.find((s) => s.type === 'health_cmr')!;
    expect(clinical.services.length).toBeGreaterThan(0);
    expect(clinical.services.length).toBeLessThanOrEqual(3);
    // The closed Do Son station and Van Ban station are never on a poster.
    for (const s of p.sections.flatMap((x) => x.services)) expect(s.name).not.toMatch(/Do Son|Van Ban/);
    // Nor one across the country: a person cannot walk to Ho Chi Minh City from Ha Long.
    for (const s of p.sections.flatMap((x) => x.services)) expect(s.name).not.toMatch(/Ho Chi Minh/);
    // Nearest first: the bands never go down the list.
    const bands = clinical.services.map((s) => DISTANCE_BANDS.indexOf(s.distanceBand!));
    expect(bands.every((b) => b >= 0)).toBe(true);
    expect([...bands].sort()).toEqual(bands);
    expect(clinical.services[0]!.referral).toBeDefined();
    expect(p.hotlines.some((h) => h.level === 'national' && h.phone === '1800 0001')).toBe(true);
    // One line per number, and one national hotline: the coordination role's desk and the hotline
    // service are the same line in the demo (it had two numbers, so the poster listed both).
    const phones = p.hotlines.map((h) => h.phone);
    expect(new Set(phones).size).toBe(phones.length);
    expect(p.hotlines.filter((h) => h.desk === 'National GBV hotline (simulated)')).toHaveLength(1);
    expect(p.lastPrint).toBeNull();
  });

  it('never names or places a safe house, for any role, and reaches safe houses through the hotline', async () => {
    for (const c of [as.manager, as.ops, as.gbv, as.viewer, as.provider, as.admin]) {
      const r = await poster(c);
      expect(r.status).toBe(200);
      const text = JSON.stringify(r.body.data);
      for (const s of safeHouses) {
        expect(text).not.toContain(s.name);
        expect(text).not.toContain(s.id);
        if (s.communeCode) expect(text).not.toContain(s.communeCode);
      }
      const section = r.body.data!.sections.find((x) => x.type === 'safe_house')!;
      expect(section.services).toEqual([]);
      expect(section.throughHotline.length).toBeGreaterThan(0);
      expect(section.throughHotline.every((h) => h.phone.length > 0)).toBe(true);
    }
  });

  it('answers 404 for an unknown shelter and 400 naming the id for a malformed one', async () => {
    const unknown = await poster(as.manager, '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    const bad = await poster(as.manager, 'not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.error!.issues!.map((i) => i.path).join(' ')).toContain('id');
    const badPrint = await as.manager.send('POST', '/api/shelters/not-a-uuid/referral-pathway/printed', {});
    expect(badPrint.status).toBe(400);
  });

  it('records a print by the shelter as.manager, refuses one by a as.viewer, and flags the poster outdated once a service on it closes', async () => {
    const refused = await as.viewer.send('POST', `/api/shelters/${SHELTER}/referral-pathway/printed`, {});
    expect(refused.status).toBe(403);
    const printed = await as.manager.send<PosterPrint>(
      'POST',
      `/api/shelters/${SHELTER}/referral-pathway/printed`,
      {},
    );
    expect(printed.status).toBe(200);
    expect(printed.body.data!.outdated).toBe(false);
    const onPoster = (await poster(as.manager)).body.data!;
    const ids = onPoster.sections.flatMap((s) => s.services.map((x) => x.id));
    expect(printed.body.data!.serviceIds.sort()).toEqual(ids.sort());
    expect(onPoster.lastPrint!.outdated).toBe(false);

    // The Quang Ninh hospital (on the poster) closes: its provider reports it.
    const hospital = demoId('service:Quang Ninh General Hospital – one-stop crisis unit');
    expect(ids).toContain(hospital);
    const before = (await as.provider.get<ServicePoint>(`/api/services/${hospital}`)).body.data!;
    const closed = await as.provider.send('POST', `/api/services/${hospital}/availability`, {
      version: before.version,
      status: 'closed',
      reasons: ['flooded'],
    });
    expect(closed.status).toBeLessThan(300);
    const after = await as.manager.get<PosterPrint>(`/api/shelters/${SHELTER}/referral-pathway/printed`);
    expect(after.body.data!.outdated).toBe(true);
    // A fresh poster no longer lists it, and printing again clears the flag.
    expect(JSON.stringify((await poster(as.manager)).body.data!.sections)).not.toContain(hospital);
    const again = await as.ops.send<PosterPrint>(
      'POST',
      `/api/shelters/${SHELTER}/referral-pathway/printed`,
      {},
    );
    expect(again.body.data!.outdated).toBe(false);
    const read = await as.viewer.get<PosterPrint>(`/api/shelters/${SHELTER}/referral-pathway/printed`);
    expect(read.body.data!.outdated).toBe(false);
  });
});
