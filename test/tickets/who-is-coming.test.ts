import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { changeEventStatus, type CampEvent } from '../../src/events/events.ts';
import { releasePlace, updateAttendeeDetails } from '../../src/tickets/manage.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import type { TicketType } from '../../src/tickets/registrations.ts';
import { registrations } from '../../src/tickets/tickets.table.ts';
import { Agent } from '../helpers/agent.ts';
import type { TestApp } from '../helpers/app.ts';
import { attendee, eachPublishedCampWithOrganiser, links, ticketType } from '../helpers/tickets.ts';

/** The rows of the list's table, as "name | organisation". */
function listed(html: string): string[] {
  const body = /<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<td class="govuk-table__cell">([^<]*)<\/td><td class="govuk-table__cell">([^<]*)<\/td>/g)].map((m) => `${m[1]} | ${m[2]}`);
}

describe('the public list of who is coming', () => {
  const organised = eachPublishedCampWithOrganiser();
  let t: TestApp;
  let event: CampEvent;
  let camp: TicketType;
  beforeEach(() => {
    ({ t, event } = organised);
    camp = ticketType(t.db, t.clock.now(), event, { capacity: 3 });
  });
  const register = (type: TicketType, details: Partial<Parameters<typeof attendee>[0]>) => registerAttendee(t.db, t.clock.now(), links, { event, type, details: attendee(details) }).registration;

  it('shows the name and organisation of people with a place who chose it, nothing else, linked from the event page', async () => {
    register(camp, { name: 'Zoë Okafor', organisation: 'Anytown Borough Council', showOnAttendeeList: true, accessNeeds: 'Hearing loop' });
    register(camp, { name: 'Sam Ng', organisation: 'Civic Code', showOnAttendeeList: false });
    register(camp, { name: 'ali Khan', organisation: '', showOnAttendeeList: true, email: 'ali@example.org' });
    register(camp, { name: 'Wai Ting', organisation: 'Parish council', showOnAttendeeList: true }); // the waiting list

    const eventPage = await new Agent(t.app).get('/events/localgovcamp-2027');
    expect(eventPage.body).toContain('<a class="govuk-link" href="/events/localgovcamp-2027/attendees">Who is coming</a>');
    const page = await new Agent(t.app).get('/events/localgovcamp-2027/attendees');
    expect(page.statusCode).toBe(200);
    expect(listed(page.body)).toEqual(['ali Khan | ', 'Zoë Okafor | Anytown Borough Council']);
    expect(page.body).toContain('3 people have a place.');
    for (const secret of ['Sam Ng', 'Wai Ting', 'Hearing loop', 'ali@example.org', 'Council officer']) expect(page.body).not.toContain(secret);
  });

  it('drops released and cancelled places, and someone who unticks it on any of their places', async () => {
    const makers = ticketType(t.db, t.clock.now(), event, { name: 'Makers day', capacity: 3 });
    const zoe = register(camp, { name: 'Zoë Okafor', email: 'zoe@example.org', showOnAttendeeList: true });
    register(makers, { name: 'Zoë Okafor', email: 'zoe@example.org', showOnAttendeeList: true });
    const sam = register(camp, { name: 'Sam Ng', showOnAttendeeList: true });
    const page = async () => listed((await new Agent(t.app).get('/events/localgovcamp-2027/attendees')).body);
    expect(await page()).toEqual(['Sam Ng | Anytown Borough Council', 'Zoë Okafor | Anytown Borough Council']);

    releasePlace(t.db, t.clock.now(), links, sam.id, 'released');
    updateAttendeeDetails(t.db, t.clock.now(), zoe.id, { ...attendee({ name: 'Zoë Okafor' }), showOnAttendeeList: false });
    expect(await page()).toEqual([]);
    expect(t.db.select().from(registrations).where(eq(registrations.id, sam.id)).get()!.status).toBe('cancelled');
  });

  it('is not there for a draft event, except to its team', async () => {
    register(camp, { name: 'Zoë Okafor', showOnAttendeeList: true });
    changeEventStatus(t.db, t.clock.now(), event.id, 'draft');
    expect((await new Agent(t.app).get('/events/localgovcamp-2027/attendees')).statusCode).toBe(404);
    expect(listed((await organised.organiser.get('/events/localgovcamp-2027/attendees')).body)).toEqual(['Zoë Okafor | Anytown Borough Council']);
  });
});
