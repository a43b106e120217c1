import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/open.ts';
import { demoSlug } from '../../src/demo/seed.ts';
import { findEventBySlug } from '../../src/events/events.ts';
import { loadGrid } from '../../src/grid/model.ts';
import { occupied } from '../../src/grid/editor.ts';
import { latestPublished } from '../../src/grid/published-versions.ts';
import { findPerson } from '../../src/people/people.ts';
import { describeInBrowser, everyRun, expectNoAxeViolations, newContext, runName } from '../helpers/browser.ts';
import { person } from '../helpers/people.ts';
import { demoServer } from '../helpers/demo-server.ts';
import { SmtpCapture } from '../helpers/smtp.ts';

const camp = (env: Record<string, string> = {}) => demoServer({ env });

const sessionFor = (db: Database) => {
  const event = findEventBySlug(db, demoSlug)!;
  const grid = latestPublished(db, event.id)!;
  return { event, grid };
};

describeInBrowser('journeys 5 and 7', (browser) => {

  for (const { viewport, javaScript } of everyRun) {
    it(`journey 5: a facilitator’s session moves after publishing; the change log says so, their calendar updates and they get an email, ${runName(viewport, javaScript)}`, async () => {
      const smtp = new SmtpCapture();
      await smtp.start();
      const t = await camp({ SMTP_URL: smtp.url, MAIL_POLL_SECONDS: '0.2' });
      try {
        const { event, grid } = sessionFor(t.db);
        const model0 = loadGrid(t.db, event);
        const single = (pitchId: number) => (model0.pitches.get(pitchId)?.session.length ?? 1) === 1 && !(model0.pitches.get(pitchId)?.session.needs ?? []).length;
        const session = grid.sessions.find((s) => !s.cancelled && single(s.pitchId) && s.facilitators.some((f) => f.key.startsWith('u')))!;
        const facilitator = findPerson(t.db, Number(session.facilitators.find((f) => f.key.startsWith('u'))!.key.slice(1)))!;

        // The facilitator subscribes to their agenda from /me.
        const facilitatorContext = await newContext(browser(), { javaScript, viewport });
        await t.signIn(facilitatorContext, facilitator);
        const me = await facilitatorContext.newPage();
        await me.goto(`${t.address}/me`);
        await expectNoAxeViolations(me, { javaScript });
        const feedUrl = (await me.getByRole('link', { name: /\/feeds\// }).first().textContent())!.trim().replace('http://campgrid.test', t.address);
        const before = new ICAL.Component(ICAL.parse(await (await fetch(feedUrl)).text()));
        const uid = `session-${session.pitchId}@campgrid.test`;
        const sequenceOf = (calendar: ICAL.Component) => new ICAL.Event(calendar.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('uid') === uid)!).sequence;
        const sequenceBefore = sequenceOf(before);

        // An organiser moves the session to a free place and publishes.
        const organiserContext = await newContext(browser(), { javaScript, viewport });
        await t.signIn(organiserContext, person(t.db, 'organiser@demo.campgrid.example'));
        const organiser = await organiserContext.newPage();
        const model = loadGrid(t.db, event);
        // A place truly free (double sessions cover two slots), in another room from the session's.
        const taken = occupied(model);
        const free = model.days.flatMap((d) => d.slots).flatMap((s) => model.rooms.map((r) => ({ room: r, slot: s }))).find((c) => !taken.has(`${c.room.id}:${c.slot.id}`) && c.room.id !== session.roomId)!;
        await organiser.goto(`${t.address}/organise/events/${demoSlug}/grid/sessions/${session.pitchId}`);
        await expectNoAxeViolations(organiser, { javaScript });
        await organiser.getByLabel('Room').selectOption(String(free.room.id));
        await organiser.getByLabel('Time').selectOption(String(free.slot.id));
        await organiser.getByRole('button', { name: 'Move' }).click();
        await expect.poll(() => organiser.getByText('The grid has been changed.').count()).toBe(1);
        await organiser.getByLabel('A note for the change log (optional)').fill('One session moved to a better room.');
        await organiser.getByRole('button', { name: 'Publish the grid' }).click();
        await expect.poll(() => organiser.getByText('The grid is published.').count()).toBe(1);

        // The change log says so.
        await me.goto(`${t.address}/events/${demoSlug}/grid/changes`);
        await expectNoAxeViolations(me, { javaScript });
        expect(await me.getByText(`Moved: “${session.title}”`, { exact: false }).count()).toBeGreaterThan(0);
        // Their calendar keeps the same UID with a higher SEQUENCE, now in the new room.
        const after = new ICAL.Component(ICAL.parse(await (await fetch(feedUrl)).text()));
        expect(sequenceOf(after)).toBe(sequenceBefore + 1);
        const moved = new ICAL.Event(after.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('uid') === uid)!);
        expect(moved.location).toContain(free.room.name);
        // And they get an email saying what changed.
        await expect.poll(() => smtp.to(facilitator.email).filter((m) => m.subject === `The grid for ${event.name} has changed`).length, { timeout: 10_000 }).toBe(1);
        expect(smtp.to(facilitator.email).find((m) => m.subject === `The grid for ${event.name} has changed`)!.text).toContain(`Moved: “${session.title}”`);
        await facilitatorContext.close();
        await organiserContext.close();
      } finally {
        await t.close();
        await smtp.stop();
      }
    }, 180_000);

    it(`journey 7: after the session its facilitator adds a link, notes and an action; after the day the event page becomes an archive, and a visitor finds them by search, ${runName(viewport, javaScript)}`, async () => {
      const t = await camp();
      try {
        const { grid } = sessionFor(t.db);
        const session = grid.sessions.find((s) => !s.cancelled && s.facilitators.some((f) => f.key.startsWith('u')))!;
        // The day of the camp, once the session has started, for its facilitator.
        t.clock.set(new Date(session.startsAt + 10 * 60_000));
        const facilitator = findPerson(t.db, Number(session.facilitators.find((f) => f.key.startsWith('u'))!.key.slice(1)))!;
        const attendeeContext = await newContext(browser(), { javaScript, viewport });
        await t.signIn(attendeeContext, facilitator);
        const attendee = await attendeeContext.newPage();
        await attendee.goto(`${t.address}/events/${demoSlug}/pitches/${session.pitchId}`);
        await expectNoAxeViolations(attendee, { javaScript });
        await attendee.getByRole('link', { name: 'Add a link (slides, a document, a video)' }).click();
        await attendee.getByLabel('What is it?').fill('Our notes');
        await attendee.getByLabel('Web address').fill('https://notes.example.org/session');
        await attendee.getByRole('button', { name: 'Add a link' }).click();
        await expect.poll(() => attendee.getByRole('link', { name: 'Our notes', exact: true }).count()).toBe(1);
        expect(await attendee.getByRole('link', { name: 'Our notes', exact: true }).getAttribute('rel')).toBe('nofollow ugc');
        // Written notes, and what happens next with an owner's name.
        await attendee.getByRole('link', { name: 'Add notes', exact: true }).click();
        await attendee.getByLabel('Title', { exact: true }).fill('What we heard about bin rounds');
        await attendee.getByLabel('Notes', { exact: true }).fill('Three councils share routing data for quarrybank collections.\nSee https://notes.example.org/bins');
        await attendee.getByRole('button', { name: 'Add notes' }).click();
        await expect.poll(() => attendee.getByText('What we heard about bin rounds').count()).toBeGreaterThan(0);
        await attendee.getByRole('link', { name: 'Add an action (what happens next)' }).click();
        await attendee.getByLabel('What happens next', { exact: true }).fill('Write up the quarrybank routing pilot');
        await attendee.getByLabel('Who will do it (optional)').fill('Priya');
        await attendee.getByRole('button', { name: 'Add an action' }).click();
        await expect.poll(() => attendee.getByText('Write up the quarrybank routing pilot').count()).toBeGreaterThan(0);
        await expectNoAxeViolations(attendee, { javaScript });

        // After the day, an organiser archives the event.
        t.clock.set(new Date(session.endsAt + 3 * 24 * 3_600_000));
        const organiserContext = await newContext(browser(), { javaScript, viewport });
        await t.signIn(organiserContext, person(t.db, 'organiser@demo.campgrid.example'));
        const organiser = await organiserContext.newPage();
        await organiser.goto(`${t.address}/organise/events/${demoSlug}`);
        await organiser.getByRole('button', { name: 'Archive event' }).click();
        await expect.poll(() => organiser.getByText('The event is archived').count()).toBe(1);
        await expectNoAxeViolations(organiser, { javaScript });

        // The public sees the record of the day: the archive notice, the grid and the notes.
        const visitorContext = await newContext(browser(), { javaScript, viewport });
        const visitor = await visitorContext.newPage();
        await visitor.goto(`${t.address}/`);
        expect(await visitor.getByRole('heading', { name: 'Past camps' }).count()).toBe(1);
        await visitor.goto(`${t.address}/events/${demoSlug}`);
        expect(await visitor.getByText('This camp is over. This page is kept as its record.').count()).toBe(1);
        await expectNoAxeViolations(visitor, { javaScript });
        await visitor.goto(`${t.address}/events/${demoSlug}/pitches/${session.pitchId}`);
        expect(await visitor.getByRole('link', { name: 'Our notes', exact: true }).count()).toBe(1);
        await expectNoAxeViolations(visitor, { javaScript });
        // Anyone finds what the session made by searching every camp's outputs.
        await visitor.goto(`${t.address}/outputs`);
        await visitor.getByLabel('Search titles, notes and actions').fill('quarrybank');
        await visitor.getByRole('button', { name: 'Search', exact: true }).click();
        await expect.poll(() => visitor.getByRole('link', { name: 'What we heard about bin rounds' }).count()).toBeGreaterThan(0);
        expect(await visitor.getByText('Write up the quarrybank routing pilot').count()).toBeGreaterThan(0);
        await expectNoAxeViolations(visitor, { javaScript });
        await attendeeContext.close();
        await organiserContext.close();
        await visitorContext.close();
      } finally {
        await t.close();
      }
    }, 180_000);
  }
});
