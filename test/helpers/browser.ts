import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const chromiumPath = '/usr/bin/chromium';

/**
 * Browser tests need Debian's Chromium. Without it they are skipped on a developer machine,
 * but in CI (CI=true) a missing browser is a failure, never a silent skip.
 */
export const browserAvailable = existsSync(chromiumPath) || process.env.CI === 'true';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}

export const viewports = {
  phone: { width: 375, height: 740 },
  desktop: { width: 1280, height: 900 },
} as const;

export async function newContext(browser: Browser, options: { javaScript: boolean; viewport?: keyof typeof viewports }): Promise<BrowserContext> {
  return browser.newContext({ javaScriptEnabled: options.javaScript, viewport: viewports[options.viewport ?? 'desktop'] });
}

const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcag22aa).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/**
 * axe cannot run inside a page whose context has JavaScript switched off. Such a page's DOM is
 * exactly the HTML the server sent, so it is checked in a scripting context that is served that
 * HTML at the same address with every page script blocked: axe sees the no-JavaScript page.
 */
async function axeViolationsWithoutJavaScript(page: Page): Promise<string[]> {
  const html = await page.content();
  const url = page.url();
  const context = await page.context().browser()!.newContext({ viewport: page.viewportSize() ?? undefined });
  try {
    await context.route('**/*', async (route) => {
      const request = route.request();
      if (request.resourceType() === 'document' && request.url() === url) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (request.resourceType() === 'script') return route.abort();
      return route.continue();
    });
    const copy = await context.newPage();
    await copy.goto(url);
    return await axeViolations(copy);
  } finally {
    await context.close();
  }
}

/** Runs axe on the page at WCAG 2.2 AA and fails the test with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, options: { javaScript?: boolean } = {}): Promise<void> {
  // A click that navigates returns before the next page has its stylesheet; axe must see the
  // page as a person does, so wait for it to finish loading.
  await page.waitForLoadState('load');
  const found = options.javaScript === false ? await axeViolationsWithoutJavaScript(page) : await axeViolations(page);
  expect(found, `axe on ${page.url()}`).toEqual([]);
}
