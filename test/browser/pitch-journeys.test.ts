import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { Person } from '../../src/people/people.ts';
import { pitchesToday } from '../../src/pitches/desk.ts';
import { interest, pitches } from '../../src/pitches/pitches.table.ts';
import { pitchSession } from '../../src/pitches/pitches.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { describeInBrowser, everyRun, expectNoAxeViolations, newContext, runName, signInBrowser, type Viewport } from '../helpers/browser.ts';
import { twoDayCamp } from '../helpers/camp.ts';
import { expectVisibleFocus } from '../helpers/keyboard.ts';

/** A browser context already signed in as this person (signing in has its own journey). */
async function signedInContext(browser: Browser, t: TestApp, address: string, who: Person, javaScript: boolean, viewport: Viewport): Promise<BrowserContext> {
  const context = await newContext(browser, { javaScript, viewport });
  await signInBrowser(context, t.app, address, who);
  return context;
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describeInBrowser('journey 4: pitches and interest', (browser) => {

  for (const { viewport, javaScript } of everyRun) {
    it(`an attendee pitches a session and marks what they’d go to, ${runName(viewport, javaScript)}`, async () => {
      const t = await makeApp();
      try {
        const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
        const camp = twoDayCamp(t.db, testNow);
        const bo = registeredAttendee(t.db, camp.event, 'bo@example.org', { name: 'Bo' });
        const ethics = pitchSession(t.db, testNow, { event: camp.event, person: bo, details: { title: 'Data ethics', description: 'Who decides?', format: 'discussion', needs: [], doubleLength: false, preferredDayId: null, unavailableSlotIds: [], coFacilitators: [] }, baseUrl: '' });
        const ana = registeredAttendee(t.db, camp.event, 'ana@example.org', { name: 'Ana' });
        const context = await signedInContext(browser(), t, address, ana, javaScript, viewport);
        const page = await context.newPage();

        await page.goto(`${address}/events/localgovcamp-2027`);
        await page.getByRole('link', { name: 'Pitches' }).first().click();
        await expect.poll(() => page.getByRole('heading', { name: 'Pitches', level: 1 }).count()).toBe(1);
        await expectNoAxeViolations(page, { javaScript });

        await page.getByRole('button', { name: 'Pitch a session' }).click();
        await page.getByRole('button', { name: 'Pitch session' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'There is a problem' }).count()).toBe(1);
        await expectNoAxeViolations(page, { javaScript });
        await page.getByLabel('Title').fill('Paper prototyping <for> beginners');
        await page.getByLabel('Description (optional)').fill('Bring nothing: paper and pens provided.');
        await page.getByLabel('Workshop').check();
        await page.getByLabel('Step-free room').check();
        await page.getByLabel('Double length (two slots in a row)').check();
        await page.getByLabel('Camp day, 2027-06-19').check();
        await page.getByLabel('Makers day: 10am to 10:45am').check();
        await page.getByRole('button', { name: 'Pitch session' }).click();
        await expect.poll(() => page.getByText('Your pitch is on the board.').count()).toBe(1);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Paper prototyping <for> beginners');
        await expectNoAxeViolations(page, { javaScript });

        await page.getByRole('link', { name: 'Back' }).click();
        await page.getByRole('button', { name: 'I’d go to Data ethics' }).click();
        await expect.poll(() => page.getByRole('button', { name: 'Remove my “I’d go” from Data ethics' }).count()).toBe(1);
        const ethicsOnBoard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Data ethics' }) });
        expect(await ethicsOnBoard.getByText('would go').textContent()).toBe('You’d go. 1 would go');
        // With JavaScript the page stays put, so the change is announced.
        if (javaScript) expect(await page.getByRole('status').textContent()).toBe('You’d go to Data ethics. 1 would go.');
        expect(t.db.select().from(interest).where(eq(interest.personId, ana.id)).all().map((r) => r.pitchId)).toEqual([ethics.id]);
        await expectNoAxeViolations(page, { javaScript });

        await page.getByRole('button', { name: 'Remove my “I’d go” from Data ethics' }).click();
        await expect.poll(() => page.getByRole('button', { name: 'I’d go to Data ethics' }).count()).toBe(1);
        expect(await ethicsOnBoard.getByText('would go').textContent()).toBe('0 would go');
        expect(t.db.select().from(interest).all()).toEqual([]);

        const mine = t.db.select().from(pitches).where(eq(pitches.createdBy, ana.id)).get()!;
        expect(mine).toMatchObject({ format: 'workshop', needs: ['step-free'], doubleLength: true, preferredDayId: camp.saturday.id, unavailableSlotIds: [camp.fridaySlots[0]!.id] });
        await context.close();
      } finally {
        await t.close();
      }
    }, 180_000);
  }

  for (const { viewport, javaScript } of everyRun) {
    it(`an organiser enters five pitches at the pitch desk using only the keyboard, ${runName(viewport, javaScript)}`, async () => {
      const t = await makeApp();
      try {
        const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
        const camp = twoDayCamp(t.db, testNow);
        t.clock.set(new Date('2027-06-19T08:45:00Z'));
        const context = await signedInContext(browser(), t, address, camp.organiser, javaScript, viewport);
        const page = await context.newPage();
        await page.goto(`${address}/organise/events/localgovcamp-2027/pitch-desk`);
        await expectNoAxeViolations(page, { javaScript });
        await expect.poll(() => focusedId(page)).toBe('title');

        const entries = [
          { title: 'AI in councils', who: 'Sam Okafor', format: 'd', stepFree: false, hands: '40' },
          { title: 'Paper prototyping', who: 'Kim Lee', format: 'w', stepFree: true, hands: '' },
          { title: 'Show and tell: our new website', who: 'Jo Whitfield', format: 's', stepFree: false, hands: '25' },
          { title: 'Lego for strategy', who: 'Ravi Mehta', format: 'm', stepFree: true, hands: '8' },
          { title: 'Walking meeting', who: 'Lou Carter', format: 'o', stepFree: false, hands: '12' },
        ];
        // Every Tab lands on something on screen that shows it has focus.
        const tab = async () => {
          await page.keyboard.press('Tab');
          await expectVisibleFocus(page);
        };
        await expectVisibleFocus(page);
        for (const [i, e] of entries.entries()) {
          await page.keyboard.type(e.title);
          await tab();
          await page.keyboard.type(e.who);
          await tab();
          expect(await focusedId(page)).toBe('format');
          await page.keyboard.type(e.format);
          await tab();
          // The day the desk is open is already chosen, as a preference the scheduler follows.
          expect(await focusedId(page)).toBe('day');
          await tab();
          expect(await focusedId(page)).toBe('mustBeOnDay');
          await tab();
          expect(await focusedId(page)).toBe('needs');
          if (e.stepFree) await page.keyboard.press('Space');
          for (let box = 0; box < 5; box++) await tab();
          expect(await focusedId(page)).toBe('showOfHands');
          await page.keyboard.type(e.hands);
          await page.keyboard.press('Enter');
          await expect.poll(() => page.getByText(`Pitch ${i + 1} saved: ${e.title}`).count()).toBe(1);
          await expect.poll(() => focusedId(page)).toBe('title');
          await expectVisibleFocus(page);
          expect(await page.getByLabel('Title').inputValue()).toBe('');
        }
        expect(await page.getByRole('heading', { name: 'Today’s pitches (5)' }).count()).toBe(1);
        expect(await page.getByRole('list').filter({ has: page.getByRole('link', { name: 'AI in councils' }) }).getByRole('listitem').allTextContents()).toEqual([
          'AI in councils, Sam Okafor (discussion, 40 hands)',
          'Paper prototyping, Kim Lee (workshop)',
          'Show and tell: our new website, Jo Whitfield (show and tell, 25 hands)',
          'Lego for strategy, Ravi Mehta (makers activity, 8 hands)',
          'Walking meeting, Lou Carter (other, 12 hands)',
        ]);
        await expectNoAxeViolations(page, { javaScript });
        const saved = pitchesToday(t.db, camp.event, t.clock.now());
        expect(saved.map((p) => p.format)).toEqual(['discussion', 'workshop', 'show-and-tell', 'makers', 'other']);
        expect(t.db.select({ needs: pitches.needs }).from(pitches).all().map((p) => p.needs)).toEqual([[], ['step-free'], [], ['step-free'], []]);

        // The public board and a pitch page pass axe too.
        await page.goto(`${address}/events/localgovcamp-2027/pitches`);
        await expectNoAxeViolations(page, { javaScript });
        await page.getByRole('link', { name: 'Lego for strategy' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'Lego for strategy' }).count()).toBe(1);
        await expectNoAxeViolations(page, { javaScript });
        await context.close();
      } finally {
        await t.close();
      }
    }, 180_000);
  }
});
