import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signIn, useBrowserApp, waitForAppReady } from '../helpers/browser.js';
import { login } from '../helpers/client.js';
import type { Shelter } from '../../shared/schemas/shelters.js';
import type { ServicePoint } from '../../shared/schemas/services.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const DESKTOP = { viewport: { width: 1440, height: 900 } } as const;

const GOOD_AND_BAD = [
  'name,kind,provinceCode,lat,lon,capacity',
  'Nhà văn hoá thôn Đông,commune_hall,22,21.02,107.25,90',
  'Trường Tiểu học Cao Xanh,school,22,abc,107.08,200',
].join('\r\n');

async function page(browser: Browser, base: string, user: string): Promise<{ page: Page; errors: string[] }> {
  const p = await browser.newPage(DESKTOP);
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  await signIn(p, base, user);
  await waitForAppReady(p);
  return { page: p, errors };
}

const choose = (p: Page, name: string, text: string) =>
  p
    .getByTestId('import-file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

describe('the CSV import dialog in Chromium', { timeout: 180_000 }, () => {
  // The map is not this file's subject: folded, as a user can (a11y, mapCluster, gbv, wall draw it).
  const app = useBrowserApp({ map: false });

  it('ops officer: check a file, read the refused cell, store only the good row, import another, close with Esc', async () => {
    const { page: p, errors } = await page(app.browser, app.srv.url, 'ops');
    const api = await login(app.srv.url, 'ops');
    const count = async () => (await api.get<Shelter[]>('/api/shelters')).body.data!.length;
    const before = await count();

    await p.getByTestId('import-shelters').click();
    const dialog = p.getByTestId('import-dialog');
    await dialog.waitFor();
    expect(await p.getByTestId('import-check').isDisabled()).toBe(true);
    await choose(p, 'partner.csv', GOOD_AND_BAD);
    await p.getByTestId('import-check').click();
    await p.getByTestId('import-report').waitFor();
    const refused = p.getByTestId('import-refused');
    expect(await refused.locator('tbody tr').count()).toBe(1);
    expect(await refused.locator('tbody tr').first().innerText()).toContain('abc');
    expect(await refused.innerText()).toContain('không phải số');
    // Refused rows and no "skip": nothing can be stored yet, and the dry run stored nothing.
    expect(await p.getByTestId('import-store').isDisabled()).toBe(true);
    expect(await count()).toBe(before);
    await p.screenshot({ path: path.join(SHOTS, 'import-preview.png') });

    await p.getByTestId('import-skip-invalid').check();
    await p.getByTestId('import-store').click();
    await p.getByTestId('import-done').waitFor();
    expect(await count()).toBe(before + 1);
    // The new shelter arrives in the live list through the ordinary event.
    await p
      .getByTestId('shelter-item')
      .filter({ hasText: 'Nhà văn hoá thôn Đông' })
      .waitFor({ timeout: 15_000 });
    await p.screenshot({ path: path.join(SHOTS, 'import-done.png') });

    // Another file: the dialog starts over, the file chooser is empty.
    await p.getByTestId('import-again').click();
    expect(await p.getByTestId('import-file').inputValue()).toBe('');
    await choose(p, 'same.csv', GOOD_AND_BAD.split('\r\n').slice(0, 2).join('\r\n'));
    await p.getByTestId('import-check').click();
    await p.getByTestId('import-report').waitFor();
    expect(await p.getByTestId('import-refused').count()).toBe(0);

    // Esc closes without storing; the close button too, after reopening.
    await p.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await count()).toBe(before + 1);
    await p.getByTestId('import-shelters').click();
    await p.getByTestId('import-close').click();
    await dialog.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await p.close();
  });

  it('GBV coordinator imports services; a viewer and a shelter manager see no import button', async () => {
    const { page: p, errors } = await page(app.browser, app.srv.url, 'gbv');
    await p.getByTestId('tab-services').click();
    await p.getByTestId('import-services').click();
    await choose(
      p,
      'services.csv',
      'name,types,provinceCode,lat,lon\r\nNhà an toàn Bình Minh,safe_house,22,20.96,107.1\r\n',
    );
    await p.getByTestId('import-check').click();
    await p.getByTestId('import-notes').waitFor();
    expect(await p.getByTestId('import-notes').innerText()).toContain('luôn ẩn');
    await p.getByTestId('import-store').click();
    await p.getByTestId('import-done').waitFor();
    const api = await login(app.srv.url, 'viewer');
    const seen = (await api.get<ServicePoint[]>('/api/services')).body.data!;
    expect(JSON.stringify(seen)).not.toContain('Bình Minh');
    expect(errors).toEqual([]);
    await p.close();

    for (const user of ['viewer', 'shelter']) {
      const { page: q } = await page(app.browser, app.srv.url, user);
      expect(await q.getByTestId('import-shelters').count(), user).toBe(0);
      expect(await q.getByTestId('import-services').count(), user).toBe(0);
      await q.close();
    }
  });
});
