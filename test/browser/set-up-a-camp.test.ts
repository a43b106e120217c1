import { expect, it } from 'vitest';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { describeInBrowser, everyRun, expectNoAxeViolations, newContext, openSiteMenu, runName } from '../helpers/browser.ts';
import { person } from '../helpers/people.ts';
import { SmtpCapture } from '../helpers/smtp.ts';

describeInBrowser('journey 1: a new organiser sets up a two-day camp and publishes it', (browser) => {

  for (const { viewport, javaScript } of everyRun) {
    it(`works ${runName(viewport, javaScript)}, with no accessibility violations on any page`, async () => {
      const smtp = new SmtpCapture();
      await smtp.start();
      let t: TestApp | undefined;
      try {
        t = await makeApp({ SMTP_URL: smtp.url, MAIL_POLL_SECONDS: '0.2' }, { startMail: true });
        const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
        person(t.db, 'ana@example.org', { administrator: true });

        const context = await newContext(browser(), { javaScript, viewport });
        const page = await context.newPage();
        const visited: string[] = [];
        const visit = async (): Promise<void> => {
          visited.push(new URL(page.url()).pathname);
          await expectNoAxeViolations(page, { javaScript });
        };

        // Sign in with the link from the real email.
        await page.goto(`${address}/`);
        await visit();
        await openSiteMenu(page, { viewport, javaScript });
        await page.getByRole('link', { name: 'Sign in' }).click();
        await visit();
        await page.getByLabel('Email address').fill('ana@example.org');
        await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
        await expect.poll(() => smtp.to('ana@example.org').length, { timeout: 10_000 }).toBe(1);
        await visit();
        const link = smtp.to('ana@example.org')[0]!.text!.match(/http:\/\/\S+/)![0];
        await page.goto(link.replace('http://campgrid.test', address));
        await visit();
        await page.getByRole('button', { name: 'Continue signing in' }).click();
        await expect.poll(() => new URL(page.url()).pathname).toBe('/me');
        await visit();

        // Create the camp.
        await openSiteMenu(page, { viewport, javaScript });
        await page.getByRole('link', { name: 'Organise' }).click();
        await visit();
        await page.getByRole('button', { name: 'Create an event' }).click();
        await visit();
        // First a mistake, to see the error summary.
        await page.getByRole('button', { name: 'Create event' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'There is a problem' }).count()).toBe(1);
        await visit();
        await page.getByLabel('Event name').fill('LocalGovCamp 2027');
        await page.getByLabel('Web address').fill('localgovcamp-2027');
        await page.getByLabel('Summary').fill('The unconference for local government');
        await page.getByLabel('Venue name').fill('Anytown Civic Centre');
        await page.getByLabel('Access information').fill('Step-free entrance on Market Square');
        await page.getByRole('button', { name: 'Create event' }).click();
        await expect.poll(() => page.getByText('Event created.').count()).toBe(1);
        await visit();

        for (const [day, label] of [['18', 'Makers day'], ['19', 'Camp day']]) {
          await page.getByRole('button', { name: 'Add a day' }).click();
          await visit();
          await page.getByLabel('Day', { exact: true }).fill(day!);
          await page.getByLabel('Month', { exact: true }).fill('6');
          await page.getByLabel('Year', { exact: true }).fill('2027');
          await page.getByLabel('Label (optional)').fill(label!);
          await page.getByLabel('Doors open').fill('09:00');
          await page.getByLabel('Doors close').fill('17:30');
          await page.getByRole('button', { name: 'Add day' }).click();
          await expect.poll(() => page.getByText('Day added.').count()).toBe(1);
          await visit();
          await page.getByRole('button', { name: 'Generate slots from a pattern' }).click();
          await visit();
          await page.getByRole('button', { name: 'Generate slots' }).click();
          await expect.poll(() => page.getByText('Slots generated.').count()).toBe(1);
          await visit();
          await page.getByRole('link', { name: 'Back' }).click();
        }

        for (const [name, capacity] of [['Main hall', '120'], ['Library', '25']]) {
          await page.getByRole('button', { name: 'Add a room' }).click();
          await visit();
          await page.getByLabel('Room name').fill(name!);
          await page.getByLabel('Capacity').fill(capacity!);
          await page.getByLabel('Step-free access').check();
          await page.getByRole('button', { name: 'Add room' }).click();
          await expect.poll(() => page.getByText('Room added.').count()).toBe(1);
        }
        await visit();
        await page.getByRole('button', { name: 'Publish event' }).click();
        await expect.poll(() => page.getByText('The event is published').count()).toBe(1);
        await visit();

        // A visitor finds it.
        const visitorContext = await newContext(browser(), { javaScript, viewport });
        const visitor = await visitorContext.newPage();
        await visitor.goto(`${address}/`);
        await expectNoAxeViolations(visitor, { javaScript });
        await visitor.getByRole('link', { name: 'LocalGovCamp 2027' }).click();
        await expect.poll(() => visitor.getByRole('heading', { name: 'Makers day: Friday 18 June 2027' }).count()).toBe(1);
        expect(await visitor.getByRole('heading', { name: 'Camp day: Saturday 19 June 2027' }).count()).toBe(1);
        expect(await visitor.getByRole('rowheader', { name: '10am to 10:45am' }).count()).toBe(2);
        await expectNoAxeViolations(visitor, { javaScript });

        expect(visited).toContain('/organise/events/localgovcamp-2027');
        await visitorContext.close();
        await context.close();
      } finally {
        await t?.close();
        await smtp.stop();
      }
    }, 180_000);
  }
});
