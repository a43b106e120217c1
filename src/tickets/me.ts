import { asc, eq, min } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { days, events } from '../events/events.table.ts';
import { manageLink, type Links } from './manage-links.ts';
import { registrations, ticketTypes } from './tickets.table.ts';

/** A person's places at every event, soonest first, each with its manage link (for /me). */
export function placesOf(db: Db, links: Links, personId: number) {
  const rows = db
    .select({ registration: registrations, ticketType: ticketTypes.name, event: events, starts: min(days.startsAt) })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .innerJoin(events, eq(events.id, ticketTypes.eventId))
    .leftJoin(days, eq(days.eventId, events.id))
    .where(eq(registrations.personId, personId))
    .groupBy(registrations.id)
    .orderBy(asc(min(days.startsAt)), asc(registrations.id))
    .all();
  return rows.map((r) => ({ ...r, manage: new URL(manageLink(links, r.registration)).pathname }));
}
