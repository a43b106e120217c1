import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoSlug } from '../../src/demo/seed.ts';
import { findEventBySlug } from '../../src/events/events.ts';
import { datesOf } from '../../src/grid/public-grid.ts';
import { latestPublished } from '../../src/grid/published-versions.ts';
import { describeInBrowser } from '../helpers/browser.ts';
import { demoServer } from '../helpers/demo-server.ts';
import { readPdf, type PrintedPdf } from '../helpers/pdf.ts';
import { person } from '../helpers/people.ts';

/** Prints the page as Chromium's print dialog would, on the paper the page's stylesheet asks for. */
async function print(page: Page): Promise<PrintedPdf> {
  return readPdf(await page.pdf({ preferCSSPageSize: true }));
}

/** A page's text with its line breaks and column gaps gone, so a name wrapped in a narrow column reads whole. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

const expectSheet = (pdf: PrintedPdf, widthMm: number, heightMm: number) => {
  for (const p of pdf.pages) {
    expect(p.widthMm).toBeCloseTo(widthMm, 0);
    expect(p.heightMm).toBeCloseTo(heightMm, 0);
  }
};

describeInBrowser('printing: the wall grid and the pitch cards come out as the pages say', (browser) => {
  let server: Awaited<ReturnType<typeof demoServer>>;
  beforeAll(async () => {
    server = await demoServer();
  });
  afterAll(async () => server?.close());

  it('prints each day of the grid, every room and the QR code to the live grid, on one A3 landscape sheet', async () => {
    const { db, address } = server;
    const grid = latestPublished(db, findEventBySlug(db, demoSlug)!.id)!;
    const context = await browser().newContext();
    const page = await context.newPage();
    const dates = datesOf(grid);
    expect(dates.length, 'the demo camp has two days').toBe(2);
    for (const date of dates) {
      await page.goto(`${address}/events/${demoSlug}/grid?day=${date}`);
      await expect.poll(() => page.getByText('every room, comes on one A3 landscape sheet').count()).toBe(1);
      const pdf = await print(page);
      expect(pdf.pages, `the grid for ${date} on one sheet`).toHaveLength(1);
      expectSheet(pdf, 420, 297);
      const text = flat(pdf.pages[0]!.text);
      const rooms = [...new Set(grid.sessions.filter((s) => s.date === date && !s.cancelled).map((s) => s.roomName))];
      expect(rooms.length, `more rooms on ${date} than the four a sheet used to hold`).toBeGreaterThan(4);
      for (const room of rooms) expect(text, `${room} on the sheet for ${date}`).toContain(room);
      expect(text).toContain('Scan for the live grid');
    }
    await context.close();
  });

  it('prints the pitch cards four to an A4 page, as the page says', async () => {
    const { db, address, signIn } = server;
    const context = await browser().newContext();
    await signIn(context, person(db, 'organiser@demo.campgrid.example'));
    const page = await context.newPage();
    await page.goto(`${address}/organise/events/${demoSlug}/pitch-cards`);
    const cards = await page.locator('.campgrid-card').count();
    expect(cards, 'the demo has a card for each of its 40 pitches').toBe(40);
    const sheets = Math.ceil(cards / 4);
    expect(await page.getByText(`four cards to a page, each with a QR code to its pitch. ${cards} cards on ${sheets} pages.`).count()).toBe(1);
    const pdf = await print(page);
    expect(pdf.pages, 'four cards to a page').toHaveLength(sheets);
    expectSheet(pdf, 210, 297);
    // Each page carries its four cards, in order, with nothing cut off between pages.
    const pitchesPerPage = pdf.pages.map((p) => [...flat(p.text).matchAll(/Pitch (\d+)/g)].length);
    expect(pitchesPerPage).toEqual(Array.from({ length: sheets }, (_, i) => Math.min(4, cards - 4 * i)));
    await context.close();
  });
});
