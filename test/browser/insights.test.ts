import { expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { describeInBrowser, everyRun, expectNoAxeViolations, newContext, runName, signInBrowser } from '../helpers/browser.ts';
import { afterTheCamp, twoYearsOfCamps } from '../insights/camps.ts';

describeInBrowser('an organiser reads the insights of their camp against last year’s', (browser) => {
  for (const { viewport, javaScript } of everyRun) {
    it(runName(viewport, javaScript), async () => {
      let t: TestApp | undefined;
      try {
        t = await makeApp({}, { clock: new FixedClock(afterTheCamp) });
        const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
        const camps = twoYearsOfCamps(t.db, t.clock.now());
        const context = await newContext(browser(), { javaScript, viewport });
        await signInBrowser(context, t.app, address, camps.owner);
        const page = await context.newPage();

        await page.goto(`${address}/organise/events/${camps.thisYear.slug}`);
        await page.getByRole('link', { name: 'Insights', exact: true }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'Insights', level: 1 }).count()).toBe(1);
        // The chart is an image named by its title; the table beside it has the same figures.
        expect(await page.getByRole('img', { name: 'First-timers against the target of 50%' }).count()).toBe(1);
        const firstTimers = page.getByRole('table', { name: 'First-timers against the target' });
        expect(await firstTimers.getByRole('row').allInnerTexts()).toEqual([
          expect.stringMatching(/^Camp\s+First-timers\s+People coming\s+Share\s+Target$/),
          expect.stringMatching(/^LocalGovCamp 2027\s+2\s+3\s+67%\s+50%$/),
          expect.stringMatching(/^LocalGovCamp 2026\s+1\s+3\s+33%\s+50%$/),
        ]);
        await expectNoAxeViolations(page, { javaScript });

        // The comparison is a form that works without JavaScript.
        await page.getByLabel('Compare with', { exact: true }).selectOption({ label: 'No comparison' });
        await page.getByRole('button', { name: 'Compare' }).click();
        await expect.poll(() => page.getByRole('table', { name: 'First-timers against the target' }).getByRole('row').count()).toBe(2);
        await context.close();
      } finally {
        await t?.close();
      }
    }, 120_000);
  }
});
