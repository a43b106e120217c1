import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { composeMail } from '../mail/compose.ts';
import { queueMail } from '../mail/outbox.ts';
import { people } from '../people/people.table.ts';
import { findOrCreatePerson, type Person } from '../people/people.ts';
import { createSignInLink } from '../people/sign-in.ts';
import { RuleViolation } from '../rules.ts';
import { eventOrganisers, events, type OrganiserRole } from './events.table.ts';
import { withArticle } from '../words.ts';
import type { CampEvent } from './events.ts';

export const organiserRoleLabels: Record<OrganiserRole, string> = {
  owner: 'Owner',
  organiser: 'Organiser',
  helper: 'Helper',
};

const rank: Record<OrganiserRole, number> = { helper: 1, organiser: 2, owner: 3 };

/**
 * What a person may do at an event: owners manage the team, organisers set the event up,
 * helpers work the day (pitch desk, check-in). Administrators count as owners everywhere.
 */
export function hasRole(role: OrganiserRole | null, atLeast: OrganiserRole): boolean {
  return role !== null && rank[role] >= rank[atLeast];
}

export function roleAt(db: Db, person: Person, eventId: number): OrganiserRole | null {
  if (person.isAdministrator) return 'owner';
  const row = db
    .select({ role: eventOrganisers.role })
    .from(eventOrganisers)
    .where(and(eq(eventOrganisers.eventId, eventId), eq(eventOrganisers.personId, person.id)))
    .get();
  return row?.role ?? null;
}

/** Whether a person is on any event's team (administrators always are): the site menu offers "Organise". */
export function organisesAnything(db: Db, person: Person): boolean {
  return person.isAdministrator || (db.select({ n: count() }).from(eventOrganisers).where(eq(eventOrganisers.personId, person.id)).get()?.n ?? 0) > 0;
}

/** The events a person organises (every event, for administrators), newest first. */
export function eventsOrganisedBy(db: Db, person: Person): Array<{ event: CampEvent; role: OrganiserRole }> {
  if (person.isAdministrator) {
    return db
      .select()
      .from(events)
      .orderBy(asc(events.status), asc(events.name))
      .all()
      .map((event) => ({ event, role: 'owner' as const }));
  }
  return db
    .select({ event: events, role: eventOrganisers.role })
    .from(eventOrganisers)
    .innerJoin(events, eq(events.id, eventOrganisers.eventId))
    .where(eq(eventOrganisers.personId, person.id))
    .orderBy(asc(events.status), asc(events.name))
    .all();
}

export interface TeamMember {
  id: number;
  role: OrganiserRole;
  person: Person;
}

export function teamOf(db: Db, eventId: number): TeamMember[] {
  return db
    .select({ id: eventOrganisers.id, role: eventOrganisers.role, person: people })
    .from(eventOrganisers)
    .innerJoin(people, eq(people.id, eventOrganisers.personId))
    .where(eq(eventOrganisers.eventId, eventId))
    .orderBy(asc(people.email))
    .all();
}

/**
 * Adds someone to the event's team and emails them a sign-in link to it. Inviting a current
 * member is refused rather than silently changing their role.
 */
export function inviteOrganiser(
  db: Db,
  now: Date,
  args: { event: CampEvent; email: string; role: OrganiserRole; invitedBy: Person; baseUrl: string },
): TeamMember {
  return db.transaction((tx) => {
    const person = findOrCreatePerson(tx, now, args.email);
    const existing = tx
      .select({ id: eventOrganisers.id })
      .from(eventOrganisers)
      .where(and(eq(eventOrganisers.eventId, args.event.id), eq(eventOrganisers.personId, person.id)))
      .get();
    if (existing) throw new RuleViolation({ email: 'This person is already on the team' });
    const row = tx
      .insert(eventOrganisers)
      .values({ eventId: args.event.id, personId: person.id, role: args.role, invitedBy: args.invitedBy.id, createdAt: now.getTime() })
      .returning()
      .get();
    // Invitations are read days later, so the link lasts a week rather than 20 minutes.
    const link = createSignInLink(tx, now, {
      email: person.email,
      baseUrl: args.baseUrl,
      next: `/organise/events/${args.event.slug}`,
      lifetimeMs: 7 * 24 * 60 * 60 * 1000,
    });
    queueMail(tx, now, {
      to: person.email,
      ...composeMail('organiser-invitation', `You’re invited to help organise ${args.event.name}`, {
        eventName: args.event.name,
        role: withArticle(organiserRoleLabels[args.role].toLowerCase()),
        inviter: args.invitedBy.name || args.invitedBy.email,
        link,
      }),
    });
    return { id: row.id, role: row.role, person };
  });
}

function owners(db: Db, eventId: number): number {
  return db
    .select({ n: count() })
    .from(eventOrganisers)
    .where(and(eq(eventOrganisers.eventId, eventId), eq(eventOrganisers.role, 'owner')))
    .get()!.n;
}

function memberOf(db: Db, eventId: number, memberId: number) {
  const member = db
    .select()
    .from(eventOrganisers)
    .where(and(eq(eventOrganisers.eventId, eventId), eq(eventOrganisers.id, memberId)))
    .get();
  if (!member) throw new RuleViolation({ role: 'This person is no longer on the team' });
  return member;
}

/** Changes a team member's role; an event always keeps at least one owner. */
export function changeOrganiserRole(db: Db, eventId: number, memberId: number, role: OrganiserRole): void {
  db.transaction((tx) => {
    const member = memberOf(tx, eventId, memberId);
    if (member.role === 'owner' && role !== 'owner' && owners(tx, eventId) <= 1) {
      throw new RuleViolation({ role: 'An event needs at least one owner; make someone else an owner first' });
    }
    tx.update(eventOrganisers).set({ role }).where(eq(eventOrganisers.id, memberId)).run();
  });
}

/** Removes someone from the team; the last owner cannot be removed. */
export function removeOrganiser(db: Db, eventId: number, memberId: number): void {
  db.transaction((tx) => {
    const member = memberOf(tx, eventId, memberId);
    if (member.role === 'owner' && owners(tx, eventId) <= 1) {
      throw new RuleViolation({ role: 'An event needs at least one owner; make someone else an owner first' });
    }
    tx.delete(eventOrganisers).where(eq(eventOrganisers.id, memberId)).run();
  });
}
