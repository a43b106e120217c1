import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, type RunnerTestCase } from 'vitest';
import { startBrowserSession } from '../../src/people/sign-in.ts';
import { sessionCookie } from '../../src/web/sessions.ts';

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

export type Viewport = keyof typeof viewports;

export async function newContext(browser: Browser, options: { javaScript: boolean; viewport?: Viewport }): Promise<BrowserContext> {
  return browser.newContext({ javaScriptEnabled: options.javaScript, viewport: viewports[options.viewport ?? 'desktop'] });
}

/** Signs a browser in as this person, as their emailed link would (signing in has its own journey). */
export async function signInBrowser(context: BrowserContext, app: FastifyInstance, address: string, who: { id: number }): Promise<void> {
  const token = startBrowserSession(app.campgrid.db, app.campgrid.clock.now(), who.id);
  await context.addCookies([{ name: sessionCookie, value: app.signCookie(token), url: address }]);
}

/** Every journey runs four ways: on a phone and on a desktop, each with JavaScript on and off. */
export const everyRun: ReadonlyArray<{ viewport: Viewport; javaScript: boolean }> = (['phone', 'desktop'] as const).flatMap((viewport) => [true, false].map((javaScript) => ({ viewport, javaScript })));

/**
 * A group of browser journeys sharing one Chromium, launched once for the group. `browser()` is
 * that browser inside a test. Skipped where browserAvailable says so.
 */
export function describeInBrowser(title: string, journeys: (browser: () => Browser) => void): void {
  describe.runIf(browserAvailable)(title, () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    beforeEach(({ task }) => {
      axeThisRun = !repeatsAxeElsewhere(task);
    });
    afterAll(async () => browser?.close());
    journeys(() => browser!);
  });
}

/** How a journey's test names say which run it is: "on a phone, without JavaScript". */
export const runName = (viewport: Viewport, javaScript: boolean): string => `on a ${viewport}, ${javaScript ? 'with' : 'without'} JavaScript`;

/**
 * The site menu. On a phone with JavaScript it is folded behind a "Menu" button, so a person
 * opens it first; everywhere else its links are on the page as it loads.
 */
export async function openSiteMenu(page: Page, options: { viewport: Viewport; javaScript: boolean }): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Menu' });
  if (options.viewport === 'phone' && options.javaScript) {
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  } else {
    expect(await toggle.count(), 'the site menu is not folded away').toBe(0);
  }
}

const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core run in the page itself. @axe-core/playwright's AxeBuilder opens a second, blank page
 * for every check to merge results across frames, and our pages have no frames: run in place,
 * asking only for violations, a check costs half as much.
 */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    wcag22aa,
  );
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** One scripting page per browser that is served copies of no-JavaScript pages, made once: a context costs a fifth of a second. */
const copiers = new WeakMap<Browser, Promise<{ page: Page; serving: { url: string; html: string } }>>();

function copierFor(browser: Browser) {
  let copier = copiers.get(browser);
  if (!copier) {
    copier = (async () => {
      const serving = { url: '', html: '' };
      const context = await browser.newContext();
      await context.route('**/*', async (route) => {
        const request = route.request();
        if (request.resourceType() === 'document' && request.url() === serving.url) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: serving.html });
        if (request.resourceType() === 'script') return route.abort();
        return route.continue();
      });
      return { page: await context.newPage(), serving };
    })();
    copiers.set(browser, copier);
  }
  return copier;
}

/**
 * axe cannot run inside a page whose context has JavaScript switched off. Such a page's DOM is
 * exactly the HTML the server sent, so it is checked in a scripting context that is served that
 * HTML at the same address (without its #fragment, so it is always a fresh load) with every page
 * script blocked, at the same viewport: axe sees the no-JavaScript page.
 */
async function axeViolationsWithoutJavaScript(page: Page): Promise<string[]> {
  const { page: copy, serving } = await copierFor(page.context().browser()!);
  serving.html = await page.content();
  serving.url = page.url().split('#')[0]!;
  const viewport = page.viewportSize();
  if (viewport) await copy.setViewportSize(viewport);
  await copy.goto(serving.url);
  return axeViolations(copy);
}

/**
 * Reflow (WCAG 1.4.10), which axe does not check: on a phone-sized viewport nothing may make the
 * page scroll sideways. A wide table may scroll inside its own region (two-dimensional content is
 * exempt), but the page around it must fit.
 */
async function sidewaysOverflow(page: Page): Promise<string[]> {
  const width = page.viewportSize()?.width ?? Infinity;
  if (width > viewports.phone.width) return [];
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    // The innermost elements that stick out are the ones to look at.
    const out = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > root.clientWidth);
    const wide = out.filter((el) => !out.some((other) => other !== el && el.contains(other))).slice(0, 3).map((el) => `${describe(el)} (right edge at ${Math.round(el.getBoundingClientRect().right)}px)`);
    return [`the page is ${root.scrollWidth}px wide in a ${root.clientWidth}px viewport: ${wide.join(', ') || 'an element out of sight'}`];
  });
}

/**
 * An id that a label, or an aria-labelledby or aria-describedby, points at must be unique: the
 * browser follows the first element with it, so a duplicate leaves a control without its label
 * (axe 4.x no longer checks duplicate ids).
 */
async function duplicateReferencedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const count = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) count.set(el.id, (count.get(el.id) ?? 0) + 1);
    const referenced = new Set([
      ...[...document.querySelectorAll('label[for]')].map((l) => (l as HTMLLabelElement).htmlFor),
      ...[...document.querySelectorAll('[aria-labelledby], [aria-describedby]')].flatMap((el) => `${el.getAttribute('aria-labelledby') ?? ''} ${el.getAttribute('aria-describedby') ?? ''}`.split(/\s+/)),
    ]);
    return [...referenced].filter((id) => (count.get(id) ?? 0) > 1).map((id) => `the id "${id}" is on ${count.get(id)} elements, and a label or ARIA reference needs it to be unique`);
  });
}

/**
 * axe is two thirds of what a browser journey costs. A journey that runs all four ways (everyRun)
 * visits the same pages four times, so axe checks them in two of the runs: on a phone with
 * JavaScript (the folded menu and every enhancement, at the narrow width) and on a desktop without
 * (the plain HTML, at the wide width). Between them every page is checked at both widths and both
 * with and without scripts. The other two runs still walk the whole journey and still run the
 * cheap checks below (unique ids, reflow). A test outside the matrix always runs axe.
 */
const runsWithoutAxe = [runName('phone', false), runName('desktop', true)];
let axeThisRun = true;

/**
 * Whether this test is one of the two runs that leave axe to the others: its name names one of
 * them, and the same test stands beside it in all four runs. A test with fewer runs (a new page
 * checked on a phone without JavaScript and a desktop with it) keeps axe in every run it has.
 */
function repeatsAxeElsewhere(test: RunnerTestCase): boolean {
  const run = runsWithoutAxe.find((name) => test.name.includes(name));
  if (!run || !test.suite) return false;
  const siblings = new Set(test.suite.tasks.map((t) => t.name));
  return (['phone', 'desktop'] as const).every((viewport) => [true, false].every((javaScript) => siblings.has(test.name.replace(run, runName(viewport, javaScript)))));
}

/**
 * Runs axe on the page at WCAG 2.2 AA, checks ids that labels rely on are unique, and on a phone
 * checks the page reflows; fails the test with a readable list of violations.
 */
export async function expectNoAxeViolations(page: Page, options: { javaScript?: boolean } = {}): Promise<void> {
  // A click that navigates returns before the next page has its stylesheet; axe must see the
  // page as a person does, so wait for it to finish loading.
  await page.waitForLoadState('load');
  const found = axeThisRun ? (options.javaScript === false ? await axeViolationsWithoutJavaScript(page) : await axeViolations(page)) : [];
  found.push(...(await duplicateReferencedIds(page)), ...(await sidewaysOverflow(page)));
  expect(found, `axe on ${page.url()}`).toEqual([]);
}
