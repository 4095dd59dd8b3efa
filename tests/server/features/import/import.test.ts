import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Role } from '../../../../shared/enums.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';
import type { ImportReport } from '../../../../shared/schemas/imports.js';
import type { AuditEntry } from '../../../../shared/schemas/incidents.js';
import { startServer, useServer, type ServerSuite } from '../../../helpers/server.js';
import { STORAGES } from '../../../helpers/db.js';
import { DEMO_USERS } from '../../../helpers/client.js';

/**
 * CSV imports of shelters and services (issue 9 item 2), over real HTTP: the file as the body or as
 * the multipart field `file`; dry runs; one transaction; the report; encodings; limits; roles. Files
 * are written with csv-stringify (an outside writer) or taken from our own export.
 */

// Each storage's suite fills this in turn.
const t = { as: {} } as ServerSuite<Role>;

type Reply = { status: number; json: { ok: boolean; data?: ImportReport; error?: Record<string, unknown> } };

async function post(
  who: Role,
  kind: string,
  body: BodyInit,
  opts: { query?: string; type?: string | null; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const res = await fetch(`${t.srv.url}/api/import/${kind}${opts.query ? `?${opts.query}` : ''}`, {
    method: 'POST',
    headers: {
      cookie: t.as[who].cookie,
      ...(opts.type === null ? {} : { 'content-type': opts.type ?? 'text/csv' }),
      ...opts.headers,
    },
    body,
  });
  return { status: res.status, json: (await res.json()) as Reply['json'] };
}

const exported = async (who: Role, path: string) => {
  const res = await fetch(`${t.srv.url}${path}`, { headers: { cookie: t.as[who].cookie } });
  return new Uint8Array(await res.arrayBuffer());
};
const head = async (who: Role) =>
  ((await t.as[who].get<{ seq: number }>('/api/snapshot')).body.data as { seq: number }).seq;
const shelters = async () => (await t.as.ops_officer.get<Shelter[]>('/api/shelters')).body.data!;
const services = async () => (await t.as.gbv_coordinator.get<ServicePoint[]>('/api/services')).body.data!;

const SHELTER_HEADER = ['name', 'kind', 'provinceCode', 'lat', 'lon', 'capacity', 'occupancy'];
const csv = (rows: unknown[][]) => stringify(rows);

describe.each(STORAGES)('CSV imports on %s', (storage) => {
  useServer(DEMO_USERS, { start: () => startServer({ storage }), timeoutMs: 60_000, into: t });

  it('our own shelters export re-imported (vi and en headers) changes nothing, dry run and for real', async () => {
    const before = await shelters();
    const seq = await head('ops_officer');
    for (const lang of ['vi', 'en']) {
      const file = await exported('ops_officer', `/api/export/shelters.csv?lang=${lang}`);
      for (const query of ['dryRun=1', '']) {
        const r = await post('ops_officer', 'shelters', file, { query });
        expect(r.status, JSON.stringify(r.json)).toBe(200);
        const rep = r.json.data!;
        expect(rep.rows).toBe(before.length);
        expect(rep.refused).toEqual([]);
        expect(rep).toMatchObject({
          accepted: before.length,
          unchanged: before.length,
          created: 0,
          updated: 0,
        });
        expect(rep.encoding).toBe('utf-8');
        expect(rep.ignoredColumns.length).toBeGreaterThan(0); // names of places, score, dates
      }
    }
    expect(await head('ops_officer')).toBe(seq);
    expect(await shelters()).toEqual(before);
  });

  it('the services export re-imported by the GBV coordinator changes nothing (safe houses included)', async () => {
    const before = await services();
    const seq = await head('gbv_coordinator');
    const file = await exported('gbv_coordinator', '/api/export/services.csv');
    const r = await post('gbv_coordinator', 'services', file);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.data).toMatchObject({ rows: before.length, unchanged: before.length, refused: [] });
    expect(await head('gbv_coordinator')).toBe(seq);
    expect(await services()).toEqual(before);
  });

  it('a file of good and bad rows: the exact report, 422 and nothing stored; dry run 200; skipInvalid stores the good', async () => {
    const before = await shelters();
    const file = csv([
      SHELTER_HEADER,
      ['Trường THCS Hồng Hà', 'school', '22', '20.95', '107.07', '300', '12'],
      ['Nhà văn hoá khu 3', 'commune_hall', '22', 'abc', '107.1', '-5', '0'],
      ['', 'school', '22', '21.0', '107.2', '50', '0'],
      ['Nhà văn hoá khu 4', 'castle', '22', '21.0', '107.2', '50', '0'],
      ['Nhà văn hoá khu 5', 'school', '99', '21.0', '107.2', '50', '0'],
    ]);
    const refused = [
      { row: 3, column: 'lat', value: 'abc', reason: 'không phải số' },
      { row: 3, column: 'capacity', value: '-5', reason: 'không phải số nguyên không âm' },
      { row: 4, column: 'name', value: '', reason: 'bắt buộc, đang để trống' },
    ];
    const dry = await post('ops_officer', 'shelters', file, { query: 'dryRun=1' });
    expect(dry.status).toBe(200);
    const rep = dry.json.data!;
    expect(rep).toMatchObject({ rows: 5, accepted: 1, created: 1, dryRun: true, stored: false });
    expect(rep.refused.slice(0, 3)).toEqual(refused);
    // Row 5: a kind not in the list; row 6: a province that does not exist (the API's own check).
    expect(rep.refused.slice(3).map((x) => [x.row, x.column, x.value])).toEqual([
      [5, 'kind', 'castle'],
      [6, 'provinceCode', '99'],
    ]);
    expect(rep.refused[3]!.reason).toMatch(/^không thuộc các giá trị cho phép: school, commune_hall/);
    expect(rep.refused[4]!.reason).toMatch(/^không lưu được: /);

    const real = await post('ops_officer', 'shelters', file);
    expect(real.status).toBe(422);
    expect(real.json.error!.code).toBe('import_refused');
    expect(real.json.error!.report).toEqual({ ...rep, dryRun: false });
    expect(await shelters()).toEqual(before);

    const en = await post('ops_officer', 'shelters', file, { query: 'dryRun=1&lang=en' });
    expect(en.json.data!.refused[0]).toEqual({ row: 3, column: 'lat', value: 'abc', reason: 'not a number' });

    const some = await post('ops_officer', 'shelters', file, { query: 'skipInvalid=1' });
    expect(some.status).toBe(200);
    expect(some.json.data).toMatchObject({ created: 1, stored: true });
    const after = await shelters();
    expect(after.length).toBe(before.length + 1);
    expect(after.find((s) => s.name === 'Trường THCS Hồng Hà')).toMatchObject({
      capacity: 300,
      occupancy: 12,
    });
  });

  it('updates by ID are ordinary events; a province cannot move; an unknown or foreign ID is refused', async () => {
    const s = (await shelters()).find((x) => x.provinceCode === '22')!;
    const seq = await head('ops_officer');
    const file = csv([
      ['#loc+code', '#affected+displaced+ind', '#need+water', '#adm1+code'],
      [s.id, String(s.occupancy + 7), 'out', s.provinceCode],
    ]);
    const r = await post('ops_officer', 'shelters', file);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.data).toMatchObject({ updated: 1, unchanged: 0 });
    const events = (
      await t.as.ops_officer.get<{ events: { type: string; data: { id: string } }[] }>(
        `/api/events?after=${seq}`,
      )
    ).body.data!.events;
    expect(events.map((e) => [e.type, e.data.id])).toEqual([['shelter:updated', s.id]]);
    const now = (await shelters()).find((x) => x.id === s.id)!;
    expect(now).toMatchObject({ occupancy: s.occupancy + 7, version: s.version + 1 });
    expect(now.needs.water).toBe('out');

    const bad = await post(
      'ops_officer',
      'shelters',
      csv([
        ['id', 'provinceCode', 'name'],
        [s.id, '01', 'x'],
        ['7a0c9a52-0000-4000-8000-000000000000', '', 'y'],
        ['QN-001', '', 'z'],
      ]),
      { query: 'dryRun=1&lang=en' },
    );
    expect(bad.json.data!.refused).toEqual([
      { row: 2, column: 'provinceCode', value: '01', reason: 'the province cannot change by import' },
      {
        row: 3,
        column: 'id',
        value: '7a0c9a52-0000-4000-8000-000000000000',
        reason: 'no record has this ID',
      },
      {
        row: 4,
        column: 'id',
        value: 'QN-001',
        reason: 'not an ID of this system (leave it empty to add a new record)',
      },
    ]);
  });

  it('an HXL row below title rows, UTF-16 (Excel "Unicode text", tab-separated) and UTF-8 without BOM are read', async () => {
    const rows = [
      ['Danh sách điểm sơ tán của đối tác'],
      ['Tên', 'Loại', 'Tỉnh', 'Vĩ độ', 'Kinh độ', 'Sức chứa'],
      ['#loc+name', '#loc +type', '#adm1+code', '#geo+lat', '#geo+lon', '#capacity+num'],
      ['Điểm sơ tán Hà Tu', 'school', '22', '20.96', '107.12', '80'],
    ];
    const hxl = await post('ops_officer', 'shelters', csv(rows), { query: 'dryRun=1' });
    expect(hxl.json.data).toMatchObject({ rows: 1, created: 1, refused: [] });

    const tsv = `${rows.map((r) => r.join('\t')).join('\r\n')}\r\n`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
    const u = await post('ops_officer', 'shelters', utf16, { query: 'dryRun=1', type: 'text/plain' });
    expect(u.status, JSON.stringify(u.json)).toBe(200);
    expect(u.json.data).toMatchObject({ rows: 1, created: 1, refused: [], encoding: 'utf-16le' });

    const plain = await post('ops_officer', 'shelters', Buffer.from(csv(rows), 'utf8'), {
      query: 'dryRun=1',
    });
    expect(plain.json.data).toMatchObject({ created: 1, encoding: 'utf-8' });
  });

  it('another encoding is refused naming it; a broken CSV, no matching column, a bad query: 400 naming the field', async () => {
    // "Điểm sơ tán" in windows-1258 (Vietnamese ANSI): 0xD1 is Đ, not valid UTF-8.
    const ansi = Buffer.concat([
      Buffer.from('name,kind,provinceCode,lat,lon,capacity\r\n', 'ascii'),
      Buffer.from([0xd1, 0x69, 0xea, 0x6d, 0x20, 0x73, 0xf5, 0x20, 0x74, 0xe1, 0x6e]),
      Buffer.from(',school,22,21,107,10\r\n', 'ascii'),
    ]);
    const enc = await post('ops_officer', 'shelters', ansi);
    expect(enc.status).toBe(400);
    expect(enc.json.error!.message).toMatch(
      /^file: the file is not UTF-8 or UTF-16 \(it looks like [\w-]+\)/,
    );

    const broken = await post('ops_officer', 'shelters', 'name,kind\r\n"unclosed,school\r\n');
    expect(broken.status).toBe(400);
    expect(broken.json.error!.message).toMatch(/^file: not a readable CSV/);

    const none = await post('ops_officer', 'shelters', 'foo,bar\r\n1,2\r\n');
    expect(none.status).toBe(400);
    expect(none.json.error!.message).toMatch(/^file: no column matches/);

    const q = await post('ops_officer', 'shelters', 'name\r\nx\r\n', { query: 'dryRun=maybe' });
    expect(q.status).toBe(400);
    expect(JSON.stringify(q.json.error)).toContain('dryRun');

    const kind = await post('ops_officer', 'alerts', 'name\r\nx\r\n');
    expect(kind.status).toBe(400);
    expect(JSON.stringify(kind.json.error)).toContain('kind');

    const json = await post('ops_officer', 'shelters', '{}', { type: 'application/json' });
    expect(json.status).toBe(415);
    expect(JSON.stringify(json.json.error)).toContain('Content-Type');
  });

  it('multipart field "file" works; another field, a file over 5 MB and over 20,000 rows are refused', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([csv([SHELTER_HEADER, ['Nhà văn hoá', 'commune_hall', '22', '21', '107', '40', '0']])]),
      'x.csv',
    );
    const ok = await post('ops_officer', 'shelters', form, { query: 'dryRun=1', type: null });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json.data).toMatchObject({ created: 1 });

    const wrong = new FormData();
    wrong.append('upload', new Blob(['name\r\nx\r\n']), 'x.csv');
    const w = await post('ops_officer', 'shelters', wrong, { type: null });
    expect(w.status).toBe(400);
    expect(JSON.stringify(w.json.error)).toContain('upload');

    const big = await post('ops_officer', 'shelters', `name\r\n${'x'.repeat(5 * 1024 * 1024)}\r\n`);
    expect(big.status).toBe(413);
    expect(big.json.error!.message).toMatch(/^file: larger than 5 MB/);

    const many = `name\r\n${'a\r\n'.repeat(20_001)}`;
    const m = await post('ops_officer', 'shelters', many, { query: 'dryRun=1' });
    expect(m.status).toBe(400);
    expect(m.json.error!.message).toMatch(/more than 20000 rows/);
  }, 120_000);

  it('roles: only ops officers import shelters, GBV coordinators and providers services, each row in scope', async () => {
    const file = csv([SHELTER_HEADER, ['Nhà văn hoá', 'commune_hall', '22', '21', '107', '40', '0']]);
    for (const who of ['viewer', 'shelter_manager', 'gbv_coordinator', 'admin'] as Role[]) {
      const r = await post(who, 'shelters', file, { query: 'dryRun=1' });
      expect(r.status, who).toBe(403);
    }
    for (const who of ['viewer', 'ops_officer', 'shelter_manager'] as Role[]) {
      const r = await post(who, 'services', 'name\r\nx\r\n', { query: 'dryRun=1' });
      expect(r.status, who).toBe(403);
    }
    // The provider's scope and own organisation: another organisation's service row is refused.
    const p = await post(
      'service_provider',
      'services',
      csv([
        ['name', 'types', 'provinceCode', 'providerOrgId'],
        ['Phòng khám', 'health_cmr', '22', '00000000-0000-4000-8000-000000000001'],
      ]),
      { query: 'dryRun=1&lang=en' },
    );
    expect(p.status).toBe(200);
    expect(p.json.data!.refused.length).toBe(1);
    expect(p.json.data!.refused[0]!.reason).toMatch(/^not stored: /);
  });

  it('a safe house row with a position is stored hidden, and the report says so', async () => {
    const file = csv([
      ['#service+name', '#service+type', '#adm1+code', '#geo+lat', '#geo+lon', '#contact+phone'],
      ['Nhà an toàn Hoa Sen', 'safe_house;hotline', '22', '20.95', '107.08', '1900 969 680'],
    ]);
    const r = await post('gbv_coordinator', 'services', file);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.data!.notes).toEqual([
      { row: 2, column: '#geo+lat', note: 'nhà tạm lánh: vị trí được lưu nhưng luôn ẩn' },
    ]);
    const seen = (await t.as.viewer.get<ServicePoint[]>('/api/services')).body.data!;
    const house = seen.filter((s) => s.types.includes('safe_house'));
    expect(house.every((s) => s.lat === null && s.positionShown === 'hidden')).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('Hoa Sen');
    const coordinator = (await services()).find((s) => s.name === 'Nhà an toàn Hoa Sen')!;
    expect(coordinator.locationVisibility).toBe('hidden');
  });

  it('a retry with the same Idempotency-Key answers the first report and stores once; imports are audited', async () => {
    const before = (await shelters()).length;
    const file = csv([SHELTER_HEADER, ['Trạm y tế cũ', 'other', '22', '21.01', '107.01', '25', '0']]);
    const headers = { 'Idempotency-Key': `import-${storage}-1` };
    const a = await post('ops_officer', 'shelters', file, { headers });
    const b = await post('ops_officer', 'shelters', file, { headers });
    expect(a.status).toBe(200);
    expect(b.json.data).toEqual(a.json.data);
    expect((await shelters()).length).toBe(before + 1);
    const audit = (await t.as.admin.get<AuditEntry[]>('/api/audit?limit=50')).body.data!;
    const rows = audit.filter((e) => e.action === 'import' && e.resource === 'shelters');
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.map((e) => Object.keys(e.detail).sort())).toContainEqual([
      'accepted',
      'dryRun',
      'refused',
      'rows',
      'stored',
    ]);
    expect(rows.some((e) => e.detail.dryRun === 'no' && e.detail.stored === 'yes')).toBe(true);
  });

  it('5,000 rows import in one transaction (time noted, not asserted), then re-import unchanged', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [
      `Điểm tạm ${i}`,
      'school',
      '22',
      (20.9 + (i % 100) / 1000).toFixed(4),
      (107.0 + Math.floor(i / 100) / 1000).toFixed(4),
      '100',
      '0',
    ]);
    const t0 = performance.now();
    const r = await post('ops_officer', 'shelters', csv([SHELTER_HEADER, ...rows]));
    const ms = performance.now() - t0;
    expect(r.status, JSON.stringify(r.json).slice(0, 500)).toBe(200);
    expect(r.json.data).toMatchObject({ rows: 5000, created: 5000 });
    console.info(`[import] 5,000 shelter rows on ${storage}: ${ms.toFixed(0)} ms`);
    const file = await exported('ops_officer', '/api/export/shelters.csv');
    const parsed: string[][] = parseCsv(Buffer.from(file).toString('utf8'), { bom: true });
    const t1 = performance.now();
    const again = await post('ops_officer', 'shelters', file, { query: 'dryRun=1' });
    console.info(
      `[import] re-import dry run of ${parsed.length - 2} rows on ${storage}: ${(performance.now() - t1).toFixed(0)} ms`,
    );
    expect(again.json.data).toMatchObject({ rows: parsed.length - 2, updated: 0, created: 0, refused: [] });
  }, 300_000);
});
