import { and, eq, gt, max, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { preparedQuery } from '../db/prepared.ts';
import { days } from '../events/events.table.ts';
import type { CampEvent } from '../events/events.ts';
import { findOrCreatePerson, type Person } from '../people/people.ts';
import { people, signInLinks } from '../people/people.table.ts';
import { createSignInLink } from '../people/sign-in.ts';
import { RuleViolation } from '../rules.ts';
import { newManageKey, type Links } from './manage-links.ts';
import { countPlaces, eligibilityOf, poolFor } from './places.ts';
import type { Registration, TicketType } from './registrations.ts';
import { queueTicketMail } from './ticket-mail.ts';
import { registrationNeeds, registrations, type AccessNeed, type AttendeeRole, type PlacePool, type RegistrationStatus } from './tickets.table.ts';
import { offerFreePlaces, waitingPosition } from './waiting-list.ts';
import { saveAccessNeeds } from './access-needs.ts';
import { keyForTyped } from '../organisations/names.ts';
import { recordBuddyChoice } from '../buddies/buddies.ts';
import type { BuddyRole } from '../buddies/buddies.table.ts';

export interface AttendeeDetails {
  name: string;
  email: string;
  organisation: string;
  role: AttendeeRole;
  firstCamp: boolean;
  accessNeeds: string;
  /** Ticked access needs (step-free, hearing loop, quiet room), besides the free text. */
  access?: AccessNeed[];
  dietaryNeeds: string;
  noPhotos: boolean;
  showOnAttendeeList: boolean;
  /** Asking for a first-timer's buddy or offering to be one, and whether to share addresses. */
  buddy?: { role: BuddyRole | null; shareEmail: boolean };
}

export type RegisterOutcome =
  | { kind: 'confirmed' | 'entered' | 'already-registered'; registration: Registration }
  | { kind: 'waiting'; registration: Registration; /** Their place in the queue, counting from 1. */ position: number };

const dayMs = 86_400_000;

function recentlySentLink(db: Db, email: string, now: Date): boolean {
  return !!db
    .select({ id: signInLinks.id })
    .from(signInLinks)
    .where(and(eq(signInLinks.email, email), gt(signInLinks.createdAt, now.getTime() - 10 * 60_000)))
    .get();
}

const lastDayEnd = preparedQuery((db) =>
  db
    .select({ end: max(days.endsAt) })
    .from(days)
    .where(eq(days.eventId, sql.placeholder('eventId')))
    .prepare(),
);

/** When an event's special-category data is deleted: its last day plus the days it is kept. */
export function needsDeletedAt(db: Db, event: CampEvent): number {
  const lastEnd = lastDayEnd(db).get({ eventId: event.id })?.end ?? 0;
  return lastEnd + event.needsKeptForDays * dayMs;
}

/** Whether a ticket type takes registrations now, for this person (hidden types need their code). */
export function checkOpen(type: TicketType, now: Date, accessCode: string | null): void {
  const t = now.getTime();
  if (type.visibility === 'hidden' && (accessCode ?? '').trim().toLowerCase() !== (type.accessCode ?? '').trim().toLowerCase()) {
    throw new RuleViolation({ accessCode: 'That access code is not right. Check it with whoever gave it to you.' });
  }
  if (t < type.opensAt) throw new RuleViolation({ ticketTypeId: `Registration for ${type.name} has not opened yet` });
  if (t >= type.closesAt) throw new RuleViolation({ ticketTypeId: `Registration for ${type.name} has closed` });
}

const lastQueueOrder = preparedQuery((db) =>
  db
    .select({ last: max(registrations.queueOrder) })
    .from(registrations)
    .where(eq(registrations.ticketTypeId, sql.placeholder('ticketTypeId')))
    .prepare(),
);

const insertRegistrationRow = preparedQuery((db) =>
  db
    .insert(registrations)
    .values({
      ticketTypeId: sql.placeholder('ticketTypeId'),
      personId: sql.placeholder('personId'),
      status: sql.placeholder('status'),
      pool: sql.placeholder('pool'),
      name: sql.placeholder('name'),
      organisation: sql.placeholder('organisation'),
      organisationKey: sql.placeholder('organisationKey'),
      role: sql.placeholder('role'),
      firstCamp: sql.placeholder('firstCamp'),
      noPhotos: sql.placeholder('noPhotos'),
      showOnAttendeeList: sql.placeholder('showOnAttendeeList'),
      agreedToCodeOfConductAt: sql.placeholder('agreedToCodeOfConductAt'),
      queueOrder: sql.placeholder('queueOrder'),
      offerExpiresAt: sql.placeholder('offerExpiresAt'),
      cancelledReason: sql.placeholder('cancelledReason'),
      manageKey: sql.placeholder('manageKey'),
      checkedInAt: sql.placeholder('checkedInAt'),
      importedFrom: sql.placeholder('importedFrom'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .returning()
    .prepare(),
);

// (An update's set takes a placeholder only inside sql``; these columns bind values as they are.)
const upsertNeeds = preparedQuery((db) => {
  const needs = { accessNeeds: sql`${sql.placeholder('accessNeeds')}`, dietaryNeeds: sql`${sql.placeholder('dietaryNeeds')}`, deleteAfter: sql`${sql.placeholder('deleteAfter')}` };
  return db
    .insert(registrationNeeds)
    .values({ registrationId: sql.placeholder('registrationId'), ...needs })
    .onConflictDoUpdate({ target: registrationNeeds.registrationId, set: needs })
    .prepare();
});

/**
 * Writes a registration (or reuses a released one, since a person has one row per ticket type)
 * with its needs kept apart. Callers decide the status and pool.
 */
export function insertRegistration(
  db: Db,
  now: Date,
  args: { event: CampEvent; type: TicketType; personId: number; details: AttendeeDetails; status: RegistrationStatus; pool: PlacePool | null; replacing?: Registration; importedFrom?: string },
): Registration {
  const { event, type, details } = args;
  const queueOrder = (lastQueueOrder(db).get({ ticketTypeId: type.id })?.last ?? 0) + 1;
  const values = {
    status: args.status,
    pool: args.pool,
    name: details.name,
    organisation: details.organisation,
    organisationKey: keyForTyped(db, now, details.organisation),
    role: details.role,
    firstCamp: details.firstCamp,
    noPhotos: details.noPhotos,
    showOnAttendeeList: details.showOnAttendeeList,
    agreedToCodeOfConductAt: now.getTime(),
    queueOrder,
    offerExpiresAt: null,
    cancelledReason: null,
    manageKey: newManageKey(),
    checkedInAt: null,
    importedFrom: args.importedFrom ?? null,
    updatedAt: now.getTime(),
  } as const;
  const registration = args.replacing
    ? db.update(registrations).set(values).where(eq(registrations.id, args.replacing.id)).returning().get()
    : insertRegistrationRow(db).get({ ...values, ticketTypeId: type.id, personId: args.personId, createdAt: now.getTime() })!;
  upsertNeeds(db).run({ registrationId: registration.id, accessNeeds: details.accessNeeds, dietaryNeeds: details.dietaryNeeds, deleteAfter: needsDeletedAt(db, event) });
  saveAccessNeeds(db, registration.id, details.access ?? []);
  return registration;
}

const registrationOf = preparedQuery((db) =>
  db
    .select()
    .from(registrations)
    .where(and(eq(registrations.ticketTypeId, sql.placeholder('ticketTypeId')), eq(registrations.personId, sql.placeholder('personId'))))
    .prepare(),
);

// People by their mailbox first, then each one's registration for the type: a CROSS JOIN keeps
// SQLite to that order. Left to choose, it walked every registration of the type instead, so each
// registration in a rush cost as much as the registrations before it.
const registrationByMailbox = preparedQuery((db) =>
  db
    .select({ registration: registrations, email: people.email })
    .from(people)
    .crossJoin(registrations)
    .where(
      and(
        eq(people.mailbox, sql.placeholder('mailbox')),
        eq(registrations.personId, people.id),
        eq(registrations.ticketTypeId, sql.placeholder('ticketTypeId')),
        ne(registrations.status, 'cancelled'),
      ),
    )
    // No LIMIT: .get() stops at the first row anyway, and with the limit as a bound value (as
    // drizzle writes it) SQLite took five times as long over the same two index searches.
    .prepare(),
);

/** A live registration for this ticket type by anyone whose address reaches this person's inbox. */
function heldByMailbox(db: Db, ticketTypeId: number, person: Person): { registration: Registration; email: string } | undefined {
  return registrationByMailbox(db).get({ ticketTypeId, mailbox: person.mailbox });
}

/**
 * Registers a person for a ticket type in one synchronous transaction: the capacity check and
 * the insert cannot interleave with another registration, so places never oversell. First come,
 * first served gives a place while one is free for them, else a waiting-list place; a ballot
 * takes an entry. Someone already registered is sent their link again, never a duplicate.
 */
export function registerAttendee(
  db: Db,
  now: Date,
  links: Links,
  args: { event: CampEvent; type: TicketType; details: AttendeeDetails; accessCode?: string | null },
): RegisterOutcome {
  checkEventOpen(args.event);
  checkOpen(args.type, now, args.accessCode ?? null);
  return db.transaction((tx) => registerWithin(tx, now, links, args));
}

function checkEventOpen(event: CampEvent): void {
  if (event.status !== 'published') throw new RuleViolation({ ticketTypeId: 'Registration is not open for this event' });
}

/**
 * registerAttendee's work, in a transaction the caller holds and after its checks. (Several
 * tickets at once share the caller's: they stand or fall together anyway, and a savepoint each
 * was two more statements for every registration.)
 */
function registerWithin(tx: Db, now: Date, links: Links, args: { event: CampEvent; type: TicketType; details: AttendeeDetails }): RegisterOutcome {
  const { event, type, details } = args;
  const person = findOrCreatePerson(tx, now, details.email, details.name);
  const existing = registrationOf(tx).get({ ticketTypeId: type.id, personId: person.id });
  // The same inbox under another address (someone+2@, some.one@gmail) is the same person.
  const held = existing && existing.status !== 'cancelled' ? { registration: existing, email: person.email } : heldByMailbox(tx, type.id, person);
  if (held) {
    // Someone typing another person's address again and again must not flood their inbox.
    if (!recentlySentLink(tx, held.email, now)) {
      const signInLink = createSignInLink(tx, now, { email: held.email, baseUrl: links.baseUrl, next: '/me', lifetimeMs: 24 * 3_600_000 });
      queueTicketMail(tx, now, links, { event, type, registration: held.registration, to: held.email }, { kind: 'already-registered', signInLink });
    }
    return { kind: 'already-registered', registration: held.registration } as const;
  }

  const ballot = type.allocation === 'ballot';
  let places = countPlaces(tx, type, now);
  // People already waiting come first: offer them anything free before this newcomer. (Once
  // the places are gone, as for most of a rush, there is nothing to offer and nothing to recount.)
  if (places.totalHeld < places.released && offerFreePlaces(tx, now, links, type) > 0) places = countPlaces(tx, type, now);
  const pool = ballot ? null : poolFor(places, eligibilityOf(details));
  const status = ballot ? 'entered' : pool ? 'confirmed' : 'waiting';
  const registration = insertRegistration(tx, now, { event, type, personId: person.id, details, status, pool, replacing: existing });
  const ctx = { event, type, registration, to: person.email };
  const signInLink = createSignInLink(tx, now, { email: person.email, baseUrl: links.baseUrl, next: '/me', lifetimeMs: 24 * 3_600_000 });
  if (status === 'confirmed') queueTicketMail(tx, now, links, ctx, { kind: 'confirmed', signInLink });
  else if (status === 'entered') queueTicketMail(tx, now, links, ctx, { kind: 'entered', drawAt: type.drawAt ?? type.closesAt, signInLink });
  if (status === 'waiting') {
    const position = waitingPosition(tx, registration);
    queueTicketMail(tx, now, links, ctx, { kind: 'waiting', position, signInLink });
    return { kind: status, registration, position };
  }
  return { kind: status, registration };
}

/**
 * Registers a person for several ticket types at once (Friday and Saturday, say), each by its
 * own rules: capacity, waves, ballot, waiting list. All or none: if one type is not open to
 * them, nothing is registered.
 */
export function registerForTickets(
  db: Db,
  now: Date,
  links: Links,
  args: { event: CampEvent; types: TicketType[]; details: AttendeeDetails; accessCode?: string | null },
): Array<{ type: TicketType; outcome: RegisterOutcome }> {
  const { types, ...rest } = args;
  checkEventOpen(args.event);
  for (const type of types) checkOpen(type, now, args.accessCode ?? null);
  return db.transaction((tx) => {
    const results = types.map((type) => ({ type, outcome: registerWithin(tx, now, links, { ...rest, type }) }));
    // Someone typing an address already registered changes nothing of theirs, buddies included.
    const fresh = results.find((r) => r.outcome.kind !== 'already-registered');
    if (fresh && args.details.buddy) recordBuddyChoice(tx, now, { eventId: args.event.id, personId: fresh.outcome.registration.personId, ...args.details.buddy });
    return results;
  });
}
