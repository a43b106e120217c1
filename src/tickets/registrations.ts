import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { registrations, ticketTypes, type RegistrationStatus } from './tickets.table.ts';

export type Registration = typeof registrations.$inferSelect;
export type TicketType = typeof ticketTypes.$inferSelect;

/** Statuses in which a registration holds a place (an offer holds it until it is claimed or expires). */
export const holdingStatuses: RegistrationStatus[] = ['confirmed', 'offered'];

/** A person's registrations at an event, with their ticket types, in ticket order. */
export function registrationsAt(db: Db, eventId: number, personId: number): Array<{ registration: Registration; ticketType: TicketType }> {
  return db
    .select({ registration: registrations, ticketType: ticketTypes })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .where(and(eq(ticketTypes.eventId, eventId), eq(registrations.personId, personId)))
    .orderBy(asc(ticketTypes.displayOrder), asc(ticketTypes.id))
    .all();
}

/**
 * Whether the person has a confirmed place at the event: what pitching and marking interest
 * require.
 */
export function isRegisteredFor(db: Db, eventId: number, personId: number): boolean {
  return !!db
    .select({ id: registrations.id })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .where(and(eq(ticketTypes.eventId, eventId), eq(registrations.personId, personId), inArray(registrations.status, ['confirmed'])))
    .get();
}
