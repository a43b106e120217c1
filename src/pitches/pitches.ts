import { and, count, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { days, slots } from '../events/events.table.ts';
import { campIsOver, campOverMessage, type CampEvent } from '../events/events.ts';
import { people } from '../people/people.table.ts';
import { displayName, type Person } from '../people/people.ts';
import { Forbidden, NotFound, RuleViolation } from '../rules.ts';
import { takeOffGridAndTell } from '../grid/take-off.ts';
import { longDate } from '../events/local-time.ts';
import { daysWithPlace, isRegisteredFor } from '../tickets/registrations.ts';
import { inviteCoFacilitators, syncCoFacilitators } from './facilitators.ts';
import { pitchChanges, pitchFacilitators, pitches, type ProposedChange } from './pitches.table.ts';
import { pitchSettingsOf } from './settings.ts';
import { checkThemes, tagPitch, themesOfPitch } from '../themes/themes.ts';

export type Pitch = typeof pitches.$inferSelect;
/** What an attendee types when pitching or editing their pitch. */
export type PitchDetails = ProposedChange;

/** Pitches one person may add online in an hour: enough for anyone, too few for spam. */
export const pitchesPerHour = 10;

export function findPitch(db: Db, pitchId: number): Pitch | undefined {
  return db.select().from(pitches).where(eq(pitches.id, pitchId)).get();
}

/** A pitch of this event, or a 404. */
export function pitchAt(db: Db, eventId: number, pitchId: number): Pitch {
  const pitch = findPitch(db, pitchId);
  if (!pitch || pitch.eventId !== eventId) throw new NotFound();
  return pitch;
}

export interface Facilitator {
  id: number;
  personId: number | null;
  name: string;
  email: string | null;
  confirmed: boolean;
}

/** Everyone facilitating a pitch, confirmed or invited, in the order they joined. */
export function facilitatorsOf(db: Db, pitchId: number): Facilitator[] {
  return db
    .select({ id: pitchFacilitators.id, personId: pitchFacilitators.personId, walkInName: pitchFacilitators.walkInName, confirmed: pitchFacilitators.confirmed, name: people.name, email: people.email })
    .from(pitchFacilitators)
    .leftJoin(people, eq(people.id, pitchFacilitators.personId))
    .where(eq(pitchFacilitators.pitchId, pitchId))
    .orderBy(pitchFacilitators.id)
    .all()
    .map((r) => ({
      id: r.id,
      personId: r.personId,
      name: r.email ? displayName({ name: r.name ?? '', email: r.email }) : (r.walkInName ?? ''),
      email: r.email,
      confirmed: r.confirmed,
    }));
}

/** Whether the person runs this pitch (confirmed, or invited when `includeInvited`). */
export function facilitates(db: Db, pitchId: number, personId: number, includeInvited = false): boolean {
  const row = db
    .select({ confirmed: pitchFacilitators.confirmed })
    .from(pitchFacilitators)
    .where(and(eq(pitchFacilitators.pitchId, pitchId), eq(pitchFacilitators.personId, personId)))
    .get();
  return !!row && (row.confirmed || includeInvited);
}

/** Preferred days must be days of this event, and unavailable slots its session slots. */
export function checkDayAndSlots(db: Db, eventId: number, dayId: number | null, slotIds: number[], dayField = 'preferredDay'): void {
  if (dayId !== null && !db.select({ id: days.id }).from(days).where(and(eq(days.id, dayId), eq(days.eventId, eventId))).get()) {
    throw new RuleViolation({ [dayField]: 'Choose one of the camp’s days' });
  }
  if (slotIds.length === 0) return;
  const known = db
    .select({ id: slots.id })
    .from(slots)
    .innerJoin(days, eq(days.id, slots.dayId))
    .where(and(eq(days.eventId, eventId), eq(slots.kind, 'session'), inArray(slots.id, slotIds)))
    .all();
  if (known.length !== new Set(slotIds).size) throw new RuleViolation({ unavailable: 'Choose from the camp’s session slots' });
}

/** Nothing more is pitched at a camp that is over (archived). */
export function assertCampNotOver(event: CampEvent): void {
  if (campIsOver(event)) throw new RuleViolation({ title: campOverMessage(event) });
}

/** A facilitator pitches only for a day they have a place on, or the session would lose them. */
function assertPlaceOnDay(db: Db, event: CampEvent, person: Person, dayId: number | null): void {
  if (dayId === null || daysWithPlace(db, event.id, person.id).has(dayId)) return;
  const day = db.select().from(days).where(eq(days.id, dayId)).get()!;
  throw new RuleViolation({
    preferredDay: `You have no place on ${day.label ? `${day.label}, ` : ''}${longDate(day.date)}. Choose a day you have a place on, or no preference.`,
  });
}

function assertMayPitch(db: Db, event: CampEvent, person: Person, now: Date): void {
  assertCampNotOver(event);
  if (!isRegisteredFor(db, event.id, person.id)) {
    throw new RuleViolation({ title: `Only people with a confirmed place at ${event.name} can pitch a session` });
  }
  const recent = db
    .select({ n: count() })
    .from(pitches)
    .where(and(eq(pitches.createdBy, person.id), eq(pitches.source, 'online'), gt(pitches.createdAt, now.getTime() - 3_600_000)))
    .get()!.n;
  if (recent >= pitchesPerHour) {
    throw new RuleViolation({ title: `You have pitched ${pitchesPerHour} sessions in the last hour. Wait a while before pitching more, or ask an organiser.` });
  }
}

/**
 * An attendee pitches a session, while the camp is not over. They need a confirmed place (on
 * the day they prefer, if they name one); co-facilitators, named by email,
 * must have one too, and are invited to confirm. At most ten pitches an hour per person.
 */
export function pitchSession(db: Db, now: Date, args: { event: CampEvent; person: Person; details: PitchDetails; baseUrl: string; submissionKey?: string | null }): Pitch {
  const { event, person, details } = args;
  const submissionKey = args.submissionKey ?? null;
  return db.transaction((tx) => {
    const already = alreadySubmitted(tx, submissionKey, person.id);
    if (already) return already;
    assertMayPitch(tx, event, person, now);
    checkDayAndSlots(tx, event.id, details.preferredDayId, details.unavailableSlotIds);
    checkThemes(tx, event.id, details.themeIds ?? []);
    assertPlaceOnDay(tx, event, person, details.preferredDayId);
    const pitch = tx
      .insert(pitches)
      .values({ eventId: event.id, ...pitchColumns(details), source: 'online', createdBy: person.id, submissionKey, createdAt: now.getTime(), updatedAt: now.getTime() })
      .returning()
      .get();
    tx.insert(pitchFacilitators).values({ pitchId: pitch.id, personId: person.id, confirmed: true, createdAt: now.getTime() }).run();
    tagPitch(tx, pitch.id, details.themeIds ?? []);
    inviteCoFacilitators(tx, now, { event, pitch, invitedBy: person, emails: details.coFacilitators, baseUrl: args.baseUrl });
    return pitch;
  });
}

/**
 * The pitch a form with this key already made, if that form was sent before (a double click,
 * a resend after a timeout): sending it again returns that pitch rather than making another.
 */
export function alreadySubmitted(db: Db, submissionKey: string | null, createdBy: number): Pitch | undefined {
  if (submissionKey === null) return undefined;
  return db.select().from(pitches).where(and(eq(pitches.submissionKey, submissionKey), eq(pitches.createdBy, createdBy))).get();
}

function pitchColumns(d: PitchDetails) {
  return {
    title: d.title,
    description: d.description,
    format: d.format,
    needs: d.needs,
    doubleLength: d.doubleLength,
    preferredDayId: d.preferredDayId,
    unavailableSlotIds: [...new Set(d.unavailableSlotIds)].sort((a, b) => a - b),
  };
}

/** The co-facilitators' addresses as the edit form shows them: everyone but the one who pitched. */
export function coFacilitatorEmails(db: Db, pitch: Pitch): string[] {
  return facilitatorsOf(db, pitch.id)
    .filter((f) => f.email && f.personId !== pitch.createdBy)
    .map((f) => f.email!);
}

export function detailsOf(db: Db, pitch: Pitch): PitchDetails {
  return {
    title: pitch.title,
    description: pitch.description,
    format: pitch.format,
    needs: pitch.needs,
    doubleLength: pitch.doubleLength,
    preferredDayId: pitch.preferredDayId,
    unavailableSlotIds: pitch.unavailableSlotIds,
    coFacilitators: coFacilitatorEmails(db, pitch),
    themeIds: themesOfPitch(db, pitch.id).map((t) => t.id),
  };
}

/** Applies an edit now: the pitch's details and its co-facilitators (new ones are invited). */
export function applyPitchDetails(db: Db, now: Date, args: { event: CampEvent; pitch: Pitch; details: PitchDetails; actor: Person; baseUrl: string }): void {
  const { event, pitch, details } = args;
  checkDayAndSlots(db, event.id, details.preferredDayId, details.unavailableSlotIds);
  if (details.themeIds) {
    checkThemes(db, event.id, details.themeIds);
    tagPitch(db, pitch.id, details.themeIds);
  }
  db.update(pitches).set({ ...pitchColumns(details), updatedAt: now.getTime() }).where(eq(pitches.id, pitch.id)).run();
  syncCoFacilitators(db, now, { event, pitch, invitedBy: args.actor, emails: details.coFacilitators, baseUrl: args.baseUrl });
}

function assertFacilitatorOfLivePitch(db: Db, pitch: Pitch, person: Person): void {
  if (!facilitates(db, pitch.id, person.id)) throw new Forbidden();
  if (pitch.status === 'withdrawn' || pitch.status === 'merged') throw new RuleViolation({ title: 'This pitch has been withdrawn or merged and can no longer be changed' });
}

/**
 * A facilitator changes their pitch. Once changes need approval (the grid is published), the
 * edit waits for organisers instead, replacing any earlier edit still waiting.
 */
export function revisePitch(db: Db, now: Date, args: { event: CampEvent; pitch: Pitch; person: Person; details: PitchDetails; baseUrl: string }): 'saved' | 'awaiting-approval' {
  return db.transaction((tx) => {
    assertFacilitatorOfLivePitch(tx, args.pitch, args.person);
    checkDayAndSlots(tx, args.event.id, args.details.preferredDayId, args.details.unavailableSlotIds);
    checkThemes(tx, args.event.id, args.details.themeIds ?? []);
    assertPlaceOnDay(tx, args.event, args.person, args.details.preferredDayId);
    if (!pitchSettingsOf(tx, args.event.id).changesNeedApproval) {
      applyPitchDetails(tx, now, { ...args, actor: args.person });
      return 'saved';
    }
    const row = { pitchId: args.pitch.id, proposedBy: args.person.id, proposed: args.details, createdAt: now.getTime() };
    tx.insert(pitchChanges).values(row).onConflictDoUpdate({ target: pitchChanges.pitchId, set: row }).run();
    return 'awaiting-approval';
  });
}

/** A facilitator takes their pitch back. Interest stays recorded, but the pitch leaves the board and the grid. */
export function withdrawPitch(db: Db, now: Date, args: { event: CampEvent; pitch: Pitch; person: Person; baseUrl: string }): void {
  db.transaction((tx) => {
    assertFacilitatorOfLivePitch(tx, args.pitch, args.person);
    tx.update(pitches).set({ status: 'withdrawn', updatedAt: now.getTime() }).where(eq(pitches.id, args.pitch.id)).run();
    tx.delete(pitchChanges).where(eq(pitchChanges.pitchId, args.pitch.id)).run();
    takeOffGridAndTell(tx, now, { event: args.event, pitchId: args.pitch.id, tell: args.pitch.id, baseUrl: args.baseUrl });
  });
}

export function pendingChangeOf(db: Db, pitchId: number) {
  return db.select().from(pitchChanges).where(eq(pitchChanges.pitchId, pitchId)).get();
}

/** Pitches the person facilitates (or is invited to) at an event, for their own list. */
export function pitchesFacilitatedBy(db: Db, eventId: number, personId: number): Array<{ pitch: Pitch; confirmed: boolean }> {
  return db
    .select({ pitch: pitches, confirmed: pitchFacilitators.confirmed })
    .from(pitchFacilitators)
    .innerJoin(pitches, eq(pitches.id, pitchFacilitators.pitchId))
    .where(and(eq(pitches.eventId, eventId), eq(pitchFacilitators.personId, personId), isNotNull(pitchFacilitators.personId)))
    .orderBy(pitches.id)
    .all();
}

/**
 * The pitch a visitor reaches at this id: merged pitches lead to the pitch they were merged
 * into; hidden and withdrawn ones only to their facilitators and the organisers.
 */
export function resolveMerged(db: Db, pitch: Pitch): Pitch {
  let current = pitch;
  for (let hops = 0; current.status === 'merged' && current.mergedIntoId !== null && hops < 10; hops++) {
    const next = findPitch(db, current.mergedIntoId);
    if (!next) break;
    current = next;
  }
  return current;
}
