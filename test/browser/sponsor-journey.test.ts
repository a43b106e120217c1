import { expect, it } from 'vitest';
import { solidPng } from '../../src/sponsors/logos.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { describeInBrowser, everyRun, expectNoAxeViolations, newContext, runName, signInBrowser } from '../helpers/browser.ts';
import { person } from '../helpers/people.ts';
import { SmtpCapture } from '../helpers/smtp.ts';
import { offer, publishedCamp } from '../sponsors/factories.ts';
import { sessionCookie } from '../../src/web/sessions.ts';

describeInBrowser('journey 6: a sponsor signs up with a logo, an organiser approves, the logo shows on the event page', (browser) => {

  for (const { viewport, javaScript } of everyRun) {
    it(`works ${runName(viewport, javaScript)}, with no accessibility violations on any page`, async () => {
      const smtp = new SmtpCapture();
      await smtp.start();
      let t: TestApp | undefined;
      try {
        t = await makeApp({ SMTP_URL: smtp.url, MAIL_POLL_SECONDS: '0.2' }, { startMail: true });
        const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
        const dee = person(t.db, 'dee@example.org', { administrator: true, name: 'Dee Organiser' });
        const event = publishedCamp(t.db, dee);
        offer(t.db, event, { name: 'Lunch sponsor', available: 1, pricePence: 150_000, displayOrder: 1 });
        offer(t.db, event, { name: 'Friend of the camp', available: null, pricePence: 25_000, displayOrder: 2, funds: ['bursaries'] });

        // The sponsor finds the sponsor page from the event page.
        const sponsorContext = await newContext(browser(), { javaScript, viewport });
        const sponsor = await sponsorContext.newPage();
        await sponsor.goto(`${address}/events/${event.slug}`);
        await expectNoAxeViolations(sponsor, { javaScript });
        await sponsor.getByRole('link', { name: 'Become a sponsor of LocalGovCamp 2027' }).click();
        await expect.poll(() => sponsor.getByRole('heading', { name: 'Lunch sponsor: £1,500' }).count()).toBe(1);
        expect(await sponsor.getByText('1 of 1 left').count()).toBe(1);
        await expectNoAxeViolations(sponsor, { javaScript });

        // A mistake first, to see the error summary.
        await sponsor.getByRole('button', { name: 'Sign up as a sponsor' }).click();
        await expect.poll(() => sponsor.getByRole('heading', { name: 'There is a problem' }).count()).toBe(1);
        await expectNoAxeViolations(sponsor, { javaScript });

        await sponsor.getByLabel('Lunch sponsor, £1,500').check();
        await sponsor.getByLabel('Organisation name').fill('Acme Digital');
        await sponsor.getByLabel('Website').fill('acme.example');
        await sponsor.getByLabel('Contact name').fill('Ada Acme');
        await sponsor.getByLabel('Contact email address').fill('ada@acme.example');
        await sponsor.getByLabel('Contact phone number').fill('01632 960 001');
        await sponsor.getByLabel('Invoicing address').fill('1 Acme Street\nAnytown');
        await sponsor.getByLabel('A short description of your organisation (optional)').fill('We build things for councils.');
        await sponsor.getByLabel('Logo (optional)').setInputFiles({ name: 'acme.png', mimeType: 'image/png', buffer: solidPng(300, 120, [29, 112, 184]) });
        await sponsor.getByLabel('I agree to the sponsor terms on behalf of my organisation').check();
        await sponsor.getByRole('button', { name: 'Sign up as a sponsor' }).click();
        await expect.poll(() => sponsor.getByText('Thank you for signing up.').count()).toBe(1);
        expect(await sponsor.getByRole('img', { name: 'Acme Digital' }).count()).toBe(1);
        await expectNoAxeViolations(sponsor, { javaScript });

        // The email's private link opens the same page.
        await expect.poll(() => smtp.to('ada@acme.example').length, { timeout: 10_000 }).toBe(1);
        const link = smtp.to('ada@acme.example')[0]!.text!.match(/http:\/\/\S+/)![0];
        await sponsor.goto(link.replace('http://campgrid.test', address));
        expect(await sponsor.getByRole('heading', { name: 'Your sponsorship of LocalGovCamp 2027' }).count()).toBe(1);

        // The next sponsor sees the package sold out.
        const next = await (await newContext(browser(), { javaScript, viewport })).newPage();
        await next.goto(`${address}/events/${event.slug}/sponsor`);
        expect(await next.getByText('Sold out').count()).toBe(1);
        expect(await next.getByLabel('Lunch sponsor, £1,500').count()).toBe(0);
        await expectNoAxeViolations(next, { javaScript });
        await next.context().close();

        // The organiser reviews and approves.
        const organiserContext = await newContext(browser(), { javaScript, viewport });
        await signInBrowser(organiserContext, t.app, address, dee);
        const organiser = await organiserContext.newPage();
        await organiser.goto(`${address}/organise/events/${event.slug}`);
        await expectNoAxeViolations(organiser, { javaScript });
        await organiser.getByRole('link', { name: 'Review sponsors' }).click();
        await expect.poll(() => organiser.getByRole('heading', { name: 'Waiting for approval (1)' }).count()).toBe(1);
        await expectNoAxeViolations(organiser, { javaScript });
        await organiser.getByRole('link', { name: 'Acme Digital' }).click();
        await expect.poll(() => organiser.getByRole('button', { name: 'Approve sponsor' }).count()).toBe(1);
        await expectNoAxeViolations(organiser, { javaScript });
        await organiser.getByRole('button', { name: 'Approve sponsor' }).click();
        await expect.poll(() => organiser.getByText('Sponsor approved.').count()).toBe(1);
        await expectNoAxeViolations(organiser, { javaScript });
        await expect.poll(() => smtp.to('ada@acme.example').length, { timeout: 10_000 }).toBe(2);
        expect(smtp.to('ada@acme.example')[1]!.subject).toBe('Your sponsorship of LocalGovCamp 2027 is approved');

        await organiser.getByRole('link', { name: 'Back' }).click();
        await organiser.getByRole('link', { name: 'Sponsor packages' }).click();
        await expectNoAxeViolations(organiser, { javaScript });
        await organiser.getByRole('button', { name: 'Add a package' }).click();
        await expectNoAxeViolations(organiser, { javaScript });

        // The logo shows on the event page.
        const visitor = await (await newContext(browser(), { javaScript, viewport })).newPage();
        await visitor.goto(`${address}/events/${event.slug}`);
        const logo = visitor.getByRole('img', { name: 'Acme Digital' });
        expect(await logo.count()).toBe(1);
        const src = await logo.getAttribute('src');
        const image = await visitor.request.get(`${address}${src}`);
        expect(image.status()).toBe(200);
        expect(image.headers()['content-type']).toBe('image/png');
        expect(await visitor.getByRole('link', { name: 'Acme Digital' }).getAttribute('rel')).toBe('sponsored noopener');
        await expectNoAxeViolations(visitor, { javaScript });
        // A sponsor needs no account: signing up and following their link never signs them in.
        expect((await sponsorContext.cookies()).map((c) => c.name)).not.toContain(sessionCookie);
        await visitor.context().close();
        await organiserContext.close();
        await sponsorContext.close();
      } finally {
        await t?.close();
        await smtp.stop();
      }
    }, 180_000);
  }
});
