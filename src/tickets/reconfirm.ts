import { and, asc, eq, inArray, isNotNull, isNull, min } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { days, events } from '../events/events.table.ts';
import { findEventById } from '../events/events.ts';
import type { Links } from './manage-links.ts';
import { registrations, ticketTypes } from './tickets.table.ts';
import { people } from '../people/people.table.ts';
import { queueStillComingMail } from './ticket-mail.ts';

/**
 * The configured number of days before an event, asks everyone with a confirmed place whether
 * they are still coming (once per place, in one email per person naming their places), so places
 * that would go empty reach the waiting list. Returns how many places were asked about.
 */
export function askWhetherStillComing(db: Db, now: Date, links: Links): number {
  const t = now.getTime();
  const candidates = db
    .select({ id: events.id, daysBefore: events.reconfirmDaysBefore, start: min(days.startsAt) })
    .from(events)
    .innerJoin(days, eq(days.eventId, events.id))
    .where(and(eq(events.status, 'published'), isNotNull(events.reconfirmDaysBefore)))
    .groupBy(events.id)
    .all();
  let asked = 0;
  for (const event of candidates) {
    if (event.start === null || event.daysBefore === null) continue;
    if (t < event.start - event.daysBefore * 86_400_000 || t >= event.start) continue;
    const toAsk = db
      .select({ registration: registrations, type: ticketTypes, email: people.email })
      .from(registrations)
      .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
      .innerJoin(people, eq(people.id, registrations.personId))
      .where(and(eq(ticketTypes.eventId, event.id), eq(registrations.status, 'confirmed'), isNull(registrations.reconfirmAskedAt)))
      .orderBy(asc(ticketTypes.displayOrder), asc(ticketTypes.id))
      .all();
    // One email per person, naming each of their places.
    const byPerson = new Map<number, typeof toAsk>();
    for (const place of toAsk) byPerson.set(place.registration.personId, [...(byPerson.get(place.registration.personId) ?? []), place]);
    const campEvent = findEventById(db, event.id)!;
    for (const places of byPerson.values()) {
      db.transaction((tx) => {
        tx.update(registrations).set({ reconfirmAskedAt: t }).where(inArray(registrations.id, places.map((p) => p.registration.id))).run();
        queueStillComingMail(tx, now, links, { event: campEvent, to: places[0]!.email, places });
      });
      asked += places.length;
    }
  }
  return asked;
}
