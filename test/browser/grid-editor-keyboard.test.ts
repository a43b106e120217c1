import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demoSlug } from '../../src/demo/seed.ts';
import { findEventBySlug } from '../../src/events/events.ts';
import { timeRange } from '../../src/events/local-time.ts';
import { occupied } from '../../src/grid/editor.ts';
import { loadGrid, type GridModel } from '../../src/grid/model.ts';
import { currentProposal } from '../../src/grid/plan.ts';
import { latestPublished } from '../../src/grid/published-versions.ts';
import { describeInBrowser, everyRun, expectNoAxeViolations, newContext, runName } from '../helpers/browser.ts';
import { chooseWithArrows, hasFocus, skipToMain, tabTo } from '../helpers/keyboard.ts';
import { demoServer } from '../helpers/demo-server.ts';
import { person } from '../helpers/people.ts';

describeInBrowser('the organiser grid editor, by keyboard alone', (browser) => {

  for (const { viewport, javaScript } of everyRun) {
    it(`proposes and uses a grid, pins, moves, swaps, takes off, undoes and publishes with a note, ${runName(viewport, javaScript)}`, async () => {
      const { db, address, signIn, close } = await demoServer({ morning: true });
      try {
        const event = findEventBySlug(db, demoSlug)!;
        const context = await newContext(browser(), { javaScript, viewport });
        await signIn(context, person(db, 'organiser@demo.campgrid.example'));
        const page = await context.newPage();
        const check = (p: Page) => expectNoAxeViolations(p, { javaScript });
        const grid = () => loadGrid(db, event);
        const placementOf = (pitchId: number) => grid().placements.find((p) => p.pitchId === pitchId);
        const titleOf = (model: GridModel, pitchId: number) => model.pitches.get(pitchId)!.title;
        const press = (key: string) => page.keyboard.press(key);

        /**
         * After each change the editor says what happened. With JavaScript GOV.UK's banner takes
         * focus, so it is announced and Tab goes on from it; without, focus starts at the top,
         * where the skip link leads straight to it: the first thing in the main content.
         */
        const expectDone = async (message: string) => {
          const banner = page.getByRole('alert').filter({ hasText: message });
          await expect.poll(() => banner.count()).toBe(1);
          if (javaScript) {
            await expect.poll(() => hasFocus(banner)).toBe(true);
          } else {
            await skipToMain(page);
            expect(await page.getByRole('main').evaluate((main) => main.firstElementChild?.getAttribute('role'))).toBe('alert');
          }
          await check(page);
        };
        /** From the editor, Tab to a session on the grid and open it; its page opens with focus at the top. */
        const openSession = async (title: string) => {
          await tabTo(page, page.getByRole('link', { name: title, exact: true }));
          await press('Enter');
          await expect.poll(() => page.getByRole('heading', { name: title, level: 1 }).count()).toBe(1);
          await check(page);
          await skipToMain(page);
        };

        await page.goto(`${address}/organise/events/${demoSlug}/grid`);
        await check(page);
        await skipToMain(page);

        // Propose a grid (the scheduler may move everything not pinned) and use it.
        const mode = page.getByRole('radio', { name: 'Everything that is not pinned' });
        await tabTo(page, mode);
        expect(await mode.isChecked()).toBe(true);
        await tabTo(page, page.getByRole('button', { name: 'Propose a grid' }), { max: 1 });
        await press('Enter');
        await expectDone('The scheduler has proposed a grid: see below.');
        expect(currentProposal(db, event.id)).not.toBeNull();
        expect(await page.getByRole('heading', { name: 'The scheduler’s proposal' }).count()).toBe(1);
        await tabTo(page, page.getByRole('button', { name: 'Use this grid' }));
        await press('Enter');
        await expectDone('The scheduler’s grid is now the draft. You can undo it.');
        const proposed = grid();
        expect(proposed.placements.length).toBeGreaterThan(30);

        // The sessions of the first day, in the order they are on the page: by time, then room.
        const firstDay = proposed.days[0]!;
        const onFirstDay = firstDay.slots.flatMap((s) => proposed.rooms.map((r) => proposed.placements.find((p) => p.slotId === s.id && p.roomId === r.id)).filter((p) => p !== undefined));
        const single = (pitchId: number) => (proposed.pitches.get(pitchId)!.session.length ?? 1) === 1 && !(proposed.pitches.get(pitchId)!.session.needs ?? []).length;
        const singles = onFirstDay.slice(1).filter((p) => single(p.pitchId));
        expect(singles.length).toBeGreaterThanOrEqual(4);
        const pinned = onFirstDay[0]!;
        const [mover, swapA, swapB, takenOff] = [singles[0]!, singles[1]!, singles[2]!, singles[3]!];

        // Pin the first session on the grid where it is.
        await openSession(titleOf(proposed, pinned.pitchId));
        await tabTo(page, page.getByRole('button', { name: 'Pin it here' }));
        await press('Enter');
        await expectDone('The grid has been changed.');
        expect(placementOf(pinned.pitchId)).toMatchObject({ roomId: pinned.roomId, slotId: pinned.slotId, pinned: true });

        // Move a session to a place that is truly free (double sessions cover two slots).
        const beforeMove = grid();
        const taken = occupied(beforeMove);
        const free = beforeMove.days.flatMap((d) => d.slots.map((s) => ({ day: d, slot: s }))).flatMap((c) => beforeMove.rooms.map((room) => ({ ...c, room }))).find((c) => !taken.has(`${c.room.id}:${c.slot.id}`))!;
        await openSession(titleOf(beforeMove, mover.pitchId));
        const room = page.getByLabel('Room');
        await tabTo(page, room);
        await chooseWithArrows(page, room, `${free.room.name} (`);
        const time = page.getByLabel('Time');
        await tabTo(page, time, { max: 1 });
        await chooseWithArrows(page, time, `${free.day.label}, ${timeRange(free.slot.startsAt, free.slot.endsAt, event.timeZone)}`);
        await tabTo(page, page.getByRole('button', { name: 'Move', exact: true }), { max: 1 });
        await press('Enter');
        await expectDone('The grid has been changed.');
        expect(placementOf(mover.pitchId)).toMatchObject({ roomId: free.room.id, slotId: free.slot.id });

        // Swap two sessions.
        const beforeSwap = grid();
        await openSession(titleOf(beforeSwap, swapA.pitchId));
        const other = page.getByLabel('Swap with');
        await tabTo(page, other);
        await chooseWithArrows(page, other, `${titleOf(beforeSwap, swapB.pitchId)} (`);
        await tabTo(page, page.getByRole('button', { name: 'Swap', exact: true }), { max: 1 });
        await press('Enter');
        await expectDone('The grid has been changed.');
        expect(placementOf(swapA.pitchId)).toMatchObject({ roomId: swapB.roomId, slotId: swapB.slotId });
        expect(placementOf(swapB.pitchId)).toMatchObject({ roomId: swapA.roomId, slotId: swapA.slotId });

        // Take a session off the grid: it is listed as not on the grid.
        const offTitle = titleOf(grid(), takenOff.pitchId);
        await openSession(offTitle);
        await tabTo(page, page.getByRole('button', { name: 'Take it off the grid' }));
        await press('Enter');
        await expectDone('The grid has been changed.');
        expect(placementOf(takenOff.pitchId)).toBeUndefined();
        expect(await page.getByRole('list').filter({ has: page.getByRole('link', { name: offTitle, exact: true }) }).count()).toBe(1);

        // Undo puts it back where it was.
        await tabTo(page, page.getByRole('button', { name: 'Undo: take a session off the grid' }));
        await press('Enter');
        await expectDone('The last change has been undone.');
        expect(placementOf(takenOff.pitchId)).toMatchObject({ roomId: takenOff.roomId, slotId: takenOff.slotId });

        // Publish with a note for the change log.
        const note = page.getByLabel('A note for the change log (optional)');
        await tabTo(page, note);
        await page.keyboard.type('Welcome to the camp! Lunch is at 12:30.');
        await tabTo(page, page.getByRole('button', { name: 'Publish the grid' }), { max: 1 });
        await press('Enter');
        await expectDone('The grid is published.');
        const published = latestPublished(db, event.id)!;
        expect(published).toMatchObject({ version: 1, note: 'Welcome to the camp! Lunch is at 12:30.' });
        expect(published.sessions.filter((s) => !s.cancelled)).toHaveLength(grid().placements.length);
        expect(published.sessions.find((s) => s.pitchId === mover.pitchId)).toMatchObject({ roomId: free.room.id });
        await context.close();
      } finally {
        await close();
      }
    }, 180_000);
  }
});
