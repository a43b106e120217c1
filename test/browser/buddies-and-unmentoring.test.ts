import { expect, it } from 'vitest';
import { pairDueBuddies } from '../../src/buddies/buddies.ts';
import { registerForTickets } from '../../src/tickets/register.ts';
import { joinUnmentoring } from '../../src/unmentoring/unmentoring.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { describeInBrowser, everyRun, expectNoAxeViolations, newContext, runName, signInBrowser } from '../helpers/browser.ts';
import { person } from '../helpers/people.ts';
import { SmtpCapture } from '../helpers/smtp.ts';
import { attendee, links, publishedCamp, ticketType } from '../helpers/tickets.ts';

// Seven days before the camp day opens (09:00 London, 19 June 2027).
const buddiesDue = new Date(Date.parse('2027-06-19T08:00:00Z') - 7 * 86_400_000);

async function withMailingApp(use: (t: TestApp, address: string, smtp: SmtpCapture) => Promise<void>): Promise<void> {
  const smtp = new SmtpCapture();
  await smtp.start();
  let t: TestApp | undefined;
  try {
    t = await makeApp({ SMTP_URL: smtp.url, MAIL_POLL_SECONDS: '0.2', BASE_URL: 'http://campgrid.test' }, { startMail: true });
    await use(t, await t.app.listen({ port: 0, host: '127.0.0.1' }), smtp);
  } finally {
    await t?.close();
    await smtp.stop();
  }
}

describeInBrowser('first-timer buddies and UnMentoring', (browser) => {
  for (const { viewport, javaScript } of everyRun) {
    it(`a first-timer asks for a buddy, and both get the introduction, ${runName(viewport, javaScript)}`, async () => {
      await withMailingApp(async (t, address, smtp) => {
        const { event } = publishedCamp(t.db, t.clock.now());
        const type = ticketType(t.db, t.clock.now(), event, { capacity: 10 });
        registerForTickets(t.db, t.clock.now(), links, { event, types: [type], details: attendee({ name: 'Sam Regular', email: 'sam@example.org', organisation: 'York', buddy: { role: 'offers', shareEmail: true } }) });
        const context = await newContext(browser(), { javaScript, viewport });
        const page = await context.newPage();
        await page.goto(`${address}/events/${event.slug}/register`);
        await page.getByLabel('Your name').fill('Fran Newcomer');
        await page.getByLabel('Email address', { exact: true }).fill('fran@example.org');
        await page.getByLabel('Organisation (optional)').fill('Leeds City Council');
        await page.getByLabel('Council officer').check();
        await page.getByRole('group', { name: 'Is this your first camp?' }).getByLabel('Yes').check();
        await page.getByLabel('I would like a buddy').check();
        await page.getByLabel('Share my email address with my buddy').check();
        await page.getByLabel('I agree to the code of conduct').check();
        if (viewport === 'phone' && javaScript) await expectNoAxeViolations(page, { javaScript });
        await page.getByRole('button', { name: 'Register' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'Check your email' }).count()).toBe(1);

        // A week before the camp, the jobs runner pairs her (its mail is due at the app's own time).
        t.clock.set(buddiesDue);
        pairDueBuddies(t.db, t.clock.now(), links);
        t.app.campgrid.mail.kick();
        await expect.poll(() => smtp.to('fran@example.org').filter((m) => m.subject === 'Your buddy at LocalGovCamp 2027').length, { timeout: 10_000 }).toBe(1);
        await expect.poll(() => smtp.to('sam@example.org').filter((m) => m.subject === 'Your first-timer at LocalGovCamp 2027').length, { timeout: 10_000 }).toBe(1);
        expect(smtp.to('fran@example.org').find((m) => m.subject?.startsWith('Your buddy'))!.text).toContain('sam@example.org');
        await context.close();
      });
    }, 120_000);

    it(`a person joins UnMentoring and an administrator runs a round, ${runName(viewport, javaScript)}`, async () => {
      await withMailingApp(async (t, address, smtp) => {
        const bob = person(t.db, 'bob@example.org', { name: 'Bob' });
        joinUnmentoring(t.db, t.clock.now(), bob.id, { organisation: 'York', topics: 'Housing repairs' });
        const ann = person(t.db, 'ann@example.org', { name: 'Ann' });
        const annContext = await newContext(browser(), { javaScript, viewport });
        await signInBrowser(annContext, t.app, address, ann);
        const annPage = await annContext.newPage();
        await annPage.goto(`${address}/unmentoring`);
        await annPage.getByLabel('Organisation (optional)').fill('Leeds');
        await annPage.getByLabel('What would you like to talk about?').fill('Open data');
        if (viewport === 'phone' && javaScript) await expectNoAxeViolations(annPage, { javaScript });
        await annPage.getByRole('button', { name: 'Join UnMentoring' }).click();
        await expect.poll(() => annPage.getByText('You are in UnMentoring').count()).toBe(1);
        if (viewport === 'desktop' && !javaScript) await expectNoAxeViolations(annPage, { javaScript });

        const adminContext = await newContext(browser(), { javaScript, viewport });
        await signInBrowser(adminContext, t.app, address, person(t.db, 'admin@example.org', { administrator: true }));
        const adminPage = await adminContext.newPage();
        await adminPage.goto(`${address}/organise`);
        await adminPage.getByRole('link', { name: 'UnMentoring rounds' }).click();
        await adminPage.getByRole('button', { name: 'Start a round' }).click();
        await expect.poll(() => adminPage.getByText('Round started: everyone in it has been sent an introduction').count()).toBe(1);
        if (viewport === 'phone' && !javaScript) await expectNoAxeViolations(adminPage, { javaScript });
        await expect.poll(() => smtp.to('ann@example.org').length, { timeout: 10_000 }).toBe(1);
        expect(smtp.to('ann@example.org')[0]!.text).toContain('bob@example.org');
        await expect.poll(() => smtp.to('bob@example.org').length, { timeout: 10_000 }).toBe(1);
        await annPage.goto(`${address}/unmentoring`);
        await expect.poll(() => annPage.getByText('Bob (York)').count()).toBe(1);
        await annContext.close();
        await adminContext.close();
      });
    }, 120_000);
  }
});
