import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signIn, useBrowserApp } from '../helpers/browser.js';
import { DEMO_USERS, login } from '../helpers/client.js';
import type { Role } from '../../shared/enums.js';
import type { ServicePoint } from '../../shared/schemas/services.js';
import type { Shelter } from '../../shared/schemas/shelters.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const OUT = path.join(ROOT, 'test-results', 'handover');

/** The text of a PDF as Debian's poppler-utils reads it (an outside reader, not our renderer). */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('the printed shift handover brief, per role', { timeout: 240_000 }, () => {
  // The map is not this file's subject: folded, as a user can (a11y, mapCluster, gbv, wall draw it).
  const app = useBrowserApp({ map: false });

  it('each role prints an A4 brief holding only what it may read', async () => {
    fs.mkdirSync(OUT, { recursive: true });
    const gbv = await login(app.srv.url, 'gbv');
    const safeHouses = (await gbv.get<ServicePoint[]>('/api/services')).body
      .data!.filter((s) => s.types.includes('safe_house'))
      .map((s) => s.name);
    expect(safeHouses.length).toBeGreaterThan(0);

    for (const role of [
      'ops_officer',
      'shelter_manager',
      'gbv_coordinator',
      'service_provider',
      'viewer',
    ] as Role[]) {
      const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await signIn(page, app.srv.url, DEMO_USERS[role]);
      await page.goto(`${app.srv.url}/handover`);
      await page.getByTestId('handover-brief').waitFor({ timeout: 30_000 });
      const file = path.join(OUT, `${role}.pdf`);
      await page.pdf({ path: file, format: 'A4', printBackground: true });
      const text = pdfText(file);
      expect(text, role).toContain('Bàn giao ca');
      expect(text, role).toContain('Người đang sơ tán');
      expect(text, role).toContain('Cảnh báo đang có hiệu lực');
      // Tools are not printed.
      expect(text, role).not.toContain('Tải PDF');
      expect(text, role).not.toContain('Lưu ghi chú');
      expect(text.includes('Yêu cầu điều phối'), role).toBe(role !== 'viewer');
      expect(text.includes('Cảnh báo khẩn GBV'), role).toBe(role === 'gbv_coordinator');
      if (role !== 'gbv_coordinator' && role !== 'service_provider')
        for (const name of safeHouses) expect(text, `${role}: ${name}`).not.toContain(name);
      expect(errors, role).toEqual([]);
      await page.close();
    }
  });

  it('a note for the next shift is saved from the page, printed, and refused with the reason when it names a phone', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.srv.url, 'ops');
    // The dashboard opens the brief in a new tab.
    const [brief] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByTestId('open-handover').click(),
    ]);
    await brief.getByTestId('handover-brief').waitFor({ timeout: 30_000 });
    await brief.getByTestId('handover-note-text').fill('Gọi lại 0912 345 678');
    await brief.getByTestId('handover-note-save').click();
    await brief.getByRole('alert').waitFor();
    expect(await brief.getByRole('alert').innerText()).toContain('Không lưu được');
    await brief
      .getByTestId('handover-note-text')
      .fill('Chờ xe nước từ Hạ Long lúc 06:00; kiểm tra Bãi Cháy.');
    await brief.getByTestId('handover-note-save').click();
    await brief.getByTestId('handover-notes').getByText('Chờ xe nước từ Hạ Long').waitFor();
    await brief.screenshot({ path: path.join(OUT, 'ops-screen.png'), fullPage: true });
    const file = path.join(OUT, 'ops-with-note.pdf');
    await brief.pdf({ path: file, format: 'A4' });
    expect(pdfText(file)).toContain('Chờ xe nước từ Hạ Long');
    // Reloading keeps the note (it is stored with the desk, not in the page).
    await brief.reload();
    await brief.getByTestId('handover-notes').getByText('Chờ xe nước từ Hạ Long').waitFor();
    await page.close();
  });

  it('on the demo the brief starts at the seed, so a shelter filling this shift is what moved', async () => {
    const ops = await login(app.srv.url, 'ops');
    const s = (await ops.get<Shelter[]>('/api/shelters')).body.data!.find(
      (x) => x.status === 'open' && x.capacity >= x.occupancy + 12,
    )!;
    const r = await ops.send('PATCH', `/api/shelters/${s.id}`, {
      version: s.version,
      status: 'full',
      occupancy: s.occupancy + 12,
    });
    expect(r.status).toBe(200);
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.srv.url, 'ops');
    await page.goto(`${app.srv.url}/handover`);
    await page.getByTestId('handover-brief').waitFor({ timeout: 30_000 });
    // The field shows the start the server chose (the seed), not an empty picture 12 hours back.
    // In the interface language's format (Vietnamese here), not the browser's.
    expect(await page.getByTestId('handover-since').inputValue()).toMatch(
      /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
    );
    const cells = async (label: string) =>
      page.locator('tr', { hasText: label }).first().locator('td').allInnerTexts();
    const [atStart, , change] = await cells('Người đang sơ tán');
    expect(Number(atStart!.replace(/\./g, ''))).toBeGreaterThan(0);
    expect(change).toBe('+12');
    expect((await cells('Điểm đã đầy'))[2]).toBe('+1');
    expect((await cells('Điểm đang mở'))[2]).toBe('−1');
    expect((await cells('Dịch vụ ngừng'))[2]).not.toMatch(/^\+/);
    // The printed brief, page 1, as docs/handover-brief.png (poppler renders the PDF Chromium printed).
    const file = path.join(OUT, 'ops-demo.pdf');
    await page.pdf({ path: file, format: 'A4', printBackground: true });
    expect(pdfText(file)).toMatch(/Người đang sơ tán\s+[\d.]+\s+[\d.]+\s+\+12/);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      path.join(ROOT, 'docs', 'handover-brief'),
    ]);
    await page.close();
  });
});
