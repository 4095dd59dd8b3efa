import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Role } from '../../shared/enums.js';
import { signIn, useBrowserApp } from '../helpers/browser.js';
import { DEMO_USERS } from '../helpers/client.js';
import { formsOverflowing, walkRole } from './a11yScreens.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots', 'forms');

/** The roles whose screens carry forms: ops (alert, request, shelter), a shelter manager, a provider, the admin. */
const ROLES: Role[] = ['ops_officer', 'shelter_manager', 'service_provider', 'gbv_coordinator', 'admin'];

/** Every form of the product, the alert form ('valid to') among them: a walk at each width reaches them all. */
export const EVERY_FORM = [
  'login-form',
  'alert-form',
  'request-form',
  'quick-update-form',
  'admin-user-form',
];

/**
 * The forms on `page` as it is now that stick out of their panels (see formsOverflowing), each
 * prefixed with `screen`; the panel of each form not in `seen` yet is saved as a screenshot (what a
 * reader checks by eye) and added to it.
 */
export async function measureForms(page: Page, screen: string, seen: Set<string>): Promise<string[]> {
  const width = page.viewportSize()?.width ?? 0;
  const forms = await page.$$eval('form[data-testid]', (fs) => fs.map((f) => f.getAttribute('data-testid')!));
  const problems = (await formsOverflowing(page)).map((p) => `${screen}: ${p}`);
  for (const p of problems) console.log(`${width} px ${p}`);
  for (const f of forms) {
    if (seen.has(f)) continue;
    seen.add(f);
    // The form's panel, scrolled into view.
    const panel = page.locator(`form[data-testid="${f}"]`).first().locator('xpath=..');
    await panel
      .screenshot({ path: path.join(SHOTS, `${width}-${screen.split(' ')[0]}-${f}.png`) })
      .catch(() => undefined);
  }
  return problems;
}

/**
 * Every form at each of `widths` fits inside its panel, on one server and browser. The phone
 * (360 px) and the desktop (1440 px) are measured by the accessibility walks (a11ySuite.ts), which
 * reach the same screens at those sizes.
 */
export function describeFormsFit(widths: readonly { width: number; height: number }[]): void {
  describe('forms fit their panels', { timeout: 300_000 }, () => {
    const app = useBrowserApp();

    for (const viewport of widths) {
      it(`every form fits inside its panel at ${viewport.width} px`, async () => {
        const problems: string[] = [];
        const seen = new Set<string>(['login-form']);
        const context = await app.browser.newContext({ viewport });
        // The forms are measured with the map folded away. With the map shown, the list and detail
        // columns sit at their caps (380 and 440 px) from 1440 px up to 1999 px, so the desktop
        // accessibility walk (1440 px, map shown) measures the very widths a 1920 px screen gives
        // them; here each width measures the layout without the map. (At 3840 px the software-
        // rendered map, SwiftShader, also blocks the page for tens of seconds a frame.)
        await context.addInitScript(() => localStorage.setItem('shr.map', '0'));
        const page = await context.newPage();
        await page.goto(app.srv.url);
        await page.getByTestId('login-form').waitFor();
        problems.push(...(await formsOverflowing(page)).map((p) => `login: ${p}`));
        for (const role of ROLES) {
          await signIn(page, app.srv.url, DEMO_USERS[role]);
          // Not the app-ready flag: it waits for the map's first idle, which a software-rendered
          // 3840 px map may not reach in a minute. The forms need the data, not the map.
          await page.getByTestId('shelter-item').first().waitFor({ state: 'attached', timeout: 60_000 });
          await walkRole(page, role, async (screen) => {
            problems.push(...(await measureForms(page, `${role} ${screen}`, seen)));
          });
          await page.getByTestId('logout').click();
          await page.getByTestId('login-form').waitFor();
        }
        await context.close();
        for (const f of EVERY_FORM) expect([...seen]).toContain(f);
        expect(problems).toEqual([]);
      });
    }
  });
}
