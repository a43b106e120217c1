import { asc, eq, inArray, isNotNull, lt, min, and, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { days, events } from '../events/events.table.ts';
import { registrations, ticketTypes, type RegistrationStatus } from '../tickets/tickets.table.ts';
import { people } from './people.table.ts';

/**
 * Whether a registration is someone's first camp, as far as this site can tell. People say so
 * themselves when they register; where the site has checked people in at earlier camps (its own
 * or imported from earlier years), it also knows, and both are kept: where they disagree the
 * organiser sees both (someone may have come to camps elsewhere, or forgotten).
 */
export interface FirstCampFact {
  /** What they said when they registered (null when never asked: imported from another system). */
  said: boolean | null;
  /** Whether anyone was checked in at a camp here before this one: without that, only their word exists. */
  known: boolean;
  /** Camps here before this one where they were checked in, earliest first. */
  earlier: Array<{ name: string; slug: string }>;
  /** Never checked in at an earlier camp here (null where the site has no earlier camps to tell). */
  firstHere: boolean | null;
  disagrees: boolean;
}

const eventStarts = (db: Db) =>
  db.select({ eventId: days.eventId, startsAt: min(days.startsAt).as('starts_at') }).from(days).groupBy(days.eventId).as('event_starts');

/** When an event starts: its first day (null for an event with no days yet). */
function startOf(db: Db, eventId: number): number | null {
  return db.select({ startsAt: min(days.startsAt) }).from(days).where(eq(days.eventId, eventId)).get()?.startsAt ?? null;
}

/** Camps starting before `before` where each mailbox was checked in, earliest first. */
function checkInsBefore(db: Db, before: number, mailboxes: string[]): Map<string, Array<{ name: string; slug: string }>> {
  const found = new Map<string, Array<{ name: string; slug: string }>>();
  if (mailboxes.length === 0) return found;
  const starts = eventStarts(db);
  const rows = db
    .selectDistinct({ mailbox: people.mailbox, name: events.name, slug: events.slug, startsAt: starts.startsAt })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .innerJoin(events, eq(events.id, ticketTypes.eventId))
    .innerJoin(starts, eq(starts.eventId, events.id))
    .where(and(isNotNull(registrations.checkedInAt), lt(starts.startsAt, before), inArray(people.mailbox, mailboxes)))
    .orderBy(asc(starts.startsAt))
    .all();
  for (const row of rows) found.set(row.mailbox, [...(found.get(row.mailbox) ?? []), { name: row.name, slug: row.slug }]);
  return found;
}

/** Whether anyone at all was checked in at a camp here that started before `before`. */
function historyBefore(db: Db, before: number): boolean {
  const starts = eventStarts(db);
  return !!db
    .select({ id: registrations.id })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .innerJoin(starts, eq(starts.eventId, ticketTypes.eventId))
    .where(and(isNotNull(registrations.checkedInAt), lt(starts.startsAt, before)))
    .limit(1)
    .get();
}

function factOf(said: boolean | null, known: boolean, earlier: FirstCampFact['earlier']): FirstCampFact {
  const firstHere = known ? earlier.length === 0 : null;
  return { said, known, earlier, firstHere, disagrees: firstHere !== null && said !== null && firstHere !== said };
}

/**
 * First-camp facts for people at one event, in two queries whatever their number: give each
 * person's id and what they said. A person is their mailbox, so check-ins under another
 * address of the same inbox count.
 */
export function firstCampFacts(db: Db, eventId: number, personIds: number[]): (personId: number, said: boolean | null) => FirstCampFact {
  const start = startOf(db, eventId);
  const known = start !== null && historyBefore(db, start);
  const ids = [...new Set(personIds)];
  const mailboxOf = new Map(
    known && ids.length > 0 ? db.select({ id: people.id, mailbox: people.mailbox }).from(people).where(inArray(people.id, ids)).all().map((p) => [p.id, p.mailbox]) : [],
  );
  const earlier = known ? checkInsBefore(db, start!, [...new Set(mailboxOf.values())]) : new Map<string, FirstCampFact['earlier']>();
  return (personId, said) => factOf(said, known, earlier.get(mailboxOf.get(personId) ?? '') ?? []);
}

export interface CampInHistory {
  event: { id: number; name: string; slug: string; timeZone: string };
  startsAt: number | null;
  tickets: Array<{ name: string; status: RegistrationStatus; checkedIn: boolean; imported: boolean }>;
  /** Checked in on any of its tickets. */
  attended: boolean;
  /** Came from an earlier year's records (an Eventbrite import) rather than registering here. */
  imported: boolean;
  firstCamp: FirstCampFact;
}

/**
 * A person's camps here, earliest first: what they registered for and whether they came
 * (checked in), including camps imported from earlier years, under any address of their inbox.
 */
export function campHistoryOf(db: Db, person: { id: number; mailbox: string }): CampInHistory[] {
  const starts = eventStarts(db);
  const rows = db
    .select({ event: { id: events.id, name: events.name, slug: events.slug, timeZone: events.timeZone }, startsAt: starts.startsAt, ticket: ticketTypes.name, registration: { status: registrations.status, checkedInAt: registrations.checkedInAt, importedFrom: registrations.importedFrom, firstCamp: registrations.firstCamp } })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .innerJoin(events, eq(events.id, ticketTypes.eventId))
    .leftJoin(starts, eq(starts.eventId, events.id))
    .where(sql`${people.mailbox} = ${person.mailbox || '\u0000'} or ${people.id} = ${person.id}`)
    .orderBy(asc(starts.startsAt), asc(events.id), asc(ticketTypes.displayOrder), asc(ticketTypes.id))
    .all();
  const camps = new Map<number, CampInHistory & { said: boolean | null }>();
  for (const row of rows) {
    const camp: CampInHistory & { said: boolean | null } = camps.get(row.event.id) ?? { event: row.event, startsAt: row.startsAt, tickets: [], attended: false, imported: false, firstCamp: factOf(null, false, []), said: null };
    const r = row.registration;
    camp.tickets.push({ name: row.ticket, status: r.status, checkedIn: r.checkedInAt !== null, imported: r.importedFrom !== null });
    camp.attended ||= r.checkedInAt !== null;
    camp.imported ||= r.importedFrom !== null;
    // An imported registration's "first camp" was never asked: only a registration here says it.
    if (r.importedFrom === null) camp.said = (camp.said ?? false) || r.firstCamp;
    camps.set(row.event.id, camp);
  }
  const list = [...camps.values()];
  return list.map(({ said, ...camp }) => {
    const before = list.filter((c) => c.attended && c.startsAt !== null && camp.startsAt !== null && c.startsAt < camp.startsAt);
    const known = camp.startsAt !== null && historyBefore(db, camp.startsAt);
    return { ...camp, firstCamp: factOf(said, known, before.map((c) => ({ name: c.event.name, slug: c.event.slug }))) };
  });
}
