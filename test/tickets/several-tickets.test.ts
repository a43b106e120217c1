import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampEvent } from '../../src/events/events.ts';
import { updateEvent } from '../../src/events/events.ts';
import { askWhetherStillComing } from '../../src/tickets/reconfirm.ts';
import { registerAttendee, registerForTickets } from '../../src/tickets/register.ts';
import type { TicketType } from '../../src/tickets/registrations.ts';
import { registrations } from '../../src/tickets/tickets.table.ts';
import { Agent, errorSummary } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { twoDayCamp } from '../helpers/camp.ts';
import { campDetails } from '../helpers/factories.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { attendee, links, ticketType } from '../helpers/tickets.ts';

describe('one registration for several days', () => {
  let t: TestApp;
  let event: CampEvent;
  let makers: TicketType;
  let campDay: TicketType;
  beforeEach(async () => {
    t = await makeApp();
    const camp = twoDayCamp(t.db, t.clock.now());
    event = camp.event;
    makers = ticketType(t.db, t.clock.now(), event, { name: 'Makers day', dayIds: [camp.friday.id], capacity: 1, displayOrder: 1 });
    campDay = ticketType(t.db, t.clock.now(), event, { name: 'Camp day', dayIds: [camp.saturday.id], capacity: 5, displayOrder: 2 });
  });
  afterEach(async () => t.close());

  const form = (ticketTypeId: string[], overrides: Record<string, string> = {}) => ({
    ticketTypeId, name: 'Zoë Okafor', email: 'zoe@example.org', organisation: '', role: 'citizen', firstCamp: 'no', codeOfConduct: 'yes', ...overrides,
  });

  it('takes several tickets in one form, each allocated by its own rules, and says how each went to the person signed in', async () => {
    registerAttendee(t.db, t.clock.now(), links, { event, type: makers, details: attendee() }); // Makers day is now full
    const agent = await signedInAgent(t.app, person(t.db, 'zoe@example.org', { name: 'Zoë Okafor' }));
    const page = await agent.get(`/events/${event.slug}/register`);
    expect(page.body).toContain('Which tickets?');
    expect(page.body).toContain(`name="ticketTypeId" type="checkbox" value="${makers.id}"`);
    expect(page.body).toContain(`name="ticketTypeId" type="checkbox" value="${campDay.id}"`);

    const response = await agent.post(`/events/${event.slug}/register`, form([String(makers.id), String(campDay.id)]));
    expect(response.headers.location).toBe(`/events/${event.slug}/register/done?result=${makers.id}.waiting.1&result=${campDay.id}.confirmed`);
    const done = await agent.get(response.headers.location as string);
    expect(done.body).toContain('<strong>Makers day</strong>: it is full, so you are number 1 on the waiting list. You do not have a place yet.');
    expect(done.body).toContain('<strong>Camp day</strong>: you have a place.');
    const zoes = t.db.select().from(registrations).all().filter((r) => r.name === 'Zoë Okafor');
    expect(zoes.map((r) => [r.ticketTypeId, r.status])).toEqual([[makers.id, 'waiting'], [campDay.id, 'confirmed']]);
    expect(new Set(zoes.map((r) => r.personId)).size).toBe(1);
    expect(outboxMessages(t.db).filter((m) => m.toAddress === 'zoe@example.org').map((m) => m.subject)).toEqual([
      'You’re on the waiting list: Makers day at LocalGovCamp 2027',
      'You have a place: Camp day at LocalGovCamp 2027',
    ]);
  });

  it('tells a visitor registering for several tickets only to check their email, naming the tickets', async () => {
    registerAttendee(t.db, t.clock.now(), links, { event, type: makers, details: attendee() });
    const agent = new Agent(t.app);
    await agent.get(`/events/${event.slug}/register`);
    const response = await agent.post(`/events/${event.slug}/register`, form([String(makers.id), String(campDay.id)]));
    expect(response.headers.location).toBe(`/events/${event.slug}/register/done?outcome=check-email&ticket=${makers.id}&ticket=${campDay.id}`);
    const done = await agent.get(response.headers.location as string);
    expect(done.body).toContain('Check your email');
    expect(done.body).toContain('about Makers day and Camp day at LocalGovCamp 2027');
    expect(done.body).not.toContain('waiting list. You do not have a place yet');
  });

  it('registers for none of them when one is not open, and shows the form again with what was chosen', async () => {
    const closed = ticketType(t.db, t.clock.now(), event, { name: 'Early bird', closesAt: t.clock.now().getTime() - 1, opensAt: t.clock.now().getTime() - 2 });
    const agent = new Agent(t.app);
    await agent.get(`/events/${event.slug}/register`);
    const response = await agent.post(`/events/${event.slug}/register`, form([String(campDay.id), String(closed.id)]));
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Registration for Early bird has closed']);
    expect(response.body).toContain(`value="${campDay.id}" checked`);
    expect(t.db.select().from(registrations).all()).toEqual([]);
    expect(errorSummary((await agent.post(`/events/${event.slug}/register`, form([]))).body)).toEqual(['Choose a ticket']);
  });

  it('asks "still coming?" in one email per person, naming their tickets, each with its own answers', () => {
    event = updateEvent(t.db, t.clock.now(), event.id, campDetails({ reconfirmDaysBefore: 7 }));
    const bigMakers = ticketType(t.db, t.clock.now(), event, { name: 'Makers day', capacity: 5, displayOrder: 1 });
    registerForTickets(t.db, t.clock.now(), links, { event, types: [bigMakers, campDay], details: attendee({ email: 'zoe@example.org' }) });
    registerForTickets(t.db, t.clock.now(), links, { event, types: [campDay], details: attendee({ email: 'sam@example.org' }) });
    t.clock.set(new Date('2027-06-11T08:00:00Z'));
    expect(askWhetherStillComing(t.db, t.clock.now(), links)).toBe(3);
    const asked = outboxMessages(t.db).filter((m) => m.subject === 'Are you still coming to LocalGovCamp 2027?');
    expect(asked.map((m) => m.toAddress)).toEqual(['zoe@example.org', 'sam@example.org']);
    expect(asked[0]!.textBody).toContain('you have a place for Makers day and Camp day.');
    expect(asked[0]!.textBody.match(/^(Yes|No), .*:$/gm)).toEqual([
      'Yes, I’m still coming to Makers day:',
      'No, release my Makers day place:',
      'Yes, I’m still coming to Camp day:',
      'No, release my Camp day place:',
    ]);
    expect(asked[1]!.textBody).toContain('you have a place for Camp day.');
    expect(asked[1]!.textBody).toMatch(/Yes, I’m still coming to Camp day:\nhttp:\/\/campgrid\.test\/tickets\/\d+\/[A-Za-z0-9_-]+\/still-coming/);
    expect(askWhetherStillComing(t.db, t.clock.now(), links)).toBe(0);
  });
});
