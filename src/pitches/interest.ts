import { and, count, countDistinct, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { campIsOver, campOverMessage, type CampEvent } from '../events/events.ts';
import { dateAndTime } from '../events/local-time.ts';
import { NotFound, RuleViolation } from '../rules.ts';
import { isRegisteredFor } from '../tickets/registrations.ts';
import { registrationAccessNeeds, registrations, ticketTypes } from '../tickets/tickets.table.ts';
import { pitchAt, resolveMerged } from './pitches.ts';
import { interest, pitches } from './pitches.table.ts';
import { countsVisible, interestState, pitchSettingsOf } from './settings.ts';

/** Why someone's "I'd go" was refused, so the page (or the script) can explain it. */
export class InterestRefused extends RuleViolation {
  constructor(
    readonly reason: 'not-registered' | 'not-open' | 'closed' | 'camp-over',
    message: string,
  ) {
    super({ interest: message });
  }
}

export interface InterestOutcome {
  pitchId: number;
  want: boolean;
  /** How many would go, or null while counts are hidden. */
  count: number | null;
}


/**
 * Records (want) or removes an attendee's "I'd go". Saying the same thing twice changes
 * nothing, so a double click or a resent form is harmless. Only people with a confirmed place
 * may, and only while interest is open and the camp is not over (archived). Interest in a
 * merged pitch goes to the pitch it joined.
 */
export function markInterest(db: Db, now: Date, args: { event: CampEvent; pitchId: number; personId: number; want: boolean }): InterestOutcome {
  return db.transaction((tx) => {
    const pitch = resolveMerged(tx, pitchAt(tx, args.event.id, args.pitchId));
    if (pitch.status !== 'open') throw new NotFound();
    if (campIsOver(args.event)) throw new InterestRefused('camp-over', campOverMessage(args.event));
    if (!isRegisteredFor(tx, args.event.id, args.personId)) {
      throw new InterestRefused('not-registered', `Only people with a confirmed place at ${args.event.name} can say which sessions they’d go to, so the numbers the organisers plan rooms with are real.`);
    }
    const settings = pitchSettingsOf(tx, args.event.id);
    const state = interestState(settings, now);
    if (state === 'not-yet') throw new InterestRefused('not-open', `You can say which sessions you’d go to from ${dateAndTime(settings.interestOpensAt!, args.event.timeZone)}.`);
    if (state === 'closed') throw new InterestRefused('closed', `Interest closed at ${dateAndTime(settings.interestClosesAt!, args.event.timeZone)}, when the organisers started building the grid.`);
    if (args.want) tx.insert(interest).values({ pitchId: pitch.id, personId: args.personId, createdAt: now.getTime() }).onConflictDoNothing().run();
    else tx.delete(interest).where(and(eq(interest.pitchId, pitch.id), eq(interest.personId, args.personId))).run();
    const n = tx.select({ n: count() }).from(interest).where(eq(interest.pitchId, pitch.id)).get()!.n;
    return { pitchId: pitch.id, want: args.want, count: countsVisible(settings, now) ? n : null };
  });
}

export function interestCount(db: Db, pitchId: number): number {
  return db.select({ n: count() }).from(interest).where(eq(interest.pitchId, pitchId)).get()!.n;
}

/** Everyone who marked "I'd go" on a pitch, by person id. */
export function peopleWhoWant(db: Db, pitchId: number): number[] {
  return db.select({ id: interest.personId }).from(interest).where(eq(interest.pitchId, pitchId)).all().map((r) => r.id);
}

export function wantsToGo(db: Db, pitchId: number, personId: number): boolean {
  return !!db.select({ p: interest.pitchId }).from(interest).where(and(eq(interest.pitchId, pitchId), eq(interest.personId, personId))).get();
}

/**
 * How many people with a place who need step-free access would go to each open pitch, by
 * pitch id, in one query: a count for organisers and the scheduler, never who.
 */
export function stepFreeInterest(db: Db, eventId: number): Map<number, number> {
  const rows = db
    .select({ pitchId: interest.pitchId, n: countDistinct(interest.personId) })
    .from(interest)
    .innerJoin(pitches, eq(pitches.id, interest.pitchId))
    .innerJoin(registrations, and(eq(registrations.personId, interest.personId), eq(registrations.status, 'confirmed')))
    .innerJoin(ticketTypes, and(eq(ticketTypes.id, registrations.ticketTypeId), eq(ticketTypes.eventId, eventId)))
    .innerJoin(registrationAccessNeeds, and(eq(registrationAccessNeeds.registrationId, registrations.id), eq(registrationAccessNeeds.stepFree, true)))
    .where(and(eq(pitches.eventId, eventId), eq(pitches.status, 'open')))
    .groupBy(interest.pitchId)
    .all();
  return new Map(rows.map((r) => [r.pitchId, r.n]));
}
