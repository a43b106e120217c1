import { expect, it } from 'vitest';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { describeInBrowser, expectNoAxeViolations, newContext, runName, signInBrowser } from '../helpers/browser.ts';
import { person } from '../helpers/people.ts';
import { SmtpCapture } from '../helpers/smtp.ts';
import { campWithEveryone } from '../messages/camp.ts';

describeInBrowser('an organiser writes to the people coming, and copies the camp for next year', (browser) => {
  const runs = [
    { viewport: 'phone', javaScript: false },
    { viewport: 'desktop', javaScript: true },
  ] as const;

  for (const { viewport, javaScript } of runs) {
    it(`works ${runName(viewport, javaScript)}, with no accessibility violations on any page`, async () => {
      const smtp = new SmtpCapture();
      await smtp.start();
      let t: TestApp | undefined;
      try {
        t = await makeApp({ SMTP_URL: smtp.url, MAIL_POLL_SECONDS: '0.2' }, { startMail: true });
        campWithEveryone(t.db, t.clock.now());
        const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
        const context = await newContext(browser(), { javaScript, viewport });
        await signInBrowser(context, t.app, address, person(t.db, 'owner@example.org'));
        const page = await context.newPage();
        const visit = () => expectNoAxeViolations(page, { javaScript });

        await page.goto(`${address}/organise/events/localgovcamp-2027`);
        await visit();
        await page.getByRole('link', { name: 'Messages to the people coming' }).click();
        await visit();
        // Previewing nothing is a mistake, shown in the error summary.
        await page.getByRole('button', { name: 'Preview the message' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'There is a problem' }).count()).toBe(1);
        await visit();

        const subject = 'Councillors and first-timers: a welcome';
        await page.getByLabel('Subject').fill(subject);
        await page.getByLabel('Message').fill('Welcome to your first camp.\n\nFind us by the tea urn at 9.');
        await page.getByLabel('First-timers', { exact: true }).check();
        await page.getByLabel('Councillors', { exact: true }).check();
        await page.getByLabel('Everyone who checked in', { exact: true }).check();
        await page.getByRole('button', { name: 'Preview the message' }).click();
        // Ana is a first-timer and a councillor, Cat checked in: two people, one email each.
        await expect.poll(() => page.getByText('This message will go to 2 people').count()).toBe(1);
        await visit();
        await page.getByRole('button', { name: 'Send to 2 people' }).click();
        await expect.poll(() => page.getByText('Message sent.').count()).toBe(1);
        await expect(page.getByRole('rowheader', { name: subject })).toBeDefined();
        await visit();
        await expect.poll(() => smtp.messages.filter((m) => m.subject === subject).length, { timeout: 10_000 }).toBe(2);
        const toAna = smtp.to('ana@example.org').find((m) => m.subject === subject)!;
        expect(toAna.text).toContain('Welcome to your first camp.\n\nFind us by the tea urn at 9.');

        // Ana stops announcements from the link in her email.
        const stopLink = toAna.text!.match(/http:\/\/campgrid\.test\/unsubscribe\/\S+/)![0];
        await page.goto(stopLink.replace('http://campgrid.test', address));
        await visit();
        await page.getByRole('button', { name: 'Stop announcements' }).click();
        await expect.poll(() => page.getByText('Announcements stopped').count()).toBe(1);
        await visit();

        // Next year's camp, in two clicks.
        await page.goto(`${address}/organise/events/localgovcamp-2027`);
        await page.getByRole('link', { name: 'Copy this camp' }).click();
        await visit();
        await page.getByLabel('How many weeks later').fill('0');
        await page.getByRole('button', { name: 'Copy the camp' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'There is a problem' }).count()).toBe(1);
        await visit();
        await page.getByLabel('How many weeks later').fill('52');
        await page.getByRole('button', { name: 'Copy the camp' }).click();
        await expect.poll(() => page.getByText('Camp copied.').count()).toBe(1);
        expect(new URL(page.url()).pathname).toBe('/organise/events/localgovcamp-2028');
        await expect.poll(() => page.getByText('Copied from').count()).toBe(1);
        await visit();
        await context.close();
      } finally {
        await t?.close();
        await smtp.stop();
      }
    }, 120_000);
  }
});
