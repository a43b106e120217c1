import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registrations } from '../../src/tickets/tickets.table.ts';
import { demoSlug, seedDemoCamp } from '../../src/demo/seed.ts';
import { findEventBySlug } from '../../src/events/events.ts';
import { slotsOfDay } from '../../src/events/days.ts';
import { roomsOf } from '../../src/events/rooms.ts';
import { timetableOf } from '../../src/events/timetable.ts';
import { Agent, errorSummary, inputValue } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { person, signedInAgent } from '../helpers/people.ts';

const campForm = {
  name: 'LocalGovCamp 2027',
  slug: 'localgovcamp-2027',
  summary: 'The unconference for local government',
  description: 'Pitch on the morning.',
  timeZone: 'Europe/London',
  venueName: 'Civic Hall',
  venueAddress: '1 Market Street',
  travelInformation: '',
  accessInformation: 'Step-free throughout',
  codeOfConduct: 'Be kind.',
  reconfirmDaysBefore: '',
  needsKeptForDays: '30',
};

describe('organisers setting up a camp through the website', () => {
  let t: TestApp;
  let admin: Agent;
  beforeEach(async () => {
    t = await makeApp();
    admin = await signedInAgent(t.app, person(t.db, 'ana@example.org', { administrator: true }));
  });
  afterEach(async () => t.close());

  it('creates a two-day camp with rooms and generated slots, publishes it, and the public sees it', async () => {
    const created = await admin.post('/organise/events/new', campForm);
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/organise/events/localgovcamp-2027?done=created');
    const base = '/organise/events/localgovcamp-2027';

    for (const [day, label] of [['18', 'Makers day'], ['19', 'Camp day']] as const) {
      const added = await admin.post(`${base}/days/new`, { 'date-day': day, 'date-month': '6', 'date-year': '2027', label, opens: '9:00', closes: '17:30' });
      expect(added.statusCode).toBe(303);
      const slotsPath = (added.headers.location as string).split('?')[0]!;
      const generated = await admin.post(`${slotsPath}/generate`, {
        pitchingStarts: '09:30', pitchingMinutes: '30', firstSessionStarts: '10:00', sessionMinutes: '45', changeoverMinutes: '15', sessionCount: '5', lunchStarts: '12:30', lunchMinutes: '45',
      });
      expect(generated.statusCode).toBe(303);
    }
    for (const [name, capacity, features] of [['Main hall', '120', ['step-free', 'projector', 'hearing-loop']], ['Room 2', '30', ['quiet']]] as const) {
      expect((await admin.post(`${base}/rooms/new`, { name, capacity, features: [...features], notes: '', displayOrder: '' })).statusCode).toBe(303);
    }
    expect((await admin.post(`${base}/status`, { status: 'published' })).statusCode).toBe(303);

    const event = findEventBySlug(t.db, 'localgovcamp-2027')!;
    expect(event.status).toBe('published');
    expect(timetableOf(t.db, event.id).map((d) => [d.day.label, d.slots.length])).toEqual([['Makers day', 7], ['Camp day', 7]]);
    expect(roomsOf(t.db, event.id).map((r) => [r.name, r.capacity, r.features])).toEqual([
      ['Main hall', 120, ['step-free', 'projector', 'hearing-loop']],
      ['Room 2', 30, ['quiet']],
    ]);

    const visitor = new Agent(t.app);
    const home = await visitor.get('/');
    expect(home.body).toContain('<a class="govuk-link" href="/events/localgovcamp-2027">LocalGovCamp 2027</a>');
    expect(home.body).toContain('18 to 19 June 2027');
    const page = await visitor.get('/events/localgovcamp-2027');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Makers day: Friday 18 June 2027');
    expect(page.body).toContain('Camp day: Saturday 19 June 2027');
    expect(page.body).toContain('<th scope="row" class="govuk-table__header">10am to 10:45am</th>');
    expect(page.body).toContain('Main hall (120 people): Step-free access, Projector or screen, Hearing loop');
  });

  it('re-renders the event form with what was typed and every problem listed in field order', async () => {
    const response = await admin.post('/organise/events/new', { ...campForm, name: '', slug: 'Local Gov Camp!', timeZone: 'Mars/Olympus', summary: 's'.repeat(281) });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Enter the event’s name',
      'Web address can only use lower-case letters, numbers and single hyphens, like localgovcamp-2027',
      'Summary must be 280 characters or fewer',
      'Enter a time zone from the list, like Europe/London or Europe/Dublin',
    ]);
    expect(inputValue(response.body, 'slug')).toBe('Local Gov Camp!');
    expect(inputValue(response.body, 'timeZone')).toBe('Mars/Olympus');
    expect(response.body).toContain('<a href="#slug">');
    expect(response.body).toContain('class="govuk-input govuk-input--width-20 govuk-input--error" id="slug"');
  });

  it('says when a web address is taken, keeping the rest of the form', async () => {
    await admin.post('/organise/events/new', campForm);
    const again = await admin.post('/organise/events/new', { ...campForm, name: 'Another camp' });
    expect(again.statusCode).toBe(400);
    expect(errorSummary(again.body)).toEqual(['Another event already uses this web address; choose another']);
    expect(inputValue(again.body, 'name')).toBe('Another camp');
  });

  it('explains days with impossible dates or times', async () => {
    await admin.post('/organise/events/new', campForm);
    const base = '/organise/events/localgovcamp-2027';
    const bad = await admin.post(`${base}/days/new`, { 'date-day': '31', 'date-month': '2', 'date-year': '2027', label: '', opens: '25:00', closes: 'noon' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['The date must be a real date, like 19 6 2027', 'Enter a time like 10:00 or 14:30', 'Enter a time like 10:00 or 14:30']);
    expect(inputValue(bad.body, 'date-day')).toBe('31');
    const empty = await admin.post(`${base}/days/new`, { 'date-day': '', 'date-month': '', 'date-year': '', opens: '', closes: '' });
    expect(errorSummary(empty.body)).toEqual(['Enter the date of the day', 'Enter when the day opens', 'Enter when the day closes']);
  });

  it('explains rooms and slots that break the rules', async () => {
    await admin.post('/organise/events/new', campForm);
    const base = '/organise/events/localgovcamp-2027';
    const room = await admin.post(`${base}/rooms/new`, { name: '', capacity: '0', features: ['jacuzzi'] });
    expect(errorSummary(room.body)).toEqual(['Enter the room’s name', 'Capacity must be between 1 and 10,000', 'Choose from the options given']);
    const notNumber = await admin.post(`${base}/rooms/new`, { name: 'Hall', capacity: 'lots' });
    expect(errorSummary(notNumber.body)).toEqual(['Capacity must be a whole number, like 40']);

    const day = await admin.post(`${base}/days/new`, { 'date-day': '19', 'date-month': '6', 'date-year': '2027', opens: '09:00', closes: '17:00' });
    const slotsPath = (day.headers.location as string).split('?')[0]!;
    await admin.post(slotsPath, { kind: 'session', starts: '10:00', ends: '10:45' });
    const overlap = await admin.post(slotsPath, { kind: 'session', starts: '10:30', ends: '11:00', label: 'Clash' });
    expect(overlap.statusCode).toBe(400);
    expect(errorSummary(overlap.body)).toEqual(['This overlaps another session slot on the same day']);
    expect(inputValue(overlap.body, 'label')).toBe('Clash');
    const noKind = await admin.post(slotsPath, { starts: '11:00', ends: '11:45' });
    expect(errorSummary(noKind.body)).toEqual(['Choose what kind of slot this is']);
    const regenerate = await admin.post(`${slotsPath}/generate`, { pitchingStarts: '', pitchingMinutes: '30', firstSessionStarts: '10:00', sessionMinutes: '45', changeoverMinutes: '15', sessionCount: '3', lunchStarts: '', lunchMinutes: '45' });
    expect(errorSummary(regenerate.body)).toEqual(['This day already has slots. Tick the box to replace them, or go back']);
    const replaced = await admin.post(`${slotsPath}/generate`, { pitchingStarts: '', pitchingMinutes: '30', firstSessionStarts: '10:00', sessionMinutes: '45', changeoverMinutes: '15', sessionCount: '3', lunchStarts: '', lunchMinutes: '45', replace: 'yes' });
    expect(replaced.statusCode).toBe(303);
    const dayId = Number(slotsPath.split('/')[5]);
    expect(slotsOfDay(t.db, dayId)).toHaveLength(3);
  });

  it('orders the event’s page by the camp’s life, from details to the grid, with archive and return to draft last', async () => {
    seedDemoCamp(t.db, t.clock.now(), t.config.baseUrl, t.config.dataDir);
    const page = (await admin.get(`/organise/events/${demoSlug}`)).body;
    const headings = [...page.matchAll(/<h2 class="govuk-heading-l"[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['Details', 'Team', 'Days and slots', 'Rooms', 'Sponsors', 'Tickets and attendees', 'Pitches', 'Grid', 'The event’s status']);
    const buttons = [...page.matchAll(/<button type="submit" class="govuk-button[^"]*"[^>]*>([^<]+)<\/button>/g)].map((m) => m[1]);
    expect(buttons.slice(-2)).toEqual(['Archive event', 'Return to draft']);
    expect(page.indexOf('Return to draft')).toBeGreaterThan(page.indexOf('Build and publish the grid'));
  });

  it('shows an attendee’s status in words: “In the ballot”, not the stored “entered”', async () => {
    seedDemoCamp(t.db, t.clock.now(), t.config.baseUrl, t.config.dataDir);
    const entry = t.db.select().from(registrations).where(eq(registrations.status, 'entered')).get()!;
    const page = (await admin.get(`/organise/events/${demoSlug}/attendees/${entry.id}`)).body;
    expect(page).toMatch(/<dt class="govuk-summary-list__key">Status<\/dt><dd class="govuk-summary-list__value">In the ballot</);
    expect(page).not.toContain('>entered');
  });

  it('refuses to publish an event with no days, saying why', async () => {
    await admin.post('/organise/events/new', campForm);
    const response = await admin.post('/organise/events/localgovcamp-2027/status', { status: 'published' });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Add at least one day before publishing the event']);
  });

  it('lets the owner invite a co-organiser, who is emailed and can then organise it', async () => {
    await admin.post('/organise/events/new', campForm);
    const invited = await admin.post('/organise/events/localgovcamp-2027/team', { email: 'bo@example.org', role: 'organiser' });
    expect(invited.statusCode).toBe(303);
    expect(outboxMessages(t.db).at(-1)!.toAddress).toBe('bo@example.org');
    const bo = await signedInAgent(t.app, person(t.db, 'bo@example.org'));
    expect((await bo.get('/organise/events/localgovcamp-2027/edit')).statusCode).toBe(200);
    // Organisers set up; only owners manage the team.
    expect((await bo.post('/organise/events/localgovcamp-2027/team', { email: 'cy@example.org', role: 'owner' })).statusCode).toBe(403);
  });

  it('shows a draft event to its team and to nobody else', async () => {
    await admin.post('/organise/events/new', campForm);
    expect((await admin.get('/events/localgovcamp-2027')).body).toContain('This event is a draft.');
    expect((await new Agent(t.app).get('/events/localgovcamp-2027')).statusCode).toBe(404);
    const stranger = await signedInAgent(t.app, person(t.db, 'stranger@example.org'));
    expect((await stranger.get('/events/localgovcamp-2027')).statusCode).toBe(404);
  });
});
