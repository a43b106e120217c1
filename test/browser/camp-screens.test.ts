import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { demoFriday, demoSlug } from '../../src/demo/seed.ts';
import { daysOf, findEventBySlug } from '../../src/events/events.ts';
import { dateAndTime } from '../../src/events/local-time.ts';
import type { Db } from '../../src/db/open.ts';
import { occupied, placePitch } from '../../src/grid/editor.ts';
import { loadGrid } from '../../src/grid/model.ts';
import { publishGrid } from '../../src/grid/publish.ts';
import { testNow } from '../helpers/app.ts';
import { london } from '../helpers/published-grid.ts';
import { describeInBrowser, expectNoAxeViolations } from '../helpers/browser.ts';
import { demoServer } from '../helpers/demo-server.ts';
import { person } from '../helpers/people.ts';

/** The demo's camp day, its Saturday. */
const saturday = DateTime.fromISO(demoFriday(testNow)).plus({ days: 1 }).toISODate()!;

/**
 * The public grid has a column for each room in use, and the demo's Saturday leaves two empty:
 * a session moves into each (from a room that has others) and the grid is published again.
 */
function everyRoomInUseOnSaturday(db: Db, now: Date): void {
  const event = findEventBySlug(db, demoSlug)!;
  for (;;) {
    const model = loadGrid(db, event);
    const slots = new Set(model.days.find((d) => d.date === saturday)!.slots.map((s) => s.id));
    const saturdays = model.placements.filter((p) => slots.has(p.slotId));
    const count = (roomId: number) => saturdays.filter((p) => p.roomId === roomId).length;
    const empty = model.rooms.find((r) => count(r.id) === 0);
    if (!empty) break;
    const taken = occupied(model);
    const movable = saturdays.find((p) => count(p.roomId) > 1 && !p.pinned && (model.pitches.get(p.pitchId)?.session.length ?? 1) === 1 && !taken.has(`${empty.id}:${p.slotId}`))!;
    placePitch(db, now, event, model.version, { pitchId: movable.pitchId, roomId: empty.id, slotId: movable.slotId });
  }
  const by = person(db, 'organiser@demo.campgrid.example');
  publishGrid(db, now, { event, version: loadGrid(db, event).version, note: 'Every room in use.', by, baseUrl: 'http://campgrid.test', notify: false });
}

/**
 * The camp's pages as they meet a screen: the grid on a desktop and a tablet, now & next on a TV.
 * One demo camp and one browser serve every check in the file; each check opens its own page.
 */
describeInBrowser('the grid and now & next on desktops, tablets and TVs', (browser) => {
  let camp: Awaited<ReturnType<typeof demoServer>>;
  beforeAll(async () => {
    camp = await demoServer();
    everyRoomInUseOnSaturday(camp.db, camp.clock.now());
  });
  afterAll(async () => camp?.close());

  const open = async (b: Browser, path: string, size: { width: number; height: number }, signedIn = false): Promise<Page> => {
    const context = await b.newContext({ viewport: size });
    if (signedIn) await camp.signIn(context, person(camp.db, 'organiser@demo.campgrid.example'));
    const page = await context.newPage();
    await page.goto(`${camp.address}${path}`);
    return page;
  };

  /** The right edges of the grid's cells that a person would have to scroll to see. */
  const cellsOffScreen = (page: Page) =>
    page.evaluate(() => {
      const region = document.querySelector('.campgrid-grid-scroll')!;
      const cut = [...region.querySelectorAll('th, td, .govuk-tag')].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth);
      return { scrolls: region.scrollWidth > region.clientWidth, cut: cut.map((el) => (el.textContent ?? '').trim().slice(0, 40)) };
    });

  it('shows all eight rooms of the public grid side by side on a 1280px desktop', async () => {
    const page = await open(browser(), `/events/${demoSlug}/grid?day=${saturday}`, { width: 1280, height: 900 });
    expect(await page.locator('.campgrid-grid thead th').count()).toBe(9);
    expect(await cellsOffScreen(page)).toEqual({ scrolls: false, cut: [] });
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('shows all eight rooms of the grid editor, with their warnings, on a 1280px desktop', async () => {
    const page = await open(browser(), `/organise/events/${demoSlug}/grid?day=${saturday}`, { width: 1280, height: 900 }, true);
    expect(await page.locator('.campgrid-grid thead th').count()).toBe(9);
    expect(await cellsOffScreen(page)).toEqual({ scrolls: false, cut: [] });
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('keeps the time column in view when a tablet scrolls the grid sideways', async () => {
    const page = await open(browser(), `/events/${demoSlug}/grid?day=${saturday}`, { width: 800, height: 1000 });
    const region = page.locator('.campgrid-grid-scroll');
    const regionLeft = (await region.boundingBox())!.x;
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth), 'eight rooms do not fit 800px').toBe(true);
    await region.evaluate((el) => el.scrollBy(400, 0));
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    for (const header of [page.getByRole('columnheader', { name: 'Time' }), page.getByRole('rowheader').first()]) {
      expect(Math.round((await header.boundingBox())!.x)).toBe(Math.round(regionLeft));
    }
    await page.context().close();
  });


  it('before the camp, says on now & next when the camp starts and links the grid', async () => {
    camp.clock.set(testNow);
    const firstDay = daysOf(camp.db, findEventBySlug(camp.db, demoSlug)!.id)[0]!;
    const page = await open(browser(), `/events/${demoSlug}/now`, { width: 1280, height: 900 });
    expect(await page.getByText(`Anytown LocalGovCamp 2027 starts at ${dateAndTime(firstDay.startsAt, 'Europe/London')}.`).count()).toBe(1);
    expect(await page.getByText('Nothing more today').count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'See the grid' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'The grid' }).count()).toBe(1);
    await page.context().close();
  });

  it('shows every room of the slot on a 1280 × 720 TV, in large type, without the site’s menus', async () => {
    camp.clock.set(new Date(london(saturday, '10:30')));
    try {
      const page = await open(browser(), `/events/${demoSlug}/now`, { width: 1280, height: 720 });
      await page.getByRole('link', { name: 'Show this on a TV screen' }).click();
      await expect.poll(() => page.url()).toContain('screen=tv');
      expect(await page.getByRole('navigation', { name: 'Site menu' }).count()).toBe(0);
      expect(await page.locator('footer').count()).toBe(0);
      const rooms = page.locator('.campgrid-now__room');
      expect(await rooms.count()).toBe(8);
      for (const room of await rooms.all()) {
        const box = (await room.boundingBox())!;
        const name = await room.getByRole('heading').textContent();
        expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 720, `${name} is on the screen (${JSON.stringify(box)})`).toBe(true);
        expect(await room.getByText('Now:').count()).toBe(1);
        expect(parseFloat(await room.getByRole('heading').evaluate((h) => getComputedStyle(h).fontSize)), `${name} is large`).toBeGreaterThanOrEqual(28);
      }
      await expectNoAxeViolations(page);
      await page.context().close();
    } finally {
      camp.clock.set(testNow);
    }
  });
});
