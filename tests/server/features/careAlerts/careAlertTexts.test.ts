import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CARE_THRESHOLDS, type CareThresholds } from '../../../../shared/domain/careRules.js';
import type { CareAlert, CareAlertRule } from '../../../../shared/schemas/careAlerts.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';
import { careAlertText } from '../../../../client/src/features/careAlerts/careAlertText.js';
import enCare from '../../../../client/src/i18n/locales/en/careAlerts.json' with { type: 'json' };
import viCare from '../../../../client/src/i18n/locales/vi/careAlerts.json' with { type: 'json' };
import enShelters from '../../../../client/src/i18n/locales/en/shelters.json' with { type: 'json' };
import viShelters from '../../../../client/src/i18n/locales/vi/shelters.json' with { type: 'json' };
import { startServer, useServer } from '../../../helpers/server.js';
import { buildHaLongFloodAlert, buildShelterCreate } from '../../../helpers/factories.js';

/**
 * The duty-of-care alert texts name the threshold the server is configured with (issue 11 item 3:
 * "thresholds are configuration"): the same events on a server with other thresholds read otherwise.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;

async function translators(): Promise<Record<'en' | 'vi', TFunction>> {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'en',
    resources: {
      en: { careAlerts: enCare, shelters: enShelters },
      vi: { careAlerts: viCare, shelters: viShelters },
    },
    ns: ['careAlerts', 'shelters'],
    defaultNS: 'careAlerts',
    fallbackNS: ['shelters'],
    interpolation: { escapeValue: false },
  });
  return { en: i18n.getFixedT('en'), vi: i18n.getFixedT('vi') };
}

const CHANGED: CareThresholds = {
  ...DEFAULT_CARE_THRESHOLDS,
  overCapacityPct: 120,
  checklistNoHours: 2,
  hotlineDownMinutes: 45,
  reconfirmHours: 12,
};

const CASES: [string, CareThresholds, Record<'en' | 'vi', Partial<Record<CareAlertRule, string>>>][] = [
  [
    'the default thresholds',
    DEFAULT_CARE_THRESHOLDS,
    {
      en: {
        over_capacity: 'Over 110 % of capacity: 131 % full',
        checklist_no: 'Critical safety item "no" for more than 6 h: Lighting inside and on paths to latrines',
        hotline_down: 'Hotline not working for more than 30 min',
        unconfirmed_in_alert: 'In a level 3+ alert area, not reconfirmed for 24 h',
      },
      vi: {
        over_capacity: 'Vượt 110 % sức chứa: đang ở 131 %',
        checklist_no:
          'Hạng mục an toàn thiết yếu "không" hơn 6 giờ: Chiếu sáng bên trong và lối đi đến nhà vệ sinh',
        hotline_down: 'Đường dây nóng không hoạt động hơn 30 phút',
        unconfirmed_in_alert: 'Trong vùng cảnh báo cấp 3 trở lên, chưa xác nhận lại trong 24 giờ',
      },
    },
  ],
  [
    'changed thresholds',
    CHANGED,
    {
      en: {
        over_capacity: 'Over 120 % of capacity: 131 % full',
        checklist_no: 'Critical safety item "no" for more than 2 h: Lighting inside and on paths to latrines',
        hotline_down: 'Hotline not working for more than 45 min',
        unconfirmed_in_alert: 'In a level 3+ alert area, not reconfirmed for 12 h',
      },
      vi: {
        over_capacity: 'Vượt 120 % sức chứa: đang ở 131 %',
        checklist_no:
          'Hạng mục an toàn thiết yếu "không" hơn 2 giờ: Chiếu sáng bên trong và lối đi đến nhà vệ sinh',
        hotline_down: 'Đường dây nóng không hoạt động hơn 45 phút',
        unconfirmed_in_alert: 'Trong vùng cảnh báo cấp 3 trở lên, chưa xác nhận lại trong 12 giờ',
      },
    },
  ],
];

describe.each(CASES)('duty-of-care alert texts with %s', (_name, thresholds, expected) => {
  let clock = Date.now();
  const suite = useServer(
    { ops: 'ops', gbv: 'gbv' },
    {
      start: () =>
        startServer({
          config: {
            careAlerts: { checkMs: 24 * HOUR, thresholds, now: () => new Date(clock), onChange: false },
          },
        }),
    },
  );
  const { as } = suite;

  it('names the configured threshold in vi and en', async () => {
    const real = Date.now();
    clock = real;
    const s = (
      await as.ops.send<Shelter>('POST', '/api/shelters', {
        ...buildShelterCreate({ status: 'open', capacity: 100, occupancy: 131 }),
        checklist: { lighting: 'no' },
      })
    ).body.data!;
    expect(s?.id).toBeDefined();
    const service = async (types: string[]) => {
      const r = await as.gbv.send<ServicePoint>('POST', '/api/services', {
        name: `Text test ${types.join('+')}`,
        provinceCode: '22',
        communeCode: '06688',
        lat: 20.951,
        lon: 107.081,
        types,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.data!;
    };
    const hotline = await service(['hotline']);
    const legal = await service(['legal_aid']);
    const cur = (await as.gbv.get<ServicePoint>(`/api/services/${hotline.id}`)).body.data!;
    expect(
      (
        await as.gbv.send('POST', `/api/services/${hotline.id}/availability`, {
          version: cur.version,
          status: 'open',
          hotlineWorking: false,
        })
      ).status,
    ).toBe(200);
    const alert = await as.ops.send('POST', '/api/alerts', buildHaLongFloodAlert(real));
    expect(alert.status).toBe(201);

    // First seen now; a day and more later every threshold (default or changed) has passed.
    await suite.srv.app.careAlerts.run();
    clock = real + 30 * HOUR;
    await suite.srv.app.careAlerts.run();
    const alerts = (await as.gbv.get<CareAlert[]>('/api/care-alerts')).body.data!;
    const of = (rule: CareAlertRule, id: string) => {
      const a = alerts.find((x) => x.rule === rule && x.subjectId === id && x.status === 'open');
      expect(a, rule).toBeDefined();
      return a!;
    };
    const raised: [CareAlertRule, CareAlert][] = [
      ['over_capacity', of('over_capacity', s.id)],
      ['checklist_no', of('checklist_no', s.id)],
      ['hotline_down', of('hotline_down', hotline.id)],
      ['unconfirmed_in_alert', of('unconfirmed_in_alert', legal.id)],
    ];
    const t = await translators();
    for (const lng of ['en', 'vi'] as const)
      for (const [rule, a] of raised)
        expect(careAlertText(t[lng], a), `${lng} ${rule}`).toBe(expected[lng][rule]);
  });
});
