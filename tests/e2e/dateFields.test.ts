import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RiskAlert } from '../../shared/schemas/alerts.js';
import { openSignedIn, useBrowserApp } from '../helpers/browser.js';
import { login } from '../helpers/client.js';

const SHOTS = path.join(path.resolve(import.meta.dirname, '..', '..'), 'test-results', 'screenshots');

/** Open the new-alert form and fill all but its times. */
async function openAlertForm(page: Page, title: string): Promise<void> {
  await page.getByTestId('tab-alerts').click();
  await page.getByTestId('create-alert').click();
  await page.getByTestId('alert-form').waitFor();
  await page.getByTestId('af-title').fill(title);
  await page.locator('[data-testid^="af-province-"]').first().check();
}

/** The form's two time fields, as a reader sees them (test-results/screenshots/). */
async function shot(page: Page, file: string): Promise<void> {
  const row = page
    .getByTestId('af-valid-to')
    .locator('xpath=ancestor::div[contains(@class, "qform__numbers")]');
  // Centred: at the panel's edges its sticky header and buttons would cover the row.
  await row.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await row.screenshot({ path: path.join(SHOTS, file) });
}

/** Both time fields are wide enough for their whole text (nothing scrolled out of sight). */
const wholeTextShows = (page: Page) =>
  page
    .locator('input.date-field')
    .evaluateAll((els) => els.every((e) => e.scrollWidth <= e.clientWidth && e.clientWidth > 0));

/** The alert the ops officer issued under `title`, as the API stores it. */
async function stored(base: string, title: string): Promise<RiskAlert | undefined> {
  const ops = await login(base, 'ops');
  return (await ops.get<RiskAlert[]>('/api/alerts')).body.data!.find((a) => a.title === title);
}

describe('date and time fields speak the interface language', { timeout: 240_000 }, () => {
  // The map is not this file's subject: folded, as a user can (a11y, mapCluster, gbv, wall draw it).
  const app = useBrowserApp({ map: false });
  // The browser's own locale is US English, as a phone set to English would be: the native picker
  // would show `12/01/2026, 04:22 PM` whatever the app's language.
  const options = { locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh' };

  it('in Vietnamese, "valid to" reads 01/12/2026 16:22 and what is typed is the instant stored', async () => {
    const page = await openSignedIn(app, 'ops', options);
    await openAlertForm(page, 'Mưa lớn kiểm thử giờ');
    const to = page.getByTestId('af-valid-to');
    expect(await to.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(await to.getAttribute('placeholder')).toBe('dd/mm/yyyy hh:mm');

    // Not a date (31 February): the browser keeps the form, with the shape to type, and nothing is sent.
    await page.getByTestId('af-valid-from').fill('01/12/2027 08:00');
    await to.fill('31/02/2027 16:22');
    expect(await to.evaluate((e: HTMLInputElement) => e.validationMessage)).toContain('dd/mm/yyyy hh:mm');
    await page.getByTestId('af-save').click();
    await page.waitForTimeout(500);
    expect(await stored(app.srv.url, 'Mưa lớn kiểm thử giờ')).toBeUndefined();

    await to.fill('02/12/2027 16:22');
    await shot(page, 'date-field-vi.png');
    expect(await wholeTextShows(page)).toBe(true);
    await page.getByTestId('af-save').click();
    await page.getByTestId('alert-panel').waitFor();
    const alert = await stored(app.srv.url, 'Mưa lớn kiểm thử giờ');
    // 16:22 in Hà Nội (UTC+7) on 2 December 2027.
    expect(alert?.validFrom).toBe('2027-12-01T01:00:00.000Z');
    expect(alert?.validTo).toBe('2027-12-02T09:22:00.000Z');
    await page.close();
  });

  it('in English, the same field reads and takes the English format', async () => {
    const page = await openSignedIn(app, 'ops', options);
    await page.getByTestId('lang-en').click();
    await openAlertForm(page, 'Rain time test');
    const to = page.getByTestId('af-valid-to');
    await expect.poll(() => to.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{1,2}:\d{2} [AP]M$/);
    expect(await to.getAttribute('placeholder')).toBe('mm/dd/yyyy hh:mm AM/PM');
    await page.getByTestId('af-valid-from').fill('12/01/2027 8:00 AM');
    await to.fill('12/02/2027 4:22 PM');
    await shot(page, 'date-field-en.png');
    expect(await wholeTextShows(page)).toBe(true);
    await page.getByTestId('af-save').click();
    await page.getByTestId('alert-panel').waitFor();
    const alert = await stored(app.srv.url, 'Rain time test');
    expect(alert?.validFrom).toBe('2027-12-01T01:00:00.000Z');
    expect(alert?.validTo).toBe('2027-12-02T09:22:00.000Z');
    await page.close();
  });
});
