import fs from 'node:fs';
import path from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import type { Role } from '../../../../shared/enums.js';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';
import type { Viewer } from '../../../../server/auth/viewer.js';
import { capWriter } from '../../../../server/features/cap/cap.service.js';
import { startServer, type TestServer } from '../../../helpers/server.js';
import { waitFor } from '../../../helpers/net.js';
import { client, DEMO_USERS, login, type ApiClient } from '../../../helpers/client.js';

/**
 * CAP 1.2 out and in (issue 9 items 4 and 5), over real HTTP. Every message and feed is checked by
 * outside validators: xmllint-wasm (libxml2) with the OASIS CAP-v1.2.xsd, and fast-xml-parser for
 * the Atom feed. A message round-trips from one server to another, and a feed served here is polled.
 */

const XSD = fs.readFileSync(
  path.join(
    import.meta.dirname,
    '..',
    '..',
    '..',
    '..',
    'server',
    'features',
    'cap',
    'standards',
    'CAP-v1.2.xsd',
  ),
  'utf8',
);
const ROLES = Object.keys(DEMO_USERS) as Role[];
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (n) => ['entry', 'info', 'parameter', 'geocode', 'area', 'polygon', 'category'].includes(n),
});

type Cap = {
  alert: {
    identifier: string;
    sender: string;
    sent: string;
    status: string;
    msgType: string;
    references?: string;
    info: {
      language: string;
      severity: string;
      urgency: string;
      parameter: { valueName: string; value: string }[];
      area: { areaDesc: string; polygon?: string[]; geocode?: { valueName: string; value: string }[] }[];
    }[];
  };
};

/** Validate XML files against the CAP XSD in one libxml2 run; the errors, or none. */
async function xsdErrors(xmls: string[]): Promise<string[]> {
  if (!xmls.length) return [];
  const r = await validateXML({
    xml: xmls.map((contents, i) => ({ fileName: `m${i}.xml`, contents })),
    schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }],
  });
  return r.errors.map((e) => e.rawMessage);
}

let A: TestServer;
let B: TestServer;
let feedServer: Server;
let feedBody = '<feed xmlns="http://www.w3.org/2005/Atom"></feed>';
const feedFiles = new Map<string, string>();
let feedUrl = '';
const a = {} as Record<Role, ApiClient>;
let opsB: ApiClient;

async function getText(base: string, c: ApiClient, p: string) {
  const res = await fetch(`${base}${p}`, { headers: c.cookie ? { cookie: c.cookie } : {} });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}
const postCap = (base: string, c: ApiClient, xml: string, type = 'application/cap+xml') =>
  c.send<{ outcome: string; alert: RiskAlert }>('POST', '/api/cap/alerts', xml, { 'content-type': type });
const head = async (c: ApiClient) =>
  (await c.get<{ head: number }>('/api/events?after=0&limit=1')).body.data!.head;

beforeAll(async () => {
  feedServer = createServer((req, res) => {
    const file = req.url === '/feed.atom' ? feedBody : feedFiles.get(req.url ?? '');
    if (file === undefined) return void res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': req.url === '/feed.atom' ? 'application/atom+xml' : 'application/cap+xml',
    });
    res.end(file);
  });
  await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', () => r()));
  feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
  [A, B] = await Promise.all([
    startServer(),
    startServer({ config: { capFeeds: { urls: [`${feedUrl}/feed.atom`], pollMs: 300 } } }),
  ]);
  for (const role of ROLES) a[role] = await login(A.url, DEMO_USERS[role]);
  opsB = await login(B.url, 'ops');
}, 120_000);
afterAll(async () => {
  await Promise.all([A?.stop(), B?.stop()]);
  await new Promise((r) => feedServer?.close(r));
});

const inFeed = (x: RiskAlert) => x.status !== 'expired' && Date.parse(x.validTo) > Date.now();

describe('GET /api/cap/alerts.atom and /api/cap/alerts/:id.xml', () => {
  it.each(ROLES)(
    'gives %s a feed of the alerts it reads, each message valid against the CAP XSD',
    async (role) => {
      const c = a[role];
      const alerts = (await c.get<RiskAlert[]>('/api/alerts')).body.data!;
      const feed = await getText(A.url, c, '/api/cap/alerts.atom');
      expect(feed.status).toBe(200);
      expect(feed.type).toMatch(/^application\/atom\+xml/);
      const entries =
        (parser.parse(feed.text) as { feed: { entry?: { link: { '@href': string; '@type': string } }[] } })
          .feed.entry ?? [];
      const ids = entries.map((e) => /\/api\/cap\/alerts\/([0-9a-f-]+)\.xml$/.exec(e.link['@href'])![1]);
      expect(ids.sort()).toEqual(
        alerts
          .filter(inFeed)
          .map((x) => x.id)
          .sort(),
      );
      const xmls: string[] = [];
      for (const x of alerts) {
        const m = await getText(A.url, c, `/api/cap/alerts/${x.id}.xml`);
        expect(m.status).toBe(200);
        expect(m.type).toMatch(/^application\/cap\+xml/);
        // Nothing beyond the alert itself: not who last changed it nor their organisation.
        if (x.updatedBy) expect(m.text).not.toContain(x.updatedBy);
        if (x.orgId) expect(m.text).not.toContain(x.orgId);
        xmls.push(m.text);
      }
      expect(xmls.length).toBeGreaterThan(0);
      expect(await xsdErrors(xmls)).toEqual([]);
    },
  );

  it('maps levels, languages, areas and simulation as the standards README says', async () => {
    const alerts = (await a.viewer.get<RiskAlert[]>('/api/alerts')).body.data!;
    for (const x of alerts) {
      const m = (parser.parse((await getText(A.url, a.viewer, `/api/cap/alerts/${x.id}.xml`)).text) as Cap)
        .alert;
      expect(m.identifier).toBe(`SHO-${x.id}-v${x.version}`);
      expect(m.status).toBe(x.simulated ? 'Exercise' : 'Actual');
      expect(m.sent).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(m.info.map((i) => i.language)).toEqual(['vi-VN', 'en-US']);
      for (const i of m.info) {
        expect(i.severity).toBe(['Minor', 'Moderate', 'Severe', 'Extreme', 'Extreme'][x.level - 1]);
        expect(i.parameter).toContainEqual({ valueName: 'VN-DisasterRiskLevel', value: String(x.level) });
        const area = i.area[0]!;
        expect(
          (area.geocode ?? []).filter((g) => g.valueName === 'VN-ADM1-2025').map((g) => g.value),
        ).toEqual(x.provinceCodes);
        if (x.polygon) {
          const [lon, lat] = x.polygon.coordinates[0]![0]!;
          expect(area.polygon![0]!.split(' ')[0]).toBe(`${lat},${lon}`);
        } else expect(area.polygon).toBeUndefined();
      }
    }
    // The demo is simulated: no demo message may claim to be real.
    expect(alerts.every((x) => x.simulated)).toBe(true);
  });

  it('answers 401 without a session and 400 for a bad id', async () => {
    expect((await getText(A.url, client(A.url), '/api/cap/alerts.atom')).status).toBe(401);
    expect((await getText(A.url, a.viewer, '/api/cap/alerts/nope.xml')).status).toBe(400);
  });
});

const NEW_ALERT = {
  hazard: 'flood',
  level: 3,
  title: 'Lũ trên sông Mã (kiểm thử CAP)',
  provinceCodes: ['38'],
  communeCodes: [],
  polygon: {
    type: 'Polygon',
    coordinates: [
      [
        [105.1, 19.8],
        [105.9, 19.8],
        [105.9, 20.4],
        [105.1, 20.4],
        [105.1, 19.8],
      ],
    ],
  },
  validFrom: new Date(Date.now() - 3600_000).toISOString(),
  validTo: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  status: 'active',
  issuer: 'Đài KTTV Thanh Hóa',
  bulletinNumber: 'LU-TH/07',
};
const CARRIED = [
  'hazard',
  'level',
  'title',
  'provinceCodes',
  'communeCodes',
  'polygon',
  'validFrom',
  'validTo',
  'status',
  'issuer',
  'bulletinNumber',
  'simulated',
] as const;
const carried = (x: RiskAlert) => Object.fromEntries(CARRIED.map((k) => [k, x[k]]));
// CAP times have whole seconds.
const seconds = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();

describe('CAP round trip (out of one server, into another)', () => {
  let id: string;
  let bId: string;
  const messages: string[] = [];

  it('creates the same alert elsewhere, once however often it is posted', async () => {
    const created = await a.ops_officer.send<RiskAlert>('POST', '/api/alerts', NEW_ALERT);
    expect(created.status).toBe(201);
    id = created.body.data!.id;
    const xml = (await getText(A.url, a.ops_officer, `/api/cap/alerts/${id}.xml`)).text;
    messages.push(xml);
    // Issued by a demo user on a demo server, so an Exercise (server/demo/simulated.ts); CAP carries it as one.
    expect((parser.parse(xml) as Cap).alert).toMatchObject({ status: 'Exercise', msgType: 'Alert' });
    const before = await head(opsB);
    const r = await postCap(B.url, opsB, xml);
    expect(r.status).toBe(201);
    expect(r.body.data!.outcome).toBe('created');
    bId = r.body.data!.alert.id;
    expect(bId).not.toBe(id);
    expect(carried(r.body.data!.alert)).toEqual({
      ...carried(created.body.data!),
      validFrom: seconds(NEW_ALERT.validFrom),
      validTo: seconds(NEW_ALERT.validTo),
    });
    expect(await head(opsB)).toBe(before + 1);
    const again = await Promise.all([
      postCap(B.url, opsB, xml),
      postCap(B.url, opsB, xml, 'application/xml'),
    ]);
    expect(again.map((x) => [x.status, x.body.data!.outcome, x.body.data!.alert.id])).toEqual([
      [200, 'unchanged', bId],
      [200, 'unchanged', bId],
    ]);
    expect(await head(opsB)).toBe(before + 1);
  });

  it('carries an Update referencing the previous message, then a Cancel', async () => {
    const v1 = (parser.parse(messages[0]!) as Cap).alert;
    const cur = (await a.ops_officer.get<RiskAlert>(`/api/alerts/${id}`)).body.data!;
    const patched = await a.ops_officer.send<RiskAlert>('PATCH', `/api/alerts/${id}`, {
      version: cur.version,
      level: 4,
    });
    expect(patched.status).toBe(200);
    const xml2 = (await getText(A.url, a.ops_officer, `/api/cap/alerts/${id}.xml`)).text;
    const v2 = (parser.parse(xml2) as Cap).alert;
    expect(v2.msgType).toBe('Update');
    expect(v2.references).toBe(`${v1.sender},${v1.identifier},${v1.sent}`);
    const before = await head(opsB);
    const up = await postCap(B.url, opsB, xml2);
    expect([up.status, up.body.data!.outcome]).toEqual([200, 'updated']);
    expect(up.body.data!.alert).toMatchObject({ id: bId, level: 4, status: patched.body.data!.status });
    expect(await head(opsB)).toBe(before + 1);

    const cancelled = await a.ops_officer.send<RiskAlert>('PATCH', `/api/alerts/${id}`, {
      version: patched.body.data!.version,
      status: 'cancelled',
    });
    expect(cancelled.status).toBe(200);
    const xml3 = (await getText(A.url, a.ops_officer, `/api/cap/alerts/${id}.xml`)).text;
    const v3 = (parser.parse(xml3) as Cap).alert;
    expect(v3.msgType).toBe('Cancel');
    expect(v3.references).toBe(`${v2.sender},${v2.identifier},${v2.sent}`);
    const c = await postCap(B.url, opsB, xml3);
    expect([c.status, c.body.data!.outcome, c.body.data!.alert.status]).toEqual([
      200,
      'cancelled',
      'cancelled',
    ]);
    expect(carried(c.body.data!.alert)).toEqual({
      ...carried(cancelled.body.data!),
      validFrom: seconds(NEW_ALERT.validFrom),
      validTo: seconds(NEW_ALERT.validTo),
    });
    expect(await xsdErrors([xml2, xml3])).toEqual([]);
  });

  it('keeps a simulated alert an Exercise on the other side', async () => {
    const demo = (await a.ops_officer.get<RiskAlert[]>('/api/alerts')).body.data!.find(
      // A seeded one: the alert above is simulated too (a demo user's) and B has it already.
      (x) => x.polygon && x.simulated && x.id !== id,
    )!;
    const xml = (await getText(A.url, a.ops_officer, `/api/cap/alerts/${demo.id}.xml`)).text;
    const r = await postCap(B.url, opsB, xml);
    expect(r.status).toBe(201);
    expect(r.body.data!.alert).toMatchObject({ simulated: true, level: demo.level, polygon: demo.polygon });
    const back = (await getText(B.url, opsB, `/api/cap/alerts/${r.body.data!.alert.id}.xml`)).text;
    expect((parser.parse(back) as Cap).alert.status).toBe('Exercise');
    expect(await xsdErrors([back])).toEqual([]);
  });
});

describe('POST /api/cap/alerts refusals', () => {
  let good = '';
  beforeAll(async () => {
    const x = (await a.ops_officer.get<RiskAlert[]>('/api/alerts')).body.data!.find(
      (y) => y.provinceCodes.length && y.polygon === null,
    )!;
    good = (await getText(A.url, a.ops_officer, `/api/cap/alerts/${x.id}.xml`)).text.replace(
      /<identifier>[^<]+<\/identifier>/,
      '<identifier>EXT-refusal-1</identifier>',
    );
  });
  const swap = (from: RegExp | string, to: string) => () => good.replace(from, to);
  const CASES: [string, () => string, string][] = [
    ['a message the XSD refuses', swap(/<sender>[^<]+<\/sender>/, ''), 'cap.xsd'],
    [
      'a JavaScript toISOString() time',
      swap(/<sent>[^<]+<\/sent>/, '<sent>2026-09-07T03:30:00.000Z</sent>'),
      'cap.xsd',
    ],
    ['a DOCTYPE', () => good.replace('<alert', '<!DOCTYPE alert [<!ENTITY x "y">]><alert'), 'cap.doctype'],
    [
      'an identifier with a space',
      swap('<identifier>EXT-refusal-1', '<identifier>EXT refusal'),
      'cap.identifier',
    ],
    ['a Test message', swap('<status>Exercise</status>', '<status>Test</status>'), 'cap.status'],
    [
      'an Update without references',
      swap('<msgType>Alert</msgType>', '<msgType>Update</msgType>'),
      'cap.references',
    ],
    [
      'an Update whose reference is unknown here',
      () =>
        good
          .replace('<msgType>Alert</msgType>', '<msgType>Update</msgType>')
          .replace('<info>', '<references>nchmf,NOPE-1,2026-09-07T10:30:00+07:00</references><info>'),
      'cap.references',
    ],
    [
      'Restricted without restriction',
      swap('<scope>Public</scope>', '<scope>Restricted</scope>'),
      'cap.restriction',
    ],
    [
      'expires before sent',
      () => good.replaceAll(/<expires>[^<]+<\/expires>/g, '<expires>2020-01-01T00:00:00+07:00</expires>'),
      'cap.expires',
    ],
    [
      'an unknown province',
      () => good.replaceAll(/<value>\d\d<\/value>/g, '<value>99</value>'),
      'cap.geocode',
    ],
    [
      'an open polygon',
      () => good.replaceAll('</areaDesc>', '</areaDesc><polygon>10,105 11,105 11,106 10,106.5</polygon>'),
      'cap.polygon',
    ],
    [
      'a polygon of three pairs',
      () => good.replaceAll('</areaDesc>', '</areaDesc><polygon>10,105 11,105 10,105</polygon>'),
      'cap.polygon',
    ],
    [
      'a headline holding a phone number',
      () => good.replace(/<headline>[^<]+<\/headline>/, '<headline>Gọi 0912345678 ngay</headline>'),
      'cap.alert.title',
    ],
  ];
  it.each(CASES)('refuses %s with 400 naming the rule', async (_name, make, rule) => {
    const xml = make();
    const r = await postCap(A.url, a.ops_officer, xml);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error!.issues!.map((i) => i.path)).toContain(rule);
    expect(r.body.error!.message).toContain(rule);
  });

  it('refuses JSON with 415, callers other than operations officers with 403 and no session with 401', async () => {
    expect((await a.ops_officer.send('POST', '/api/cap/alerts', { a: 1 })).status).toBe(415);
    for (const role of ['viewer', 'shelter_manager', 'gbv_coordinator', 'service_provider', 'admin'] as const)
      expect((await postCap(A.url, a[role], good)).status, role).toBe(403);
    expect((await postCap(A.url, client(A.url), good)).status).toBe(401);
  });

  it('takes a message over HTTP from a cap-feed API token, and refuses an export-reader token', async () => {
    const orgId = (await a.admin.get<{ id: string }[]>('/api/organisations')).body.data![0]!.id;
    const token = async (purpose: string) =>
      (
        await a.admin.send<{ secret: string }>('POST', '/api/tokens', {
          name: `CAP ${purpose}`,
          orgId,
          purpose,
        })
      ).body.data!.secret;
    const xml = good.replace(
      /<identifier>[^<]+<\/identifier>/,
      `<identifier>token-feed-${Date.now()}</identifier>`,
    );
    const send = (secret: string) =>
      fetch(`${A.url}/api/cap/alerts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/cap+xml' },
        body: xml,
      });
    const refused = await send(await token('export-reader'));
    expect(refused.status).toBe(403);
    const r = await send(await token('cap-feed'));
    const body = (await r.json()) as { ok: boolean; data?: { outcome: string } };
    expect(r.status, JSON.stringify(body)).toBe(201);
    expect(body.data!.outcome).toBe('created');
  });

  it('lets a cap-feed token write as an operations officer and refuses other token purposes', () => {
    const base: Viewer = {
      role: 'viewer',
      orgId: 'o',
      scope: null,
      userId: 'u',
      username: 't',
      displayName: 't',
      orgName: 'o',
      sessionId: 's',
    };
    expect(capWriter({ ...base, tokenPurpose: 'cap-feed' }).role).toBe('ops_officer');
    expect(() => capWriter({ ...base, role: 'ops_officer', tokenPurpose: 'export-reader' })).toThrow(
      /cap-feed/,
    );
    expect(capWriter({ ...base, role: 'ops_officer' }).role).toBe('ops_officer');
  });
});

describe('CAP_FEED_URLS', () => {
  it('polls a CAP Atom feed and takes in its Alert, then its Update', async () => {
    const x = (await a.ops_officer.get<RiskAlert[]>('/api/alerts')).body.data!.find(
      (y) => y.status === 'active',
    )!;
    const ours = (await getText(A.url, a.ops_officer, `/api/cap/alerts/${x.id}.xml`)).text;
    const ext = (id: string, extra: string, level: string) =>
      ours
        .replace(/<identifier>[^<]+<\/identifier>/, `<identifier>${id}</identifier>`)
        .replace(/<sender>[^<]+<\/sender>/, '<sender>nchmf.gov.vn</sender>')
        .replace('<info>', `${extra}<info>`)
        .replaceAll(
          /<valueName>VN-DisasterRiskLevel<\/valueName>\s*<value>\d<\/value>/g,
          `<valueName>VN-DisasterRiskLevel</valueName><value>${level}</value>`,
        )
        .replaceAll(/<headline>[^<]+<\/headline>/g, '<headline>Tin từ nguồn CAP ngoài (kiểm thử)</headline>');
    const sent = /<sent>([^<]+)<\/sent>/.exec(ours)![1]!;
    feedFiles.set('/m1.xml', ext('NCHMF-2026-001', '', '3'));
    const entry = (n: string, upd: string) =>
      `<entry><id>urn:test:${n}</id><title>t</title><updated>${upd}</updated><link rel="alternate" type="application/cap+xml" href="/${n}.xml"/></entry>`;
    feedBody = `<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:test</id><title>t</title><updated>2026-01-01T00:00:00Z</updated>${entry('m1', '2026-01-01T00:00:00Z')}</feed>`;
    const find = async () =>
      (await opsB.get<RiskAlert[]>('/api/alerts')).body.data!.find(
        (y) => y.title === 'Tin từ nguồn CAP ngoài (kiểm thử)',
      );
    await waitFor(async () => (await find()) !== undefined, 20_000, 200);
    expect((await find())!.level).toBe(3);
    feedFiles.set(
      '/m2.xml',
      ext('NCHMF-2026-002', `<references>nchmf.gov.vn,NCHMF-2026-001,${sent}</references>`, '4').replace(
        '<msgType>Alert</msgType>',
        '<msgType>Update</msgType>',
      ),
    );
    feedBody = feedBody.replace('</feed>', `${entry('m2', '2026-01-01T01:00:00Z')}</feed>`);
    await waitFor(async () => (await find())?.level === 4, 20_000, 200);
    const all = (await opsB.get<RiskAlert[]>('/api/alerts')).body.data!;
    expect(all.filter((y) => y.title === 'Tin từ nguồn CAP ngoài (kiểm thử)')).toHaveLength(1);
  });
});
