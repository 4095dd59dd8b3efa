import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/enums.js';
import { signIn, useBrowserApp } from '../helpers/browser.js';
import { DEMO_USERS } from '../helpers/client.js';
import { formsOverflowing, walkRole } from './a11yScreens.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots', 'forms');

/** The roles whose screens carry forms: ops (alert, request, shelter), a shelter manager, a provider, the admin. */
const ROLES: Role[] = ['ops_officer', 'shelter_manager', 'service_provider', 'gbv_coordinator', 'admin'];

/** Every form at each of `widths` fits inside its panel, on one server and browser. */
export function describeFormsFit(widths: readonly { width: number; height: number }[]): void {
  describe('forms fit their panels', { timeout: 300_000 }, () => {
    const app = useBrowserApp();

    for (const viewport of widths) {
      it(`every form fits inside its panel at ${viewport.width} px`, async () => {
        const problems: string[] = [];
        const seen = new Set<string>();
        const context = await app.browser.newContext({ viewport });
        // At 3840 px the software-rendered map (SwiftShader) blocks the page for tens of seconds a
        // frame here; the forms are measured with the map folded away (its column is capped at 600 px
        // at 1920 px and above, which the 1920 px run covers with the map shown).
        if (viewport.width > 1920) await context.addInitScript(() => localStorage.setItem('shr.map', '0'));
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
            const forms = await page.$$eval('form[data-testid]', (fs) =>
              fs.map((f) => f.getAttribute('data-testid')!),
            );
            for (const p of await formsOverflowing(page)) {
              problems.push(`${role} ${screen}: ${p}`);
              console.log(`${viewport.width} px ${role} ${screen}: ${p}`);
            }
            for (const f of forms) {
              if (seen.has(f)) continue;
              seen.add(f);
              // The form's panel, scrolled into view, is what a reader checks by eye.
              const panel = page.locator(`form[data-testid="${f}"]`).first().locator('xpath=..');
              await panel
                .screenshot({ path: path.join(SHOTS, `${viewport.width}-${role}-${f}.png`) })
                .catch(() => undefined);
            }
          });
          await page.getByTestId('logout').click();
          await page.getByTestId('login-form').waitFor();
        }
        await context.close();
        // Every form of the product was reached and measured, the alert form ('valid to') among them.
        for (const f of ['login-form', 'alert-form', 'request-form', 'quick-update-form', 'admin-user-form'])
          expect([...seen, 'login-form']).toContain(f);
        expect(problems).toEqual([]);
      });
    }
  });
}
