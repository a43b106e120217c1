import type { Db } from '../../src/db/open.ts';
import { addDay } from '../../src/events/days.ts';
import { changeEventStatus, createEvent, type CampEvent } from '../../src/events/events.ts';
import { importAttendees } from '../../src/tickets/import.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import { campDetails } from './factories.ts';
import { person } from './people.ts';
import { attendee, links, ticketType } from './tickets.ts';

/** A published "LocalGovCamp <year>" on 19 June of that year, owned by owner@example.org. */
export function campOf(db: Db, now: Date, year: number): CampEvent {
  const owner = person(db, 'owner@example.org', { administrator: true });
  const draft = createEvent(db, now, campDetails({ slug: `localgovcamp-${year}`, name: `LocalGovCamp ${year}` }), owner.id);
  addDay(db, draft.id, draft.timeZone, { date: `${year}-06-19`, label: 'Camp day', opens: '09:00', closes: '17:30' });
  return changeEventStatus(db, now, draft.id, 'published');
}

/** An earlier year brought in from its Eventbrite export: who came (Checked In) and who registered but did not. */
export function importedYear(db: Db, now: Date, year: number, rows: Array<[email: string, status: string]>): CampEvent {
  const event = campOf(db, now, year);
  ticketType(db, now, event, { name: 'Camp day', capacity: 100 });
  const csv = ['First Name,Last Name,Email,Ticket Type,Attendee Status,Company', ...rows.map(([email, status]) => `A,B,${email},Camp day,${status},Bristol City Council`)].join('\n');
  importAttendees(db, now, event, csv, 'eventbrite');
  return event;
}

/** Registers someone for the event on a ticket type of their own, saying whether it is their first camp. */
export function registerFor(db: Db, now: Date, event: CampEvent, email: string, firstCamp: boolean) {
  const type = ticketType(db, now, event, { name: `Camp day ${email}`, capacity: 100 });
  return registerAttendee(db, now, links, { event, type, details: attendee({ email, firstCamp, name: email.split('@')[0]! }) }).registration;
}
