import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/enums.js';
import { signIn, useBrowserApp, waitForAppReady } from '../helpers/browser.js';
import { DEMO_USERS } from '../helpers/client.js';
import { audit, auditRole, type Finding } from './a11yScreens.js';

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

/** The sign-in form and every screen of every demo role at one viewport, on one server and browser. */
export function describeA11y(name: keyof typeof A11Y_VIEWPORTS): void {
  const viewport = A11Y_VIEWPORTS[name];
  describe(`accessibility (axe-core, WCAG 2.1 A/AA), ${name}`, { timeout: 300_000 }, () => {
    const app = useBrowserApp();

    it(`the sign-in form has no serious or critical violations (${name})`, async () => {
      const context = await app.browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(app.srv.url);
      await page.getByTestId('login-form').waitFor();
      const found = await audit(page, `login ${name}`);
      await context.close();
      console.log(`axe login ${name}: ${found.length} serious/critical nodes`);
      expect(report(found)).toBe('');
    });

    for (const [role, username] of Object.entries(DEMO_USERS) as [Role, string][]) {
      it(`every screen of ${role} has no serious or critical violations (${name})`, async () => {
        const context = await app.browser.newContext({ viewport });
        const page = await context.newPage();
        await signIn(page, app.srv.url, username);
        await waitForAppReady(page);
        const found = await auditRole(page, role, (shot) =>
          page.screenshot({ path: path.join(SHOTS, `${shot}-${name}.png`) }).then(() => undefined),
        );
        await context.close();
        console.log(`axe ${role} ${name}: ${found.length} serious/critical nodes`);
        expect(report(found)).toBe('');
      });
    }
  });
}
