import { expect, it } from 'vitest';
import { changeEventStatus } from '../../src/events/events.ts';
import { placePitch } from '../../src/grid/editor.ts';
import { loadGrid } from '../../src/grid/model.ts';
import { pitches } from '../../src/pitches/pitches.table.ts';
import { pitchSession } from '../../src/pitches/pitches.ts';
import { accessNeedsOf } from '../../src/tickets/access-needs.ts';
import { linksFor, manageLink } from '../../src/tickets/manage-links.ts';
import { registrationAccessNeeds } from '../../src/tickets/tickets.table.ts';
import { makeApp, testNow } from '../helpers/app.ts';
import { placeFor, registeredAttendee } from '../helpers/attendees.ts';
import { describeInBrowser, everyRun, expectNoAxeViolations, newContext, runName, signInBrowser } from '../helpers/browser.ts';
import { twoDayCamp } from '../helpers/camp.ts';
import { ticketType } from '../helpers/tickets.ts';

describeInBrowser('days, access needs and the end of a camp', (browser) => {
  for (const { viewport, javaScript } of everyRun) {
    it(`ticks access needs, takes a desk pitch for a day, warns on release and in the editor, and closes an archived camp, ${runName(viewport, javaScript)}`, async () => {
      const t = await makeApp();
      try {
        const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
        const camp = twoDayCamp(t.db, testNow);
        ticketType(t.db, testNow, camp.event, { capacity: 10 });

        // A newcomer registers, ticking step-free access.
        const visitor = await (await newContext(browser(), { javaScript, viewport })).newPage();
        await visitor.goto(`${address}/events/localgovcamp-2027/register`);
        await visitor.getByLabel('Your name').fill('Wen Li');
        await visitor.getByLabel('Email address', { exact: true }).fill('wen@example.org');
        await visitor.getByLabel('Citizen').check();
        await visitor.getByRole('group', { name: 'Is this your first camp?' }).getByLabel('Yes').check();
        await visitor.getByRole('group', { name: 'Do you need any of these? (optional)' }).getByLabel('Step-free access (no stairs)').check();
        await expectNoAxeViolations(visitor, { javaScript });
        await visitor.getByLabel('I agree to the code of conduct').check();
        await visitor.getByRole('button', { name: 'Register' }).click();
        await expect.poll(() => visitor.getByRole('heading', { name: 'Check your email' }).count()).toBe(1);
        expect(accessNeedsOf(t.db, t.db.select().from(registrationAccessNeeds).get()!.registrationId)).toEqual(['step-free']);

        // The desk takes a pitch that must be on Saturday.
        const desk = await newContext(browser(), { javaScript, viewport });
        await signInBrowser(desk, t.app, address, camp.organiser);
        const deskPage = await desk.newPage();
        await deskPage.goto(`${address}/organise/events/localgovcamp-2027/pitch-desk`);
        await deskPage.getByLabel('Title').fill('Saturday only');
        await deskPage.getByLabel('Facilitator’s name').fill('Sam');
        await deskPage.getByLabel('Day', { exact: true }).selectOption({ label: 'Camp day, 2027-06-19' });
        await deskPage.getByLabel('It must be on this day').check();
        await expectNoAxeViolations(deskPage, { javaScript });
        await deskPage.getByRole('button', { name: 'Save pitch' }).click();
        await expect.poll(() => deskPage.getByText('Pitch 1 saved: Saturday only').count()).toBe(1);
        const taken = t.db.select().from(pitches).get()!;
        expect(taken).toMatchObject({ pinnedDayId: camp.saturday.id, preferredDayId: null });

        // Placed on Friday, the editor says it must be on Saturday.
        placePitch(t.db, testNow, camp.event, 0, { pitchId: taken.id, roomId: loadGrid(t.db, camp.event).rooms[0]!.id, slotId: camp.fridaySlots[0]!.id });
        await deskPage.goto(`${address}/organise/events/localgovcamp-2027/grid`);
        await expect.poll(() => deskPage.getByText('“Saturday only” must be on Camp day, Saturday 19 June 2027').count()).toBe(1);
        await expectNoAxeViolations(deskPage, { javaScript });

        // Releasing a place warns which session loses its facilitator.
        const ana = registeredAttendee(t.db, camp.event, 'ana@example.org', { dayIds: [camp.friday.id] });
        const saturday = placeFor(t.db, camp.event, ana, { dayIds: [camp.saturday.id] });
        pitchSession(t.db, testNow, { event: camp.event, person: ana, details: { title: 'Ana’s Saturday session', description: '', format: 'discussion', needs: [], doubleLength: false, preferredDayId: camp.saturday.id, unavailableSlotIds: [], coFacilitators: [] }, baseUrl: '' });
        const releasing = await (await newContext(browser(), { javaScript, viewport })).newPage();
        await releasing.goto(`${address}${new URL(manageLink(linksFor(t.config), saturday)).pathname}/release`);
        expect(await releasing.getByText('You run a session that would lose a facilitator.').count()).toBe(1);
        expect(await releasing.getByRole('listitem').filter({ hasText: 'Ana’s Saturday session' }).count()).toBe(1);
        await expectNoAxeViolations(releasing, { javaScript });

        // Archived, the camp says it is over and offers nothing to do.
        changeEventStatus(t.db, testNow, camp.event.id, 'archived');
        const attendee = await newContext(browser(), { javaScript, viewport });
        await signInBrowser(attendee, t.app, address, ana);
        const over = await attendee.newPage();
        await over.goto(`${address}/events/localgovcamp-2027`);
        expect(await over.getByText('This camp is over.').count()).toBe(1);
        await expectNoAxeViolations(over, { javaScript });
        await over.getByRole('link', { name: 'Pitches' }).first().click();
        await expect.poll(() => over.getByText('This camp is over. Pitching and “I’d go” are closed').count()).toBe(1);
        expect(await over.getByRole('button', { name: 'Pitch a session' }).count()).toBe(0);
        expect(await over.getByRole('button', { name: /I’d go/ }).count()).toBe(0);
        await expectNoAxeViolations(over, { javaScript });
      } finally {
        await t.close();
      }
    }, 180_000);
  }
});
