import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/open.ts';
import type { CampEvent } from '../../src/events/events.ts';
import type { Person } from '../../src/people/people.ts';
import { registrations, ticketTypes } from '../../src/tickets/tickets.table.ts';
import { person } from './people.ts';

const ticketName = 'Test camp ticket';

/** The event's test ticket type, created the first time it is needed. */
function testTicketType(db: Db, event: CampEvent): number {
  const found = db.select({ id: ticketTypes.id }).from(ticketTypes).where(and(eq(ticketTypes.eventId, event.id), eq(ticketTypes.name, ticketName))).get();
  if (found) return found.id;
  return db
    .insert(ticketTypes)
    .values({ eventId: event.id, name: ticketName, capacity: 100_000, opensAt: 0, closesAt: 4_102_444_800_000, createdAt: 0 })
    .returning({ id: ticketTypes.id })
    .get().id;
}

/**
 * Someone with a confirmed place at the event, inserted straight into the tickets tables: the
 * registration journey has its own tests, and pitches only ask `isRegisteredFor`.
 */
export function registeredAttendee(db: Db, event: CampEvent, email: string, options: { name?: string; status?: 'confirmed' | 'waiting' } = {}): Person {
  const who = person(db, email, { name: options.name ?? email.split('@')[0]! });
  const now = Date.now();
  db.insert(registrations)
    .values({
      ticketTypeId: testTicketType(db, event),
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
    .run();
  return who;
}
