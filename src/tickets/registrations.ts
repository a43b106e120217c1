import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { days, events } from '../events/events.table.ts';
import type { CampEvent } from '../events/events.ts';
import { people } from '../people/people.table.ts';
import { RuleViolation } from '../rules.ts';
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

/**
 * The event's days each person holds a confirmed place on (a ticket type that lists no days
 * covers them all), by person id; `only` asks about one person, leaving out the registration
 * `without` to ask what releasing it would leave.
 */
export function daysWithPlaceByPerson(db: Db, eventId: number, only?: { personId: number; without?: number }): Map<number, Set<number>> {
  const held = db
    .select({ id: registrations.id, personId: registrations.personId, dayIds: ticketTypes.dayIds })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .where(and(eq(ticketTypes.eventId, eventId), eq(registrations.status, 'confirmed'), only ? eq(registrations.personId, only.personId) : undefined))
    .all()
    .filter((r) => r.id !== only?.without);
  let everyDay: number[] | undefined;
  const allDays = () => (everyDay ??= db.select({ id: days.id }).from(days).where(eq(days.eventId, eventId)).all().map((d) => d.id));
  const byPerson = new Map<number, Set<number>>();
  for (const r of held) {
    const own = byPerson.get(r.personId) ?? new Set<number>();
    for (const day of r.dayIds.length ? r.dayIds : allDays()) own.add(day);
    byPerson.set(r.personId, own);
  }
  return byPerson;
}

/** The event's days one person holds a confirmed place on, without the registration `without` if given. */
export function daysWithPlace(db: Db, eventId: number, personId: number, without?: number): Set<number> {
  return daysWithPlaceByPerson(db, eventId, { personId, without }).get(personId) ?? new Set();
}

/** A registration with its ticket type, its event and its owner's address. */
export interface TicketContext {
  event: CampEvent;
  type: TicketType;
  registration: Registration;
  to: string;
}

export function ticketContext(db: Db, registrationId: number): TicketContext {
  const row = db
    .select({ registration: registrations, type: ticketTypes, event: events, email: people.email })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .innerJoin(events, eq(events.id, ticketTypes.eventId))
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(eq(registrations.id, registrationId))
    .get();
  if (!row) throw new RuleViolation({ registration: 'This registration no longer exists' });
  return { event: row.event, type: row.type, registration: row.registration, to: row.email };
}
