import { and, asc, count, eq, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { preparedQuery } from '../db/prepared.ts';
import type { CampEvent } from '../events/events.ts';
import { RuleViolation } from '../rules.ts';
import type { Links } from './manage-links.ts';
import { countPlaces, eligibilityOf, poolFor, take } from './places.ts';
import { ticketContext, type Registration, type TicketType } from './registrations.ts';
import { queueTicketMail, type TicketMessage } from './ticket-mail.ts';
import { campIsOver, firstDayStart } from './ticket-types.ts';
import { registrations, ticketTypes } from './tickets.table.ts';

const hour = 3_600_000;

/**
 * How long a waiting-list offer is held: the ticket type's usual hours, shortened to its
 * last-minute hours within two days of the event, and never past the event's start.
 */
export function offerDeadline(type: TicketType, eventStart: number | null, now: Date): number {
  const t = now.getTime();
  const lastMinute = eventStart !== null && eventStart - t <= 48 * hour;
  const deadline = t + (lastMinute ? type.lastMinuteOfferHours : type.offerHours) * hour;
  return eventStart !== null && eventStart > t ? Math.min(deadline, eventStart) : deadline;
}

const waitingAhead = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.ticketTypeId, sql.placeholder('ticketTypeId')),
        eq(registrations.status, 'waiting'),
        lt(registrations.queueOrder, sql.placeholder('queueOrder')),
      ),
    )
    .prepare(),
);

/** A waiting person's place in the queue, counting from 1. */
export function waitingPosition(db: Db, registration: Registration): number {
  const ahead = waitingAhead(db).get({ ticketTypeId: registration.ticketTypeId, queueOrder: registration.queueOrder })!.n;
  return ahead + 1;
}

/** Queues a ticket email for a registration, reading what it needs. */
export function tell(db: Db, now: Date, links: Links, registrationId: number, message: TicketMessage): void {
  queueTicketMail(db, now, links, ticketContext(db, registrationId), message);
}

const waitingQueue = preparedQuery((db) =>
  db
    .select()
    .from(registrations)
    .where(and(eq(registrations.ticketTypeId, sql.placeholder('ticketTypeId')), eq(registrations.status, 'waiting')))
    .orderBy(asc(registrations.queueOrder))
    .prepare(),
);

/**
 * Offers every place free now to the people waiting, in queue order, each for a limited time.
 * A reserved place goes to the first *eligible* person waiting. Runs whenever a place may have
 * freed: a release, a cancellation, an expired offer, a raised capacity, a wave, the end of a
 * reservation. Returns how many offers were made.
 */
export function offerFreePlaces(db: Db, now: Date, links: Links, type: TicketType): number {
  // A ballot's entrants wait for the draw; the waiting list only starts after it.
  if (type.allocation === 'ballot' && type.drawnAt === null) return 0;
  if (campIsOver(db, type, now)) return 0;
  return db.transaction((tx) => {
    const places = countPlaces(tx, type, now);
    if (places.totalHeld >= places.released) return 0;
    const waiting = waitingQueue(tx).all({ ticketTypeId: type.id });
    const deadline = offerDeadline(type, firstDayStart(tx, type), now);
    let offered = 0;
    for (const person of waiting) {
      if (places.totalHeld >= places.released) break;
      const pool = poolFor(places, eligibilityOf(person));
      if (!pool) continue;
      take(places, pool);
      tx.update(registrations)
        .set({ status: 'offered', pool, offerExpiresAt: deadline, updatedAt: now.getTime() })
        .where(eq(registrations.id, person.id))
        .run();
      tell(tx, now, links, person.id, { kind: 'offered', expiresAt: deadline });
      offered++;
    }
    return offered;
  });
}

/** Offers that ran out of time pass on: the holder is told, and the place offered onward. */
export function expireOffers(db: Db, now: Date, links: Links): number {
  const expired = db
    .select({ id: registrations.id, ticketTypeId: registrations.ticketTypeId })
    .from(registrations)
    .where(and(eq(registrations.status, 'offered'), lte(registrations.offerExpiresAt, now.getTime())))
    .all();
  for (const r of expired) {
    db.transaction((tx) => {
      const changed = tx
        .update(registrations)
        .set({ status: 'cancelled', cancelledReason: 'offer expired', pool: null, offerExpiresAt: null, updatedAt: now.getTime() })
        .where(and(eq(registrations.id, r.id), eq(registrations.status, 'offered')))
        .run().changes;
      if (changed) tell(tx, now, links, r.id, { kind: 'offer-expired' });
    });
  }
  for (const typeId of new Set(expired.map((r) => r.ticketTypeId))) {
    const type = db.select().from(ticketTypes).where(eq(ticketTypes.id, typeId)).get();
    if (type) offerFreePlaces(db, now, links, type);
  }
  return expired.length;
}

/** Claims an offered place before its deadline. */
export function acceptOffer(db: Db, now: Date, links: Links, registrationId: number): Registration {
  return db.transaction((tx) => {
    const { registration, type } = ticketContext(tx, registrationId);
    if (campIsOver(tx, type, now)) throw new RuleViolation({ offer: 'The camp is over, so this place can no longer be claimed' });
    if (registration.status !== 'offered') throw new RuleViolation({ offer: 'There is no place on offer to you now' });
    if (registration.offerExpiresAt !== null && registration.offerExpiresAt <= now.getTime()) {
      throw new RuleViolation({ offer: 'Sorry, the time to claim this place has passed' });
    }
    const confirmed = tx
      .update(registrations)
      .set({ status: 'confirmed', offerExpiresAt: null, updatedAt: now.getTime() })
      .where(eq(registrations.id, registrationId))
      .returning()
      .get();
    tell(tx, now, links, registrationId, { kind: 'confirmed' });
    return confirmed;
  });
}
