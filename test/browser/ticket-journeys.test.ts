import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { inviteOrganiser } from '../../src/events/organisers.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { describeInBrowser, everyRun, expectNoAxeViolations, newContext, runName, signInBrowser } from '../helpers/browser.ts';
import { person } from '../helpers/people.ts';
import { SmtpCapture } from '../helpers/smtp.ts';
import { registerForTickets } from '../../src/tickets/register.ts';
import { twoDayCamp } from '../helpers/camp.ts';
import { registrations } from '../../src/tickets/tickets.table.ts';
import { attendee, links, publishedCamp, ticketType } from '../helpers/tickets.ts';

async function registerAs(page: Page, address: string, who: { name: string; email: string }, javaScript: boolean): Promise<void> {
  await page.goto(`${address}/events/localgovcamp-2027`);
  await expectNoAxeViolations(page, { javaScript });
  await page.getByRole('button', { name: 'Register' }).click();
  await expectNoAxeViolations(page, { javaScript });
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Email address', { exact: true }).fill(who.email);
  await page.getByLabel('Organisation (optional)').fill('Anytown Borough Council');
  await page.getByLabel('Council officer').check();
  await page.getByRole('group', { name: 'Is this your first camp?' }).getByLabel('Yes').check();
  await page.getByLabel('I agree to the code of conduct').check();
  await page.getByRole('button', { name: 'Register' }).click();
}

describeInBrowser('journeys 2 and 3: registering, releasing, and the waiting list', (browser) => {

  for (const { viewport, javaScript } of everyRun) {
    it(`register → email → release → the first person waiting is offered the place and accepts, ${runName(viewport, javaScript)}`, async () => {
      const smtp = new SmtpCapture();
      await smtp.start();
      let t: TestApp | undefined;
      try {
        t = await makeApp({ SMTP_URL: smtp.url, MAIL_POLL_SECONDS: '0.2', BASE_URL: 'http://campgrid.test' }, { startMail: true });
        const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
        const local = (link: string) => link.replace('http://campgrid.test', address);
        const { event } = publishedCamp(t.db, t.clock.now());
        ticketType(t.db, t.clock.now(), event, { capacity: 1 });

        const zoeContext = await newContext(browser(), { javaScript, viewport });
        const zoe = await zoeContext.newPage();
        await registerAs(zoe, address, { name: 'Zoë Okafor', email: 'zoe@example.org' }, javaScript);
        // The page only says to check email (it never tells a stranger whether an address was registered).
        await expect.poll(() => zoe.getByRole('heading', { name: 'Check your email' }).count()).toBe(1);
        await expectNoAxeViolations(zoe, { javaScript });

        const samContext = await newContext(browser(), { javaScript, viewport });
        const sam = await samContext.newPage();
        await registerAs(sam, address, { name: 'Sam Ng', email: 'sam@example.org' }, javaScript);
        await expect.poll(() => sam.getByRole('heading', { name: 'Check your email' }).count()).toBe(1);
        await expectNoAxeViolations(sam, { javaScript });
        await expect.poll(() => smtp.to('sam@example.org').length, { timeout: 10_000 }).toBe(1);
        expect(smtp.to('sam@example.org')[0]!.text).toContain('number 1 on the waiting list');

        // Zoë's plans change: she follows the link in her confirmation email and releases her place.
        await expect.poll(() => smtp.to('zoe@example.org').length, { timeout: 10_000 }).toBe(1);
        const confirmation = smtp.to('zoe@example.org')[0]!;
        expect(confirmation.subject).toBe('You have a place: Camp day at LocalGovCamp 2027');
        const zoeManage = confirmation.text!.match(/http:\/\/campgrid\.test\/tickets\/\S+/)![0];
        await zoe.goto(local(zoeManage));
        await expectNoAxeViolations(zoe, { javaScript });
        await zoe.getByRole('button', { name: 'Release my place' }).click();
        await expectNoAxeViolations(zoe, { javaScript });
        await zoe.getByRole('button', { name: 'Yes, release my place' }).click();
        await expect.poll(() => zoe.getByText('Your place goes to the next person waiting').count()).toBe(1);
        await expectNoAxeViolations(zoe, { javaScript });

        // Sam is offered the place by email and accepts it in time.
        await expect.poll(() => smtp.to('sam@example.org').length, { timeout: 10_000 }).toBe(2);
        const offer = smtp.to('sam@example.org')[1]!;
        expect(offer.subject).toBe('A place is yours if you want it: Camp day at LocalGovCamp 2027');
        await sam.goto(local(offer.text!.match(/http:\/\/campgrid\.test\/tickets\/\S+/)![0]));
        await expectNoAxeViolations(sam, { javaScript });
        await sam.getByRole('button', { name: 'Accept the place' }).click();
        await expect.poll(() => sam.getByText('You have a place.').count()).toBe(1);
        await expectNoAxeViolations(sam, { javaScript });
        await expect.poll(() => smtp.to('sam@example.org').length, { timeout: 10_000 }).toBe(3);
        expect(smtp.to('sam@example.org')[2]!.subject).toBe('You have a place: Camp day at LocalGovCamp 2027');
        await zoeContext.close();
        await samContext.close();
      } finally {
        await t?.close();
        await smtp.stop();
      }
    }, 180_000);
  }

  for (const { viewport, javaScript } of everyRun)
  it(`checks someone with a ticket for each day in for today, asked first about another day, showing their access needs, ${runName(viewport, javaScript)}`, async () => {
    let t: TestApp | undefined;
    try {
      t = await makeApp();
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const camp = twoDayCamp(t.db, t.clock.now());
      const makers = ticketType(t.db, t.clock.now(), camp.event, { name: 'Makers day', dayIds: [camp.friday.id], capacity: 5, displayOrder: 1 });
      const campDay = ticketType(t.db, t.clock.now(), camp.event, { name: 'Camp day', dayIds: [camp.saturday.id], capacity: 5, displayOrder: 2 });
      registerForTickets(t.db, t.clock.now(), links, { event: camp.event, types: [makers, campDay], details: attendee({ name: 'Máire O’Brien', accessNeeds: 'Hearing loop, please' }) });
      inviteOrganiser(t.db, t.clock.now(), { event: camp.event, email: 'door@example.org', role: 'helper', invitedBy: camp.organiser, baseUrl: '' });
      t.clock.set(new Date('2027-06-19T08:15:00Z')); // Saturday morning, the Camp day
      const helper = person(t.db, 'door@example.org');
      const context = await newContext(browser(), { javaScript, viewport });
      await signInBrowser(context, t.app, address, helper);
      const page = await context.newPage();
      await page.goto(`${address}/organise/events/localgovcamp-2027`);
      await expectNoAxeViolations(page, { javaScript });
      await page.getByRole('link', { name: 'Check-in' }).click();
      await expectNoAxeViolations(page, { javaScript });
      await page.getByLabel('Name or email').fill('máire');
      await page.getByRole('button', { name: 'Find' }).click();
      expect(await page.getByText('Access needs: Hearing loop, please').count()).toBe(2);
      await expectNoAxeViolations(page, { javaScript });
      // Today's ticket comes first, and each button says which ticket and day it checks in.
      const checkIns = page.getByRole('button', { name: /^Check in Máire O’Brien/ });
      expect(await checkIns.evaluateAll((buttons) => buttons.map((b) => b.textContent!.replace(/\s+/g, ' ').trim()))).toEqual([
        'Check in Máire O’Brien for Camp day, Saturday 19 June',
        'Check in Máire O’Brien for Makers day, Friday 18 June',
      ]);
      // Friday's button on Saturday asks first.
      await page.getByRole('button', { name: 'Check in Máire O’Brien for Makers day, Friday 18 June' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Check Máire O’Brien in for another day?' }).count()).toBe(1);
      await expectNoAxeViolations(page, { javaScript });
      await page.getByRole('link', { name: 'No, go back to check-in' }).click();
      await page.getByRole('button', { name: 'Check in Máire O’Brien for Camp day, Saturday 19 June' }).click();
      await expect.poll(() => page.getByText('Máire O’Brien is checked in').count()).toBe(1);
      await expectNoAxeViolations(page, { javaScript });
      await page.getByRole('button', { name: 'Undo check-in for Máire O’Brien for Camp day, Saturday 19 June' }).click();
      await expect.poll(() => page.getByText('Máire O’Brien is no longer checked in').count()).toBe(1);
      await page.getByRole('button', { name: 'Check in Máire O’Brien for Makers day, Friday 18 June' }).click();
      await page.getByRole('button', { name: 'Yes, check in for Makers day, Friday 18 June' }).click();
      await expect.poll(() => page.getByText('Máire O’Brien is checked in').count()).toBe(1);
      await context.close();
    } finally {
      await t?.close();
    }
  }, 180_000);

  for (const { viewport, javaScript } of everyRun)
  it(`registers for both days in one form, appears on the public list, and the organiser sees the places held for first-timers, ${runName(viewport, javaScript)}`, async () => {
    let t: TestApp | undefined;
    try {
      t = await makeApp();
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const camp = twoDayCamp(t.db, t.clock.now());
      ticketType(t.db, t.clock.now(), camp.event, { name: 'Makers day', dayIds: [camp.friday.id], capacity: 5, displayOrder: 1, reservedForFirstTimers: 2, reservedUntil: Date.parse('2027-05-01T11:00:00Z') });
      ticketType(t.db, t.clock.now(), camp.event, { name: 'Camp day', dayIds: [camp.saturday.id], capacity: 5, displayOrder: 2 });
      const context = await newContext(browser(), { javaScript, viewport });
      const page = await context.newPage();
      await page.goto(`${address}/events/localgovcamp-2027/register`);
      await page.getByLabel('Makers day').check();
      await page.getByLabel('Camp day').check();
      await page.getByLabel('Your name').fill('Zoë Okafor');
      await page.getByLabel('Email address', { exact: true }).fill('zoe@example.org');
      await page.getByLabel('Organisation (optional)').fill('Anytown Borough Council');
      await page.getByLabel('Council officer').check();
      await page.getByRole('group', { name: 'Is this your first camp?' }).getByLabel('Yes').check();
      await page.getByLabel('Show my name and organisation on the public list of who is coming').check();
      await page.getByLabel('I agree to the code of conduct').check();
      await expectNoAxeViolations(page, { javaScript });
      await page.getByRole('button', { name: 'Register' }).click();
      // A visitor is told only to check their email (whether the address was registered before is
      // never said on the page); the email says how each ticket went.
      await expect.poll(() => page.getByRole('heading', { name: 'Check your email' }).count()).toBe(1);
      expect(await page.getByText('about Makers day and Camp day at').count()).toBe(1);
      expect(t.db.select({ status: registrations.status }).from(registrations).all().map((r) => r.status)).toEqual(['confirmed', 'confirmed']);
      await expectNoAxeViolations(page, { javaScript });

      await page.goto(`${address}/events/localgovcamp-2027`);
      await page.getByRole('link', { name: 'Who is coming' }).click();
      expect(await page.getByRole('row', { name: 'Zoë Okafor Anytown Borough Council' }).count()).toBe(1);
      await expectNoAxeViolations(page, { javaScript });

      await signInBrowser(context, t.app, address, camp.organiser);
      await page.goto(`${address}/organise/events/localgovcamp-2027/tickets`);
      expect(await page.getByText('2 of 2 still held, until midday on Saturday 1 May 2027').count()).toBe(1);
      await expectNoAxeViolations(page, { javaScript });
      await context.close();
    } finally {
      await t?.close();
    }
  }, 180_000);
});
