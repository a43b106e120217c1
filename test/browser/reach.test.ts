import { expect, it } from 'vitest';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { describeInBrowser, everyRun, expectNoAxeViolations, newContext, runName, signInBrowser } from '../helpers/browser.ts';
import { person } from '../helpers/people.ts';
import { afterTheCamp, campOfTwelve } from '../reach/camp.ts';

describeInBrowser('an administrator reads the councils never reached, and a visitor a camp’s open reach figures', (browser) => {
  for (const { viewport, javaScript } of everyRun) {
    it(runName(viewport, javaScript), async () => {
      let t: TestApp | undefined;
      try {
        t = await makeApp();
        campOfTwelve(t.db, t.clock.now());
        t.clock.set(afterTheCamp);
        const address = await t.app.listen({ port: 0, host: '127.0.0.1' });

        const admin = await newContext(browser(), { javaScript, viewport });
        await signInBrowser(admin, t.app, address, person(t.db, 'owner@example.org', { administrator: true }));
        const page = await admin.newPage();
        await page.goto(`${address}/organise`);
        await page.getByRole('link', { name: 'Councils reached and never reached' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'Councils reached and never reached', level: 1 }).count()).toBe(1);
        expect(await page.getByRole('img', { name: /^Map of the UK/ }).count()).toBe(1);
        await page.getByLabel('Nation', { exact: true }).selectOption('Wales');
        await page.getByLabel('Reached', { exact: true }).selectOption('never');
        await page.getByRole('button', { name: 'Show councils' }).click();
        await expect.poll(() => page.getByText('0 of 21 councils in this list reached; 21 never reached').count()).toBe(1);
        expect(await page.getByRole('rowheader', { name: 'Isle of Anglesey County Council' }).count()).toBe(1);
        expect(await page.getByRole('rowheader', { name: 'City of Cardiff Council' }).count()).toBe(0);
        await expectNoAxeViolations(page, { javaScript });
        await admin.close();

        const visitor = await newContext(browser(), { javaScript, viewport });
        const reach = await visitor.newPage();
        await reach.goto(`${address}/events/localgovcamp-2027`);
        await reach.getByRole('link', { name: 'Who the camp reached' }).click();
        await expect.poll(() => reach.getByRole('heading', { name: 'Who the camp reached', level: 1 }).count()).toBe(1);
        expect(await reach.getByRole('definition').filter({ hasText: 'fewer than 5' }).count()).toBeGreaterThan(0);
        expect(await reach.getByRole('rowheader', { name: 'Wales' }).count()).toBe(1);
        expect(await reach.getByRole('listitem').filter({ hasText: 'London Borough of Camden' }).count()).toBe(1);
        await expectNoAxeViolations(reach, { javaScript });
        await visitor.close();
      } finally {
        await t?.close();
      }
    }, 120_000);
  }
});
