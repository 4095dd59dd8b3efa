import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Role } from '../../shared/enums.js';
import { signIn, startBrowserApp, stopBrowserApp } from '../helpers/browser.js';
import { DEMO_USERS } from '../helpers/client.js';
import type { TestServer } from '../helpers/server.js';
import { audit, auditRole, type Finding } from './a11yScreens.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots', 'a11y');

const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 360, height: 740 },
} as const;

function report(found: Finding[]): string {
  return found.map((f) => `${f.screen}: ${f.impact} ${f.id} ${f.targets.join(' ')} ${f.summary}`).join('\n');
}

describe('accessibility (axe-core, WCAG 2.1 A/AA)', { timeout: 300_000 }, () => {
  let srv: TestServer;
  let browser: Browser;

  beforeAll(async () => void ({ srv, browser } = await startBrowserApp()), 300_000);
  afterAll(() => stopBrowserApp({ srv, browser }));

  it('the sign-in form has no serious or critical violations, on a phone and a desktop', async () => {
    const found: Finding[] = [];
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      // axe needs a page of its own context (it opens a blank page there to merge frame results).
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(srv.url);
      await page.getByTestId('login-form').waitFor();
      found.push(...(await audit(page, `login ${name}`)));
      await context.close();
    }
    console.log(`axe login: ${found.length} serious/critical nodes`);
    expect(report(found)).toBe('');
  });

  for (const [role, username] of Object.entries(DEMO_USERS) as [Role, string][]) {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      it(`every screen of ${role} has no serious or critical violations (${name})`, async () => {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        await signIn(page, srv.url, username);
        await page.waitForFunction(() => window.__appReady === true, undefined, { timeout: 60_000 });
        const found = await auditRole(page, role, (shot) =>
          page.screenshot({ path: path.join(SHOTS, `${shot}-${name}.png`) }).then(() => undefined),
        );
        await context.close();
        console.log(`axe ${role} ${name}: ${found.length} serious/critical nodes`);
        expect(report(found)).toBe('');
      });
    }
  }
});
