import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../helpers/server.js';
import { login, type ApiClient } from '../../../helpers/client.js';
import type { Organisation, User } from '../../../../shared/schemas/auth.js';
import type { ApiTokenCreated } from '../../../../shared/schemas/tokens.js';
import type { Shelter, ShelterHistoryEntry } from '../../../../shared/schemas/shelters.js';
import { fitsOneSms } from '../../../../shared/domain/smsReplies.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const message = (xml: string) =>
  String((new XMLParser().parse(xml) as { Response: { Message: unknown } }).Response.Message);
const issuePath = (json: string) =>
  (JSON.parse(json) as { error: { issues: { path: string }[] } }).error.issues[0]!.path;

const PHONE = '+84900000001'; // the demo shelter manager's number (seed)

/** SMS reporting through a gateway (issue 10 item 5): POST /api/sms/inbound with an sms-gateway token. */
describe('POST /api/sms/inbound', () => {
  let srv: TestServer;
  let admin: ApiClient;
  let ops: ApiClient;
  let gateway: string;
  let own: Shelter; // managed by the demo shelter manager's organisation
  let other: Shelter; // managed by another organisation
  let n = 0;
  const replies: string[] = [];

  const fresh = async (id: string) => (await ops.get<Shelter>(`/api/shelters/${id}`)).body.data!;
  const history = async (id: string) =>
    (await ops.get<ShelterHistoryEntry[]>(`/api/shelters/${id}/history`)).body.data!;
  const nextId = () => `SM${Date.now()}x${++n}`;

  async function sendJson(
    body: unknown,
    opts: { token?: string; headers?: Record<string, string>; query?: string } = {},
  ) {
    const res = await fetch(`${srv.url}/api/sms/inbound${opts.query ?? ''}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${opts.token ?? gateway}`,
        ...opts.headers,
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 200) replies.push(text);
    return { status: res.status, text, type: res.headers.get('content-type') ?? '' };
  }
  async function sendForm(fields: Record<string, string>, headers: Record<string, string> = {}, query = '') {
    const res = await fetch(`${srv.url}/api/sms/inbound${query}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${gateway}`,
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
  }
  const sms = (text: string, from = PHONE, id = nextId()) => sendJson({ from, text, id });

  beforeAll(async () => {
    srv = await startServer();
    [admin, ops] = await Promise.all([login(srv.url, 'admin'), login(srv.url, 'ops')]);
    const orgs = (await admin.get<Organisation[]>('/api/organisations')).body.data!;
    const t = await admin.send<ApiTokenCreated>('POST', '/api/tokens', {
      name: 'SMS gateway',
      orgId: orgs[0]!.id,
      purpose: 'sms-gateway',
    });
    gateway = t.body.data!.secret;
    const users = (await admin.get<User[]>('/api/users')).body.data!;
    const manager = users.find((u) => u.username === 'shelter')!;
    const all = (await ops.get<Shelter[]>('/api/shelters')).body.data!;
    own = all.find((s) => s.managingOrgId === manager.orgId)!;
    other = all.find((s) => s.managingOrgId !== manager.orgId && s.provinceCode === own.provinceCode)!;
  });
  afterAll(async () => {
    await srv?.stop();
  });

  it('applies a JSON report through the shelter update: one event, a new version, marked as SMS', async () => {
    const before = await fresh(own.id);
    const events = (await history(own.id)).length;
    const r = await sms(`TT ${own.smsCode} SN 240 HO 63 NUOC thieu DIEN het AT ckkc?kkmkkc?k?`);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/plain/);
    expect(r.text).toMatch(new RegExp(`^Da luu ${own.smsCode}: SN 240, HO 63, 2 nhu cau, AT 14 muc`));
    const after = await fresh(own.id);
    expect(after).toMatchObject({
      occupancy: 240,
      households: 63,
      reportSource: 'sms',
      version: before.version + 1,
    });
    expect(after.needs).toMatchObject({ water: 'low', power: 'out' });
    expect(after.checklist!.lighting).toBe('yes');
    expect(after.checklist!.latrinesSeparated).toBe('no');
    const h = await history(own.id);
    expect(h.length).toBe(events + 1);
    expect(h.at(-1)!.changes).toMatchObject({ occupancy: 240, source: 'sms' });
    // An ordinary update afterwards is from the app again.
    const app = await ops.send<Shelter>('PATCH', `/api/shelters/${own.id}`, {
      version: after.version,
      occupancy: 241,
    });
    expect(app.body.data!.reportSource).toBe('app');
  });

  it('takes the form shape with diacritics and answers TwiML when asked', async () => {
    const r = await sendForm(
      {
        From: PHONE,
        Body: `tt ${own.smsCode.toLowerCase()} số người 1 sn 17 hộ 5 nước đủ`,
        MessageSid: nextId(),
        AccountSid: 'AC1',
      },
      { accept: 'application/xml' },
    );
    // "số người" is not a keyword: the reply names the word and nothing changes.
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/xml/);
    expect(XMLValidator.validate(r.text)).toBe(true);
    expect(message(r.text)).toMatch(/Khong hieu "SO"/);
    const ok = await sendForm(
      {
        From: '0900 000 001',
        Body: `tt ${own.smsCode.toLowerCase()} sn 17 hộ 5 nước đủ Điện đủ`,
        MessageSid: nextId(),
      },
      {},
      '?format=twiml',
    );
    expect(ok.type).toMatch(/^application\/xml/);
    const msg = message(ok.text);
    expect(msg).toMatch(/^Da luu/);
    expect(await fresh(own.id)).toMatchObject({
      occupancy: 17,
      households: 5,
      needs: { water: 'ok', power: 'ok' },
    });
  });

  it('applies a repeated gateway id once and answers it with the same reply', async () => {
    const id = nextId();
    const before = await fresh(own.id);
    const events = (await history(own.id)).length;
    const text = `TT ${own.smsCode} SN ${before.occupancy + 7}`;
    const first = await sms(text, PHONE, id);
    const again = await Promise.all([
      sms(text, PHONE, id),
      sms(text, PHONE, id),
      sms(`TT ${own.smsCode} SN 1`, PHONE, id),
    ]);
    for (const r of again) expect(r.text).toBe(first.text);
    const after = await fresh(own.id);
    expect(after.version).toBe(before.version + 1);
    expect(after.occupancy).toBe(before.occupancy + 7);
    expect((await history(own.id)).length).toBe(events + 1);
  });

  it('applies concurrent deliveries of one new id once', async () => {
    const id = nextId();
    const before = await fresh(own.id);
    const rs = await Promise.all([1, 2, 3].map(() => sms(`TT ${own.smsCode} HO 9`, PHONE, id)));
    expect(new Set(rs.map((r) => r.text)).size).toBe(1);
    expect((await fresh(own.id)).version).toBe(before.version + 1);
  });

  it('changes nothing for an unknown number, and says so politely', async () => {
    const before = await fresh(own.id);
    const r = await sms(`TT ${own.smsCode} SN 999`, '+84911111111');
    expect(r.text).toMatch(/chua dang ky.*Khong co gi thay doi/);
    const junk = await sms(`TT ${own.smsCode} SN 999`, 'not a number');
    expect(junk.text).toBe(r.text);
    expect(await fresh(own.id)).toEqual(before);
  });

  it('changes nothing on a shelter the sender may not edit, or one that does not exist', async () => {
    const before = await fresh(other.id);
    const r = await sms(`TT ${other.smsCode} SN 999`);
    expect(r.text).toMatch(new RegExp(`Xin loi, ban khong duoc cap nhat ${other.smsCode}`));
    expect(await fresh(other.id)).toEqual(before);
    expect((await sms('TT ZZ999 SN 1')).text).toMatch(/Khong tim thay diem so tan ZZ999/);
  });

  it('answers HD and HELP with the format, and a bad message with what was wrong, changing nothing', async () => {
    const before = await fresh(own.id);
    expect((await sms('HD')).text).toMatch(/^Bao cao: TT <ma>/);
    expect((await sms('help')).text).toMatch(/^Report: ST <code>/);
    expect((await sms(`TT ${own.smsCode} SN nhieu`)).text).toBe('SN can mot so, khong phai "NHIEU".');
    expect((await sms(`ST ${own.smsCode} SAFE yyy`)).text).toMatch(/^SAFE needs exactly 14/);
    expect(await fresh(own.id)).toEqual(before);
  });

  it('refuses a count beyond the limit, changing nothing', async () => {
    const before = await fresh(own.id);
    const r = await sms(`TT ${own.smsCode} SN 99999999`);
    expect(r.text).toMatch(/SN can mot so/);
    expect(await fresh(own.id)).toEqual(before);
  });

  it('keeps every reply within one SMS', () => {
    expect(replies.length).toBeGreaterThan(10);
    for (const r of replies) expect(fitsOneSms(r), r).toBe(true);
  });

  it('refuses bad webhooks with 4xx naming the field, and callers other than an sms-gateway token', async () => {
    const missing = await sendJson({ from: PHONE, text: 'HD' });
    expect(missing.status).toBe(400);
    expect(issuePath(missing.text)).toBe('id');
    const form = await sendForm({ From: PHONE, Body: 'HD' });
    expect(form.status).toBe(400);
    expect(issuePath(form.text)).toBe('MessageSid');
    const xml = await fetch(`${srv.url}/api/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', authorization: `Bearer ${gateway}` },
      body: '<x/>',
    });
    expect(xml.status).toBe(415);
    const anon = await fetch(`${srv.url}/api/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: ops.cookie },
      body: JSON.stringify({ from: PHONE, text: 'HD', id: nextId() }),
    });
    expect(anon.status).toBe(401);
    const orgs = (await admin.get<Organisation[]>('/api/organisations')).body.data!;
    const roleToken = await admin.send<ApiTokenCreated>('POST', '/api/tokens', {
      name: 'Ops script',
      orgId: orgs[0]!.id,
      role: 'ops_officer',
    });
    const asRole = await sendJson(
      { from: PHONE, text: 'HD', id: nextId() },
      { token: roleToken.body.data!.secret },
    );
    expect(asRole.status).toBe(403);
  });

  it('shows each shelter’s SMS code in the shelters CSV export', async () => {
    const csv = await (
      await fetch(`${srv.url}/api/export/shelters.csv?lang=en`, { headers: { cookie: ops.cookie } })
    ).text();
    const [header, tags] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toContain('SMS code');
    expect(tags).toContain('#loc+sms_code');
    expect(csv).toContain(`,${own.smsCode},`);
  });
});
