import { keyForTyped } from '../organisations/names.ts';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { RuleViolation } from '../rules.ts';
import { isManageToken, type Links } from './manage-links.ts';
import type { AttendeeDetails } from './register.ts';
import { registrationNeeds, registrations } from './tickets.table.ts';
import { saveAccessNeeds } from './access-needs.ts';
import { offerFreePlaces, tell } from './waiting-list.ts';
import { ticketContext, type Registration, type TicketContext } from './registrations.ts';

/** The registration a manage link opens, if the link is genuine. */
export function registrationForManageLink(db: Db, secret: string, registrationId: number, token: string): TicketContext | undefined {
  const row = db.select().from(registrations).where(eq(registrations.id, registrationId)).get();
  if (!row || !isManageToken(secret, row, token)) return undefined;
  return ticketContext(db, registrationId);
}

/**
 * Gives up a place (or a place in the queue or ballot). A held place is offered straight on to
 * the next person waiting.
 */
export function releasePlace(db: Db, now: Date, links: Links, registrationId: number, reason: 'released' | 'cancelled by organiser' = 'released'): Registration {
  return db.transaction((tx) => {
    const { registration, type } = ticketContext(tx, registrationId);
    if (registration.status === 'cancelled') throw new RuleViolation({ registration: 'This place has already been released' });
    const released = tx
      .update(registrations)
      .set({ status: 'cancelled', cancelledReason: reason, pool: null, offerExpiresAt: null, checkedInAt: null, updatedAt: now.getTime() })
      .where(eq(registrations.id, registrationId))
      .returning()
      .get();
    const hadPlace = registration.status === 'confirmed';
    tell(tx, now, links, registrationId, { kind: reason === 'released' ? 'released' : 'cancelled-by-organiser', hadPlace });
    offerFreePlaces(tx, now, links, type);
    return released;
  });
}

/** Turns down a place on offer; it goes to the next person waiting. */
export function declineOffer(db: Db, now: Date, links: Links, registrationId: number): Registration {
  const { registration } = ticketContext(db, registrationId);
  if (registration.status !== 'offered') throw new RuleViolation({ offer: 'There is no place on offer to you now' });
  return releasePlace(db, now, links, registrationId);
}

/** "Still coming": the answer to the reconfirmation email. */
export function confirmStillComing(db: Db, now: Date, registrationId: number): Registration {
  const row = db
    .update(registrations)
    .set({ reconfirmedAt: now.getTime(), updatedAt: now.getTime() })
    .where(and(eq(registrations.id, registrationId), eq(registrations.status, 'confirmed')))
    .returning()
    .get();
  if (!row) throw new RuleViolation({ registration: 'Only a confirmed place can be confirmed' });
  return row;
}

export type EditableDetails = Omit<AttendeeDetails, 'email'>;

/**
 * Changes what an attendee told us. The first-timer and councillor answers cannot change once
 * they decided which reserved place was given.
 */
export function updateAttendeeDetails(db: Db, now: Date, registrationId: number, details: EditableDetails): Registration {
  return db.transaction((tx) => {
    const { registration } = ticketContext(tx, registrationId);
    if (registration.status === 'cancelled') throw new RuleViolation({ name: 'This place has been released' });
    if (registration.pool === 'first-timers' && !details.firstCamp) throw new RuleViolation({ firstCamp: 'Your place is one reserved for first-timers, so this cannot change now' });
    if (registration.pool === 'councillors' && details.role !== 'councillor') throw new RuleViolation({ role: 'Your place is one reserved for councillors, so this cannot change now' });
    const { accessNeeds, dietaryNeeds, access, ...rest } = details;
    tx.update(registrationNeeds).set({ accessNeeds, dietaryNeeds }).where(eq(registrationNeeds.registrationId, registrationId)).run();
    if (access) saveAccessNeeds(tx, registrationId, access);
    return tx
      .update(registrations)
      .set({ ...rest, organisationKey: keyForTyped(tx, now, rest.organisation), updatedAt: now.getTime() })
      .where(eq(registrations.id, registrationId))
      .returning()
      .get();
  });
}

/** Checks an attendee in on the day, or undoes it. Only confirmed places can check in. */
export function setCheckedIn(db: Db, now: Date, registrationId: number, checkedIn: boolean): Registration {
  const row = db
    .update(registrations)
    .set({ checkedInAt: checkedIn ? now.getTime() : null, updatedAt: now.getTime() })
    .where(and(eq(registrations.id, registrationId), eq(registrations.status, 'confirmed')))
    .returning()
    .get();
  if (!row) throw new RuleViolation({ registration: 'Only someone with a confirmed place can be checked in' });
  return row;
}

export function needsOf(db: Db, registrationId: number): { accessNeeds: string; dietaryNeeds: string } {
  return (
    db
      .select({ accessNeeds: registrationNeeds.accessNeeds, dietaryNeeds: registrationNeeds.dietaryNeeds })
      .from(registrationNeeds)
      .where(eq(registrationNeeds.registrationId, registrationId))
      .get() ?? { accessNeeds: '', dietaryNeeds: '' }
  );
}
