import { expect, it } from 'vitest';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { describeInBrowser, everyRun, expectNoAxeViolations, newContext, runName, signInBrowser } from '../helpers/browser.ts';
import { eventbriteExport } from '../helpers/fixtures.ts';
import { person } from '../helpers/people.ts';
import { publishedCamp, ticketType } from '../helpers/tickets.ts';


describeInBrowser('an organiser moving from Eventbrite imports its attendee export as a file', (browser) => {
  for (const { viewport, javaScript } of everyRun) {
    it(runName(viewport, javaScript), async () => {
      let t: TestApp | undefined;
      try {
        t = await makeApp();
        const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
        const { event } = publishedCamp(t.db, t.clock.now());
        ticketType(t.db, t.clock.now(), event, { name: 'Camp day', capacity: 50 });
        ticketType(t.db, t.clock.now(), event, { name: 'Makers day', capacity: 50 });
        const context = await newContext(browser(), { javaScript, viewport });
        await signInBrowser(context, t.app, address, person(t.db, 'owner@example.org'));
        const page = await context.newPage();
        const check = () => expectNoAxeViolations(page, { javaScript });

        await page.goto(`${address}/organise/events/${event.slug}/attendees`);
        await check();
        await page.getByRole('link', { name: 'Import from Eventbrite' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'Import attendees', level: 1 }).count()).toBe(1);
        await check();
        // Nothing chosen: the form says so, in the error summary and at the file box.
        await page.getByRole('button', { name: 'Import' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'There is a problem' }).count()).toBe(1);
        expect(await page.getByRole('link', { name: 'Choose the CSV file of the export, or paste its contents' }).count()).toBe(1);
        await check();
        await page.getByLabel('The export file').setInputFiles(eventbriteExport);
        await page.getByRole('button', { name: 'Import' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'Imported 6 registrations' }).count()).toBe(1);
        expect(await page.getByText('Row 6: Refunded: not imported').count()).toBe(1);
        await check();
        await page.getByRole('link', { name: 'See the attendees' }).click();
        await expect.poll(() => page.getByText('Zoë Okafor').count()).toBeGreaterThan(0);
        await check();
        await context.close();
      } finally {
        await t?.close();
      }
    }, 120_000);
  }
});
