import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demoSlug } from '../../src/demo/seed.ts';
import { findEventBySlug } from '../../src/events/events.ts';
import { loadGrid } from '../../src/grid/model.ts';
import { occupied } from '../../src/grid/editor.ts';
import { timeRange } from '../../src/events/local-time.ts';
import { describeInBrowser, everyRun, expectNoAxeViolations, newContext, runName } from '../helpers/browser.ts';
import { demoServer } from '../helpers/demo-server.ts';
import { person } from '../helpers/people.ts';

describeInBrowser('journey 4: the morning grid, built, pinned, moved by keyboard, published and seen by attendees', (browser) => {

  for (const { viewport, javaScript } of everyRun) {
    it(`works ${runName(viewport, javaScript)}, with no accessibility violations`, async () => {
      const { db, address, signIn, close } = await demoServer({ morning: true });
      try {
        const event = findEventBySlug(db, demoSlug)!;
        const organiser = person(db, 'organiser@demo.campgrid.example');
        const context = await newContext(browser(), { javaScript, viewport });
        await signIn(context, organiser);
        const page = await context.newPage();
        const check = (p: Page) => expectNoAxeViolations(p, { javaScript });

        await page.goto(`${address}/organise/events/${demoSlug}/grid`);
        await check(page);
        await page.getByRole('button', { name: 'Propose a grid' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'The scheduler’s proposal' }).count()).toBe(1);
        expect(await page.getByText(/so this is within \d+ of the best possible/).count()).toBe(1);
        await check(page);
        await page.getByRole('button', { name: 'Use this grid' }).click();
        await expect.poll(() => page.getByText('The scheduler’s grid is now the draft.').count()).toBe(1);
        await check(page);

        // Pin two sessions.
        const placed = loadGrid(db, event).placements;
        for (const p of placed.slice(0, 2)) {
          const title = loadGrid(db, event).pitches.get(p.pitchId)!.title;
          await page.getByRole('link', { name: title, exact: true }).first().click();
          await check(page);
          await page.getByRole('button', { name: 'Pin it here' }).click();
          await expect.poll(() => page.getByText('The grid has been changed.').count()).toBe(1);
          // Also waits for the stylesheet: until it loads, a phone shows the grid's table as well as its list.
          await check(page);
        }
        expect(loadGrid(db, event).placements.filter((p) => p.pinned)).toHaveLength(2);

        // Move a third session to a free place using only the keyboard.
        const model = loadGrid(db, event);
        const mover = model.placements.find((p) => !p.pinned && (model.pitches.get(p.pitchId)!.session.length ?? 1) === 1 && !(model.pitches.get(p.pitchId)!.session.needs ?? []).length)!;
        // Truly free: double sessions cover two slots.
        const taken = occupied(model);
        const allSlots = model.days.flatMap((d) => d.slots);
        const target = allSlots.flatMap((s) => model.rooms.map((r) => ({ room: r, slot: s }))).find((c) => !taken.has(`${c.room.id}:${c.slot.id}`))!;
        const moverTitle = model.pitches.get(mover.pitchId)!.title;
        await page.getByRole('link', { name: moverTitle, exact: true }).first().focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => page.getByRole('heading', { name: moverTitle, level: 1 }).count()).toBe(1);
        await page.getByLabel('Room').focus();
        await page.keyboard.press('Home');
        for (let i = 0; i < model.rooms.findIndex((r) => r.id === target.room.id); i++) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Home');
        for (let i = 0; i < allSlots.findIndex((s) => s.id === target.slot.id); i++) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.getByText('The grid has been changed.').count()).toBe(1);
        expect(loadGrid(db, event).placements.find((p) => p.pitchId === mover.pitchId)).toMatchObject({ roomId: target.room.id, slotId: target.slot.id });
        await check(page);

        await page.getByLabel('A note for the change log (optional)').fill('Welcome to the camp!');
        await page.getByRole('button', { name: 'Publish the grid' }).click();
        await expect.poll(() => page.getByText('The grid is published.').count()).toBe(1);

        // An attendee sees the session in its new room, its page, and now & next.
        const attendee = await newContext(browser(), { javaScript, viewport });
        const visitor = await attendee.newPage();
        await visitor.goto(`${address}/events/${demoSlug}/grid?day=${model.days.find((d) => d.id === target.slot.dayId)!.date}`);
        await check(visitor);
        const time = timeRange(target.slot.startsAt, target.slot.endsAt, event.timeZone);
        if (viewport === 'phone') {
          // On a phone the grid is a list by time: the session under its time, with its room.
          expect(await visitor.getByRole('table').count()).toBe(0);
          const item = visitor.getByRole('listitem').filter({ hasText: moverTitle });
          expect(await item.count()).toBe(1);
          expect(await item.textContent()).toContain(target.room.name);
          const list = visitor.getByRole('list').filter({ has: item });
          expect(await visitor.getByRole('heading', { name: time }).count()).toBe(1);
          expect(await visitor.getByRole('heading', { name: time }).evaluate((h, l) => h.nextElementSibling === l, await list.elementHandle())).toBe(true);
        } else {
          // On a wide screen it is a table: the session in its room's column and its time's row.
          expect(await visitor.getByRole('table').count()).toBe(1);
          const row = visitor.getByRole('row').filter({ has: visitor.getByRole('link', { name: moverTitle }) });
          expect(await row.getByRole('rowheader').textContent()).toContain(time);
          const cells = await row.getByRole('cell').allTextContents();
          const columns = await visitor.getByRole('columnheader').allTextContents();
          expect(columns[cells.findIndex((c) => c.includes(moverTitle)) + 1]).toBe(target.room.name);
        }
        await visitor.getByRole('link', { name: moverTitle }).click();
        await expect.poll(() => visitor.getByRole('heading', { name: 'When and where' }).count()).toBe(1);
        expect(await visitor.getByText(target.room.name).count()).toBeGreaterThan(0);
        await check(visitor);
        await visitor.goto(`${address}/events/${demoSlug}/now`);
        await check(visitor);
        await visitor.goto(`${address}/events/${demoSlug}/grid/changes`);
        expect(await visitor.getByText('Welcome to the camp!').count()).toBe(1);
        await check(visitor);
        await attendee.close();
        await context.close();
      } finally {
        await close();
      }
    }, 180_000);
  }
});
