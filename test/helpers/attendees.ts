import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/open.ts';
import type { CampEvent } from '../../src/events/events.ts';
import type { Person } from '../../src/people/people.ts';
import { registrations, ticketTypes } from '../../src/tickets/tickets.table.ts';
import { person } from './people.ts';

const ticketName = 'Test camp ticket';

/** The event's test ticket type (for every day, or for just `dayIds`), created the first time it is needed. */
function testTicketType(db: Db, event: CampEvent, dayIds: number[] = []): number {
  const name = dayIds.length ? `${ticketName} for days ${dayIds.join(', ')}` : ticketName;
  const found = db.select({ id: ticketTypes.id }).from(ticketTypes).where(and(eq(ticketTypes.eventId, event.id), eq(ticketTypes.name, name))).get();
  if (found) return found.id;
  return db
    .insert(ticketTypes)
    .values({ eventId: event.id, name, dayIds, capacity: 100_000, opensAt: 0, closesAt: 4_102_444_800_000, createdAt: 0 })
    .returning({ id: ticketTypes.id })
    .get().id;
}

/**
 * Someone with a confirmed place at the event, inserted straight into the tickets tables: the
 * registration journey has its own tests, and pitches only ask `isRegisteredFor`. With
 * `dayIds`, the place is on a ticket for those days only.
 */
export function registeredAttendee(db: Db, event: CampEvent, email: string, options: { name?: string; status?: 'confirmed' | 'waiting'; dayIds?: number[] } = {}): Person {
  const who = person(db, email, { name: options.name ?? email.split('@')[0]! });
  placeFor(db, event, who, options);
  return who;
}

/** Another place for someone already registered: on a ticket for `dayIds` (every day when empty). */
export function placeFor(db: Db, event: CampEvent, who: Person, options: { status?: 'confirmed' | 'waiting'; dayIds?: number[] } = {}): { id: number; manageKey: string } {
  const now = Date.now();
  return db
    .insert(registrations)
    .values({
      ticketTypeId: testTicketType(db, event, options.dayIds),
      personId: who.id,
      status: options.status ?? 'confirmed',
      name: who.name,
      role: 'other',
      agreedToCodeOfConductAt: now,
      queueOrder: now,
      manageKey: randomBytes(32).toString('base64url'),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: registrations.id, manageKey: registrations.manageKey })
    .get();
}
