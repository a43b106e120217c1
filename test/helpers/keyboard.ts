import type { ElementHandle, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where focus is after a key press, as a person would see it. */
export interface FocusStop {
  description: string;
  /** Top and left on the page (not the viewport), undoing any scrolling of boxes inside it. */
  top: number;
  left: number;
  /** On screen once the browser has scrolled to it. */
  inView: boolean;
  /** Shows that it has focus: an outline or GOV.UK's focus shadow (a radio's or checkbox's on its label). */
  indicator: boolean;
  isTarget: boolean;
  /** Which page load this was, so order is only compared within one. */
  loadedAt: number;
}

function describeFocus(target: Element | null): FocusStop | null {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const r = el.getBoundingClientRect();
  const outlined = (s: CSSStyleDeclaration) => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !/^transparent$|rgba\(\d+, \d+, \d+, 0\)/.test(s.outlineColor);
  const style = getComputedStyle(el);
  let indicator = outlined(style) || style.boxShadow !== 'none';
  const labels = (el as HTMLInputElement).labels;
  if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
    const mark = labels?.[0] ? getComputedStyle(labels[0], '::before') : null;
    indicator = !!mark && (mark.boxShadow !== 'none' || outlined(mark));
  }
  const root = document.documentElement;
  const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < root.clientWidth;
  let left = r.left + window.scrollX;
  for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) left += box.scrollLeft;
  const name = (el.getAttribute('aria-label') ?? labels?.[0]?.textContent ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
  return { description: `${el.tagName.toLowerCase()} “${name}”`, top: Math.round(r.top + window.scrollY), left: Math.round(left), inView, indicator, isTarget: el === target, loadedAt: performance.timeOrigin };
}

const lastStop = new WeakMap<Page, FocusStop>();

/**
 * Presses Tab until `target` has focus, as a keyboard user moves through a page, and checks each
 * stop on the way: it is on screen, it shows that it has focus, and it comes after the stop before
 * it on the page (further down, or further right on the same line), so focus follows the order
 * a person reads the page in. Fails if the end of the page comes first.
 */
export async function tabTo(page: Page, target: Locator, options: { max?: number } = {}): Promise<FocusStop[]> {
  const handle = (await target.elementHandle({ timeout: 5_000 })) as ElementHandle<Element>;
  const stops: FocusStop[] = [];
  for (let i = 0; i < (options.max ?? 300); i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(describeFocus, handle);
    if (!stop) throw new Error(`Tab left the page without reaching ${target} (after ${stops.map((s) => s.description).join(', ')})`);
    expect(stop.inView, `${stop.description} is on screen when it has focus`).toBe(true);
    expect(stop.indicator, `${stop.description} shows it has focus`).toBe(true);
    const before = lastStop.get(page);
    if (before && before.loadedAt === stop.loadedAt) {
      const sameLine = Math.abs(stop.top - before.top) <= 4;
      expect(sameLine ? stop.left > before.left : stop.top > before.top, `focus moves on through the page: ${before.description} (top ${before.top}, left ${before.left}) → ${stop.description} (top ${stop.top}, left ${stop.left})`).toBe(true);
    }
    lastStop.set(page, stop);
    stops.push(stop);
    if (stop.isTarget) return stops;
  }
  throw new Error(`${options.max ?? 300} presses of Tab never reached ${target}`);
}

/** Where focus is now; fails unless it is on screen and shows that it has focus. */
export async function expectVisibleFocus(page: Page): Promise<FocusStop> {
  const stop = await page.evaluate(describeFocus, null);
  expect(stop, 'something on the page has focus').not.toBeNull();
  expect(stop!.inView, `${stop!.description} is on screen when it has focus`).toBe(true);
  expect(stop!.indicator, `${stop!.description} shows it has focus`).toBe(true);
  return stop!;
}

/** Whether this element has focus now. */
export async function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}

/** From the top of a freshly loaded page: the first Tab reaches the skip link, and Enter follows it into the main content. */
export async function skipToMain(page: Page): Promise<void> {
  await tabTo(page, page.getByRole('link', { name: 'Skip to main content' }), { max: 1 });
  await page.keyboard.press('Enter');
  // Following a link within the page starts the next Tab from its target.
  await expect.poll(() => new URL(page.url()).hash).toBe('#main-content');
}

/** Chooses an option in a focused select with the arrow keys, as a keyboard user does, by the start of its text. */
export async function chooseWithArrows(page: Page, select: Locator, optionText: string): Promise<void> {
  expect(await hasFocus(select), 'the select has focus').toBe(true);
  const chosen = () => select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent?.trim() ?? '');
  await page.keyboard.press('Home');
  const count = await select.evaluate((s: HTMLSelectElement) => s.options.length);
  for (let i = 0; i < count && !(await chosen()).startsWith(optionText); i++) await page.keyboard.press('ArrowDown');
  expect(await chosen()).toMatch(new RegExp(`^${optionText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
}
