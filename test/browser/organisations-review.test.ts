import { expect, it } from 'vitest';
import { organisationFor } from '../../src/organisations/names.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { describeInBrowser, expectNoAxeViolations, newContext, runName, signInBrowser } from '../helpers/browser.ts';
import { person } from '../helpers/people.ts';
import { attendee, links, publishedCamp, ticketType } from '../helpers/tickets.ts';

// A new page: once on a phone without JavaScript, once on a desktop with it.
const runs = [{ viewport: 'phone', javaScript: false }, { viewport: 'desktop', javaScript: true }] as const;

describeInBrowser('an organiser assigns unmatched organisations to a council', (browser) => {
  for (const { viewport, javaScript } of runs) {
    it(runName(viewport, javaScript), async () => {
      let t: TestApp | undefined;
      try {
        t = await makeApp();
        const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
        const { event } = publishedCamp(t.db, t.clock.now());
        const type = ticketType(t.db, t.clock.now(), event, { capacity: 50 });
        for (const organisation of ['Brizzle Council', 'Bristol CC Digital', 'Civic Code Ltd']) registerAttendee(t.db, t.clock.now(), links, { event, type, details: attendee({ organisation }) });
        const context = await newContext(browser(), { javaScript, viewport });
        await signInBrowser(context, t.app, address, person(t.db, 'owner@example.org'));
        const page = await context.newPage();
        const check = () => expectNoAxeViolations(page, { javaScript });

        await page.goto(`${address}/organise`);
        await page.getByRole('link', { name: 'Organisations to review' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'Organisations to review', level: 1 }).count()).toBe(1);
        await check();
        // Saved with nothing chosen: the error summary says what is missing.
        await page.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'There is a problem' }).count()).toBe(1);
        expect(await page.getByRole('link', { name: 'Choose at least one organisation' }).count()).toBe(1);
        await check();
        await page.getByRole('checkbox', { name: 'Brizzle Council' }).check();
        await page.getByRole('checkbox', { name: 'Bristol CC Digital' }).check();
        await page.getByRole('radio', { name: 'A council in the register', exact: true }).check();
        await page.getByRole('combobox', { name: 'Council' }).fill('Bristol City Council');
        await page.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => page.getByText('2 organisations decided').count()).toBe(1);
        await check();
        expect(await page.getByRole('checkbox', { name: 'Civic Code Ltd' }).count()).toBe(1);
        expect(await page.getByRole('row', { name: 'Brizzle Council Bristol City Council' }).count()).toBe(1);
        expect(organisationFor(t.db, 'bristol cc digital')?.name).toBe('Bristol City Council');
        await context.close();
      } finally {
        await t?.close();
      }
    }, 120_000);
  }
});
