import { and, asc, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { composeMail } from '../mail/compose.ts';
import { queueMail } from '../mail/outbox.ts';
import { displayName, findOrCreatePerson, normaliseEmail, type Person } from '../people/people.ts';
import { people } from '../people/people.table.ts';
import { NotFound, RuleViolation } from '../rules.ts';
import { daysWithPlace, isRegisteredFor } from '../tickets/registrations.ts';
import { pitchFacilitators, pitches } from './pitches.table.ts';

type PitchRef = { id: number; title: string; createdBy: number | null };

/** Co-facilitators a pitch may have besides the person who pitched it. */
export const maxCoFacilitators = 4;

/**
 * The people behind the addresses, who must not include the one inviting. Whether each has a
 * place is not said here: the form would tell anyone who has one. The invitation says it
 * instead, and only someone with a confirmed place can accept.
 */
function coFacilitatorsFor(db: Db, now: Date, invitedBy: Person, emails: string[]): Person[] {
  const wanted = [...new Set(emails.map(normaliseEmail))];
  if (wanted.length > maxCoFacilitators) throw new RuleViolation({ coFacilitators: `A pitch can have up to ${maxCoFacilitators} co-facilitators` });
  if (wanted.includes(invitedBy.email)) throw new RuleViolation({ coFacilitators: 'You are already a facilitator: list only the other people running it' });
  return wanted.map((email) => findOrCreatePerson(db, now, email));
}

function invite(db: Db, now: Date, args: { event: CampEvent; pitch: PitchRef; invitedBy: Person; person: Person; baseUrl: string }): void {
  db.insert(pitchFacilitators).values({ pitchId: args.pitch.id, personId: args.person.id, confirmed: false, createdAt: now.getTime() }).onConflictDoNothing().run();
  queueMail(db, now, {
    to: args.person.email,
    ...composeMail('pitch-co-facilitator', `Will you co-facilitate “${args.pitch.title}” at ${args.event.name}?`, {
      eventName: args.event.name,
      title: args.pitch.title,
      inviter: displayName(args.invitedBy),
      link: `${args.baseUrl}/events/${args.event.slug}/pitches/invitations`,
      registerLink: isRegisteredFor(db, args.event.id, args.person.id) ? null : `${args.baseUrl}/events/${args.event.slug}/register`,
    }),
  });
}

/** Invites co-facilitators to a new pitch; each is emailed and confirms before they are shown. */
export function inviteCoFacilitators(db: Db, now: Date, args: { event: CampEvent; pitch: PitchRef; invitedBy: Person; emails: string[]; baseUrl: string }): void {
  for (const person of coFacilitatorsFor(db, now, args.invitedBy, args.emails)) invite(db, now, { ...args, person });
}

/**
 * Makes a pitch's co-facilitators the ones listed: new addresses are invited, missing ones
 * removed. The person who pitched it always stays.
 */
export function syncCoFacilitators(db: Db, now: Date, args: { event: CampEvent; pitch: PitchRef; invitedBy: Person; emails: string[]; baseUrl: string }): void {
  const everyone = db
    .select({ id: pitchFacilitators.id, personId: pitchFacilitators.personId, email: people.email })
    .from(pitchFacilitators)
    .innerJoin(people, eq(people.id, pitchFacilitators.personId))
    .where(eq(pitchFacilitators.pitchId, args.pitch.id))
    .all();
  const wanted = [...new Set(args.emails.map(normaliseEmail))];
  const gone = everyone.filter((f) => f.personId !== args.pitch.createdBy && !wanted.includes(f.email)).map((f) => f.id);
  if (gone.length) db.delete(pitchFacilitators).where(inArray(pitchFacilitators.id, gone)).run();
  const already = new Set(everyone.map((f) => f.email));
  const added = wanted.filter((e) => !already.has(e));
  const lead = everyone.find((f) => f.personId === args.pitch.createdBy)?.email;
  if (wanted.filter((e) => e !== lead).length > maxCoFacilitators) {
    throw new RuleViolation({ coFacilitators: `A pitch can have up to ${maxCoFacilitators} co-facilitators` });
  }
  for (const person of coFacilitatorsFor(db, now, args.invitedBy, added)) invite(db, now, { ...args, person });
}

/** Invitations to co-facilitate at an event that the person has not answered yet. */
export function pendingInvitations(db: Db, eventId: number, personId: number) {
  return db
    .select({ pitch: pitches })
    .from(pitchFacilitators)
    .innerJoin(pitches, eq(pitches.id, pitchFacilitators.pitchId))
    .where(and(eq(pitches.eventId, eventId), eq(pitchFacilitators.personId, personId), eq(pitchFacilitators.confirmed, false), inArray(pitches.status, ['open', 'hidden'])))
    .orderBy(pitches.id)
    .all()
    .map((r) => r.pitch);
}

/** An invited co-facilitator says yes (and is shown on the pitch) or no (and is taken off it). */
export function answerInvitation(db: Db, args: { pitchId: number; personId: number; accept: boolean }): void {
  db.transaction((tx) => {
    const where = and(eq(pitchFacilitators.pitchId, args.pitchId), eq(pitchFacilitators.personId, args.personId), eq(pitchFacilitators.confirmed, false));
    if (!tx.select({ id: pitchFacilitators.id }).from(pitchFacilitators).where(where).get()) throw new NotFound();
    if (args.accept) tx.update(pitchFacilitators).set({ confirmed: true }).where(where).run();
    else tx.delete(pitchFacilitators).where(where).run();
  });
}

/**
 * The public names of the confirmed facilitators of every pitch matching `which` (a condition on
 * pitches), by pitch, in one query: people by their name, walk-ins as typed.
 */
export function facilitatorNamesByPitch(db: Db, which: SQL | undefined): Map<number, string[]> {
  const names = new Map<number, string[]>();
  const rows = db
    .select({ pitchId: pitchFacilitators.pitchId, walkInName: pitchFacilitators.walkInName, name: people.name, email: people.email })
    .from(pitchFacilitators)
    .innerJoin(pitches, eq(pitches.id, pitchFacilitators.pitchId))
    .leftJoin(people, eq(people.id, pitchFacilitators.personId))
    .where(and(which, eq(pitchFacilitators.confirmed, true)))
    .orderBy(asc(pitchFacilitators.id))
    .all();
  for (const f of rows) {
    const name = f.email ? displayName({ name: f.name ?? '', email: f.email }) : (f.walkInName ?? '');
    const list = names.get(f.pitchId);
    if (list) list.push(name);
    else names.set(f.pitchId, [name]);
  }
  return names;
}

/**
 * The sessions on the board a person runs that would lose them if they released the place
 * `registrationId`: those on (or preferring) a day no other place of theirs covers, or every
 * one when it is their last place.
 */
export function sessionsLosingFacilitator(db: Db, eventId: number, personId: number, registrationId: number): string[] {
  const left = daysWithPlace(db, eventId, personId, registrationId);
  return db
    .select({ title: pitches.title, pinnedDayId: pitches.pinnedDayId, preferredDayId: pitches.preferredDayId })
    .from(pitchFacilitators)
    .innerJoin(pitches, eq(pitches.id, pitchFacilitators.pitchId))
    .where(and(eq(pitches.eventId, eventId), eq(pitches.status, 'open'), eq(pitchFacilitators.personId, personId), isNotNull(pitchFacilitators.personId), eq(pitchFacilitators.confirmed, true)))
    .orderBy(asc(pitches.id))
    .all()
    .filter((p) => {
      const day = p.pinnedDayId ?? p.preferredDayId;
      return left.size === 0 || (day !== null && !left.has(day));
    })
    .map((p) => p.title);
}
