import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { preparedQuery } from '../db/prepared.ts';
import { RuleViolation } from '../rules.ts';
import { days, eventOrganisers, events, slots, type EventStatus } from './events.table.ts';
import { instantOf, localClockTime, localDate } from './local-time.ts';

export type CampEvent = typeof events.$inferSelect;

export interface EventDetails {
  name: string;
  slug: string;
  summary: string;
  description: string;
  timeZone: string;
  venueName: string;
  venueAddress: string;
  travelInformation: string;
  accessInformation: string;
  codeOfConduct: string;
  reconfirmDaysBefore: number | null;
  needsKeptForDays: number;
}

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Words a slug may not take because they are pages of their own under /events/. */
const reservedSlugs = new Set(['new', 'organise', 'admin', 'static', 'feeds']);

/** An event's details as organisers edit them. */
export function eventDetailsOf(e: CampEvent): EventDetails {
  return {
    name: e.name,
    slug: e.slug,
    summary: e.summary,
    description: e.description,
    timeZone: e.timeZone,
    venueName: e.venueName,
    venueAddress: e.venueAddress,
    travelInformation: e.travelInformation,
    accessInformation: e.accessInformation,
    codeOfConduct: e.codeOfConduct,
    reconfirmDaysBefore: e.reconfirmDaysBefore,
    needsKeptForDays: e.needsKeptForDays,
  };
}

const eventBySlug = preparedQuery((db) =>
  db
    .select()
    .from(events)
    .where(eq(events.slug, sql.placeholder('slug')))
    .prepare(),
);

export function findEventBySlug(db: Db, slug: string): CampEvent | undefined {
  return eventBySlug(db).get({ slug });
}

export function findEventById(db: Db, eventId: number): CampEvent | undefined {
  return db.select().from(events).where(eq(events.id, eventId)).get();
}

function assertSlugFree(db: Db, slug: string, exceptId?: number): void {
  if (reservedSlugs.has(slug)) throw new RuleViolation({ slug: `“${slug}” is reserved; choose another web address` });
  const taken = db
    .select({ id: events.id })
    .from(events)
    .where(exceptId === undefined ? eq(events.slug, slug) : and(eq(events.slug, slug), ne(events.id, exceptId)))
    .get();
  if (taken) throw new RuleViolation({ slug: 'Another event already uses this web address; choose another' });
}

/** Creates a draft event; the administrator who creates it becomes its owner. */
export function createEvent(db: Db, now: Date, details: EventDetails, ownerId: number): CampEvent {
  return db.transaction((tx) => {
    assertSlugFree(tx, details.slug);
    const event = tx
      .insert(events)
      .values({ ...details, status: 'draft', createdAt: now.getTime(), updatedAt: now.getTime() })
      .returning()
      .get();
    tx.insert(eventOrganisers).values({ eventId: event.id, personId: ownerId, role: 'owner', createdAt: now.getTime() }).run();
    return event;
  });
}

/**
 * Saves an event's details. A change of time zone keeps every day and slot at the same local
 * wall-clock time in the new zone, which is what an organiser correcting the zone means.
 */
export function updateEvent(db: Db, now: Date, eventId: number, details: EventDetails): CampEvent {
  return db.transaction((tx) => {
    const before = tx.select().from(events).where(eq(events.id, eventId)).get();
    if (!before) throw new RuleViolation({ name: 'This event no longer exists' });
    assertSlugFree(tx, details.slug, eventId);
    if (before.timeZone !== details.timeZone) moveToZone(tx, eventId, before.timeZone, details.timeZone);
    return tx
      .update(events)
      .set({ ...details, updatedAt: now.getTime() })
      .where(eq(events.id, eventId))
      .returning()
      .get();
  });
}

function moveToZone(db: Db, eventId: number, from: string, to: string): void {
  const shift = (instant: number): number => {
    const moved = instantOf(localDate(instant, from), localClockTime(instant, from), to);
    if (moved === null) throw new RuleViolation({ timeZone: 'A day or slot time does not exist in that time zone (clocks change then)' });
    return moved;
  };
  const eventDays = db.select().from(days).where(eq(days.eventId, eventId)).all();
  for (const day of eventDays) {
    db.update(days).set({ startsAt: shift(day.startsAt), endsAt: shift(day.endsAt) }).where(eq(days.id, day.id)).run();
    for (const slot of db.select().from(slots).where(eq(slots.dayId, day.id)).all()) {
      db.update(slots).set({ startsAt: shift(slot.startsAt), endsAt: shift(slot.endsAt) }).where(eq(slots.id, slot.id)).run();
    }
  }
}

/** An archived camp has happened: its pages stay as the record, but nothing more can be pitched or marked. */
export function campIsOver(event: Pick<CampEvent, 'status'>): boolean {
  return event.status === 'archived';
}

/** What pitching and "I'd go" answer once a camp is archived. */
export const campOverMessage = (event: Pick<CampEvent, 'name'>) => `${event.name} is over, so sessions can no longer be pitched or marked “I’d go”.`;

const allowedMoves: Record<EventStatus, EventStatus[]> = {
  draft: ['published'],
  published: ['draft', 'archived'],
  archived: ['published'],
};

/**
 * Moves an event along draft → published → archived (or back a step). Publishing needs at
 * least one day, so the public page is never empty.
 */
export function changeEventStatus(db: Db, now: Date, eventId: number, to: EventStatus): CampEvent {
  return db.transaction((tx) => {
    const event = tx.select().from(events).where(eq(events.id, eventId)).get();
    if (!event) throw new RuleViolation({ status: 'This event no longer exists' });
    if (!allowedMoves[event.status].includes(to)) {
      const article = event.status === 'archived' ? 'An' : 'A';
      throw new RuleViolation({ status: `${article} ${event.status} event cannot be made ${to}` });
    }
    if (to === 'published' && !tx.select({ id: days.id }).from(days).where(eq(days.eventId, eventId)).get()) {
      throw new RuleViolation({ status: 'Add at least one day before publishing the event' });
    }
    return tx.update(events).set({ status: to, updatedAt: now.getTime() }).where(eq(events.id, eventId)).returning().get();
  });
}

export interface ListedEvent {
  event: CampEvent;
  dates: string[];
  /** When the last day closes; null while the event has no days. */
  endsAt: number | null;
}

/** Published and archived events with their dates, split into upcoming and past by their last day. */
export function listPublicEvents(db: Db, now: Date): { upcoming: ListedEvent[]; past: ListedEvent[] } {
  const visible = db
    .select()
    .from(events)
    .where(inArray(events.status, ['published', 'archived']))
    .orderBy(desc(events.createdAt))
    .all();
  const listed = withDates(db, visible);
  const today = now.getTime();
  const upcoming = listed.filter((e) => e.event.status === 'published' && (e.endsAt === null || e.endsAt >= today));
  const past = listed.filter((e) => !upcoming.includes(e));
  upcoming.sort((a, b) => (a.dates[0] ?? '9999').localeCompare(b.dates[0] ?? '9999'));
  past.sort((a, b) => (b.dates[0] ?? '').localeCompare(a.dates[0] ?? ''));
  return { upcoming, past };
}

export function withDates(db: Db, list: CampEvent[]): ListedEvent[] {
  if (list.length === 0) return [];
  const rows = db
    .select({ eventId: days.eventId, date: days.date, endsAt: days.endsAt })
    .from(days)
    .where(inArray(days.eventId, list.map((e) => e.id)))
    .orderBy(asc(days.date))
    .all();
  return list.map((event) => {
    const own = rows.filter((r) => r.eventId === event.id);
    return { event, dates: own.map((r) => r.date), endsAt: own.length ? Math.max(...own.map((r) => r.endsAt)) : null };
  });
}

export function daysOf(db: Db, eventId: number) {
  return db.select().from(days).where(eq(days.eventId, eventId)).orderBy(asc(days.date)).all();
}
