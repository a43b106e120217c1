import { expect, it } from 'vitest';
import { pitchSession } from '../../src/pitches/pitches.ts';
import { makeApp, testNow } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { describeInBrowser, everyRun, expectNoAxeViolations, newContext, runName, signInBrowser } from '../helpers/browser.ts';
import { twoDayCamp } from '../helpers/camp.ts';

describeInBrowser('themes: organisers name them, pitchers tag with them, visitors filter by them', (browser) => {
  for (const { viewport, javaScript } of everyRun) {
    it(`an organiser adds themes, a pitcher tags a pitch, a visitor filters the board, ${runName(viewport, javaScript)}`, async () => {
      const t = await makeApp();
      try {
        const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
        const camp = twoDayCamp(t.db, testNow);
        const bo = registeredAttendee(t.db, camp.event, 'bo@example.org', { name: 'Bo' });
        pitchSession(t.db, testNow, { event: camp.event, person: bo, details: { title: 'Data ethics', description: '', format: 'discussion', needs: [], doubleLength: false, preferredDayId: null, unavailableSlotIds: [], coFacilitators: [] }, baseUrl: '' });
        const ana = registeredAttendee(t.db, camp.event, 'ana@example.org', { name: 'Ana' });

        const organiser = await newContext(browser(), { javaScript, viewport });
        await signInBrowser(organiser, t.app, address, camp.organiser);
        const page = await organiser.newPage();
        await page.goto(`${address}/organise/events/localgovcamp-2027`);
        await page.getByRole('link', { name: 'Themes', exact: true }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'Themes', level: 1 }).count()).toBe(1);
        for (const name of ['Democracy', 'Places']) {
          await page.getByLabel('Theme', { exact: true }).fill(name);
          await page.getByRole('button', { name: 'Add theme' }).click();
          await expect.poll(() => page.getByRole('rowheader', { name }).count()).toBe(1);
        }
        await expectNoAxeViolations(page, { javaScript });
        await organiser.close();

        const pitcher = await newContext(browser(), { javaScript, viewport });
        await signInBrowser(pitcher, t.app, address, ana);
        const form = await pitcher.newPage();
        await form.goto(`${address}/events/localgovcamp-2027/pitches/new`);
        await form.getByLabel('Title', { exact: true }).fill('Votes at 16');
        await form.getByRole('radio', { name: 'Discussion', exact: true }).check();
        await form.getByRole('checkbox', { name: 'Democracy', exact: true }).check();
        await form.getByRole('button', { name: 'Pitch session' }).click();
        await expect.poll(() => form.getByRole('heading', { name: 'Votes at 16', level: 1 }).count()).toBe(1);
        expect(await form.getByRole('link', { name: 'Democracy', exact: true }).count()).toBe(1);
        await pitcher.close();

        const visitor = await newContext(browser(), { javaScript, viewport });
        const board = await visitor.newPage();
        await board.goto(`${address}/events/localgovcamp-2027/pitches`);
        await board.getByLabel('Theme', { exact: true }).selectOption({ label: 'Democracy' });
        await board.getByRole('button', { name: 'Show pitches' }).click();
        await expect.poll(() => board.getByRole('heading', { name: '1 pitch found' }).count()).toBe(1);
        expect(await board.getByRole('link', { name: 'Votes at 16' }).count()).toBe(1);
        expect(await board.getByRole('link', { name: 'Data ethics' }).count()).toBe(0);
        await expectNoAxeViolations(board, { javaScript });
        await visitor.close();
      } finally {
        await t.close();
      }
    }, 120_000);
  }
});
