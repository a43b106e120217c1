import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../db/open.ts';
import { addDay } from '../events/days.ts';
import { changeEventStatus, createEvent, eventDetailsOf, type CampEvent } from '../events/events.ts';
import { findOrCreatePerson } from '../people/people.ts';
import { seededRandom } from '../tickets/ballot.ts';
import { insertRegistration } from '../tickets/register.ts';
import { addTicketType } from '../tickets/ticket-types.ts';
import { events } from '../events/events.table.ts';
import { registrations } from '../tickets/tickets.table.ts';
import { seedLastYearSessions } from './last-year.ts';
import { demoAttendee } from './tickets.ts';

/**
 * Three earlier camps, archived, as if brought in from each year's Eventbrite export: who
 * registered and who was checked in. So this year's first-timers and returners are facts, and
 * people's own pages show the camps they came to. Last year's camp also has its sessions, grid
 * and outputs (last-year.ts).
 */
export function seedDemoHistory(db: Db, now: Date, event: CampEvent, organiserId: number, saturday: string): void {
  const year = Number(saturday.slice(0, 4));
  for (const yearsAgo of [3, 2, 1]) {
    const past = createEvent(db, now, { ...eventDetailsOf(event), name: `Anytown LocalGovCamp ${year - yearsAgo}`, slug: `anytown-localgovcamp-${year - yearsAgo}` }, organiserId);
    const date = DateTime.fromISO(saturday).minus({ years: yearsAgo }).toISODate()!;
    const day = addDay(db, past.id, past.timeZone, { date, label: 'Camp day', opens: '09:00', closes: '17:00' });
    const type = addTicketType(db, now, past.id, {
      name: 'Camp day', description: '', dayIds: [day.id], capacity: 250, opensAt: day.startsAt - 60 * 86_400_000, closesAt: day.startsAt, visibility: 'public', accessCode: null,
      allocation: 'first-come', drawAt: null, perOrganisationCap: null, reservedForFirstTimers: 0, reservedForCouncillors: 0, reservedUntil: null, offerHours: 48, lastMinuteOfferHours: 4, displayOrder: 1, waves: [],
    });
    const published = changeEventStatus(db, now, past.id, 'published');
    const random = seededRandom(`demo-history-${yearsAgo}`);
    const cameIds: number[] = [];
    // Earlier camps drew from this year's attendees (numbers 1 to 325) and from people not coming this year.
    for (let n = 1; n <= 400; n++) {
      if (random() > 0.18 + 0.07 * (3 - yearsAgo)) continue;
      const details = { ...demoAttendee(n), firstCamp: false };
      const person = findOrCreatePerson(db, now, details.email, details.name);
      const registration = insertRegistration(db, now, { event: published, type, personId: person.id, details, status: 'confirmed', pool: 'general', importedFrom: 'eventbrite' });
      if (random() < 0.8) {
        db.update(registrations).set({ checkedInAt: day.startsAt + Math.floor(random() * 3_600_000) }).where(eq(registrations.id, registration.id)).run();
        cameIds.push(person.id);
      }
    }
    if (yearsAgo === 1) {
      seedLastYearSessions(db, now, { event: published, day, organiserId, facilitatorIds: cameIds.filter((_, i) => i % 3 === 0) });
      // This year's camp was rolled over from last year's, so its insights compare with it.
      db.update(events).set({ copiedFromId: past.id }).where(eq(events.id, event.id)).run();
    }
    changeEventStatus(db, now, past.id, 'archived');
  }
}
