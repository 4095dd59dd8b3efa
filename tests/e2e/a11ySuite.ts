import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/enums.js';
import { signIn, useBrowserApp, waitForAppReady } from '../helpers/browser.js';
import { DEMO_USERS } from '../helpers/client.js';
import { audit, auditRole, formsOverflowing, type Finding } from './a11yScreens.js';
import { EVERY_FORM, measureForms } from './formsFitSuite.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots', 'a11y');

/** The two sizes every screen is audited at; each has a test file of its own, so they run side by side. */
export const A11Y_VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 360, height: 740 },
} as const;

function report(found: Finding[]): string {
  return found.map((f) => `${f.screen}: ${f.impact} ${f.id} ${f.targets.join(' ')} ${f.summary}`).join('\n');
}

/**
 * The sign-in form and every screen of every demo role at one viewport, on one server and browser:
 * axe on each screen, and each form there measured against its panel (the forms-fit check at this
 * width, which formsFitSuite.ts does for the wall sizes).
 */
export function describeA11y(name: keyof typeof A11Y_VIEWPORTS): void {
  const viewport = A11Y_VIEWPORTS[name];
  describe(`accessibility (axe-core, WCAG 2.1 A/AA), ${name}`, { timeout: 300_000 }, () => {
    const app = useBrowserApp();
    const seen = new Set<string>(['login-form']);

    it(`the sign-in form has no serious or critical violations and fits (${name})`, async () => {
      const context = await app.browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(app.srv.url);
      await page.getByTestId('login-form').waitFor();
      const found = await audit(page, `login ${name}`);
      const problems = (await formsOverflowing(page)).map((p) => `login: ${p}`);
      await context.close();
      console.log(`axe login ${name}: ${found.length} serious/critical nodes`);
      expect(report(found)).toBe('');
      expect(problems).toEqual([]);
    });

    for (const [role, username] of Object.entries(DEMO_USERS) as [Role, string][]) {
      it(`every screen of ${role} has no serious or critical violations, its forms fit (${name})`, async () => {
        const context = await app.browser.newContext({ viewport });
        const page = await context.newPage();
        await signIn(page, app.srv.url, username);
        await waitForAppReady(page);
        const problems: string[] = [];
        const found = await auditRole(page, role, async (screen) => {
          await page.screenshot({ path: path.join(SHOTS, `${role}-${screen}-${name}.png`) });
          problems.push(...(await measureForms(page, `${role} ${screen}`, seen)));
        });
        await context.close();
        console.log(`axe ${role} ${name}: ${found.length} serious/critical nodes`);
        expect(report(found)).toBe('');
        expect(problems, `forms sticking out of their panels at ${viewport.width} px`).toEqual([]);
      });
    }

    it(`the walks above reached every form of the product (${name}, ${viewport.width} px)`, () => {
      for (const f of EVERY_FORM) expect([...seen]).toContain(f);
    });
  });
}
