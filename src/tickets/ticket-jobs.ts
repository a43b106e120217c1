import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { events } from '../events/events.table.ts';
import type { Links } from './manage-links.ts';
import { ticketTypes } from './tickets.table.ts';
import { offerFreePlaces } from './waiting-list.ts';

/** Offers places freed by time alone (a wave released, a reservation ended) on every published event. */
export function offerPlacesEverywhere(db: Db, now: Date, links: Links): number {
  const types = db
    .select({ type: ticketTypes })
    .from(ticketTypes)
    .innerJoin(events, eq(events.id, ticketTypes.eventId))
    .where(eq(events.status, 'published'))
    .all();
  return types.reduce((n, { type }) => n + offerFreePlaces(db, now, links, type), 0);
}
