import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { Role } from '../../shared/enums.js';
import { tabsFor, type Tab } from '../../client/src/app/navStore.js';

/** One axe finding, reduced to what a reader needs to fix it. */
export interface Finding {
  screen: string;
  id: string;
  impact: string;
  targets: string[];
  summary: string;
}

const ITEM: Partial<Record<Tab, { item: string; panel: string }>> = {
  shelters: { item: 'shelter-item', panel: 'shelter-panel' },
  services: { item: 'service-item', panel: 'service-panel' },
  alerts: { item: 'alert-item', panel: 'alert-panel' },
  requests: { item: 'request-item', panel: 'request-panel' },
};

const CREATE: Partial<Record<Tab, { button: string; form: string }>> = {
  shelters: { button: 'create-shelter', form: 'create-shelter-form' },
  alerts: { button: 'create-alert', form: 'alert-form' },
  requests: { button: 'create-request', form: 'request-form' },
  incidents: { button: 'incident-entry-open', form: 'incident-form' },
};

/**
 * Serious and critical WCAG 2.x A/AA violations on the page as it is now.
 *
 * Legacy mode runs `axe.run` in the page (same-origin frames included) instead of `runPartial` in
 * each frame plus `finishRun` in a blank page of its own: the same rules and the same findings, in
 * well under half the time, since the blank page and the second copy of axe cost more than the audit
 * of a small screen. Only violations are collected in full (passes and the rest are not read).
 */
export async function audit(page: Page, screen: string): Promise<Finding[]> {
  const res = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] }) // before withTags: options() replaces what withTags set
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode()
    .analyze();
  return res.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => ({
        screen,
        id: v.id,
        impact: v.impact ?? '',
        targets: n.target.map(String),
        summary: n.failureSummary?.split('\n').slice(0, 2).join(' ') ?? '',
      })),
    );
}

/**
 * Wait until nothing on the page is loading (no `aria-busy`), so the screen is measured as a reader
 * sees it. It polls on a timer, not on animation frames: a software-rendered map can take seconds
 * a frame on a loaded machine (a fixed pause here cost 300 ms a screen).
 */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, {
    polling: 50,
    timeout: 30_000,
  });
}

async function visible(page: Page, testId: string): Promise<boolean> {
  return page
    .getByTestId(testId)
    .first()
    .isVisible()
    .catch(() => false);
}

/**
 * Walk every screen a role can reach (each tab, the first record of each list, each create form,
 * the admin sections) on a signed-in page, calling `visit` on each.
 */
export async function walkRole(
  page: Page,
  role: Role,
  visit: (screen: string) => Promise<void>,
): Promise<void> {
  const at = async (screen: string) => {
    await settled(page);
    await visit(screen);
  };
  const tabs = tabsFor(role);
  for (const tab of tabs) {
    if (tabs.length > 1) await page.getByTestId(`tab-${tab}`).click();
    if (tab === 'admin') {
      await page.getByTestId('admin-screen').waitFor();
      for (const s of ['users', 'orgs', 'audit']) {
        await page.getByTestId(`admin-${s}`).click();
        await at(`admin-${s}`);
      }
      continue;
    }
    await page.getByTestId(tab === 'shelters' ? 'shelter-list' : `${tab}-tab`).waitFor();
    await at(`tab-${tab}`);
    const item = ITEM[tab];
    if (item && (await visible(page, item.item))) {
      await page.getByTestId(item.item).first().click();
      await page.getByTestId(item.panel).first().waitFor();
      await at(`detail-${tab}`);
      // On a phone the open record covers the list and its buttons: back closes it.
      if (!(await visible(page, item.item))) {
        await page.goBack();
        await page.getByTestId(item.item).first().waitFor();
      }
    }
    const create = CREATE[tab];
    if (create && (await visible(page, create.button))) {
      await page.getByTestId(create.button).click();
      await page.getByTestId(create.form).first().waitFor();
      await at(`form-${tab}`);
    }
  }
}

/** Audit every screen of a role; `each` is then called on each (to save a screenshot, say). */
export async function auditRole(
  page: Page,
  role: Role,
  each?: (screen: string) => Promise<void>,
): Promise<Finding[]> {
  const found: Finding[] = [];
  await walkRole(page, role, async (screen) => {
    found.push(...(await audit(page, `${role} ${screen}`)));
    await each?.(screen);
  });
  return found;
}

/**
 * Every visible form on the page whose controls stick out of it, or which sticks out of its panel
 * (the column or card it sits in), by more than a pixel; also a form that scrolls sideways.
 */
export function formsOverflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const name = (e: Element) =>
      e.getAttribute('data-testid') ||
      e.getAttribute('name') ||
      e.id ||
      e.getAttribute('type') ||
      e.tagName.toLowerCase();
    for (const form of Array.from(document.querySelectorAll('form'))) {
      const f = form.getBoundingClientRect();
      if (f.width === 0 || f.height === 0) continue;
      const panel = form.parentElement?.closest(
        '.layout__detail, .layout__side, .card, .admin, main, .login',
      );
      const label = name(form);
      if (panel) {
        const p = panel.getBoundingClientRect();
        if (f.left < p.left - 1 || f.right > p.right + 1)
          out.push(
            `${label} sticks out of its panel by ${Math.round(Math.max(p.left - f.left, f.right - p.right))} px`,
          );
      }
      if (form.scrollWidth > form.clientWidth + 1)
        out.push(`${label} scrolls sideways (${form.scrollWidth} > ${form.clientWidth})`);
      for (const c of Array.from(form.querySelectorAll('input, select, textarea, button, fieldset, label'))) {
        const r = c.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (r.left < f.left - 1 || r.right > f.right + 1)
          out.push(
            `${label}: ${name(c)} sticks out by ${Math.round(Math.max(f.left - r.left, r.right - f.right))} px`,
          );
      }
    }
    return out;
  });
}
