import { and, asc, count, eq, inArray, max, min, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { preparedQuery } from '../db/prepared.ts';
import { days, events } from '../events/events.table.ts';
import { RuleViolation } from '../rules.ts';
import { holdingStatuses, type TicketType } from './registrations.ts';
import { registrations, releaseWaves, ticketTypes, type Allocation } from './tickets.table.ts';

export type ReleaseWave = typeof releaseWaves.$inferSelect;

export interface TicketTypeDetails {
  name: string;
  description: string;
  dayIds: number[];
  capacity: number;
  opensAt: number;
  closesAt: number;
  visibility: 'public' | 'hidden';
  accessCode: string | null;
  allocation: Allocation;
  drawAt: number | null;
  perOrganisationCap: number | null;
  reservedForFirstTimers: number;
  reservedForCouncillors: number;
  reservedUntil: number | null;
  offerHours: number;
  lastMinuteOfferHours: number;
  displayOrder: number;
  /** Release waves; empty means the whole capacity is released when registration opens. */
  waves: Array<{ releasesAt: number; places: number }>;
}

export function ticketTypesOf(db: Db, eventId: number): TicketType[] {
  return db.select().from(ticketTypes).where(eq(ticketTypes.eventId, eventId)).orderBy(asc(ticketTypes.displayOrder), asc(ticketTypes.id)).all();
}

const ticketTypeAt = preparedQuery((db) =>
  db
    .select()
    .from(ticketTypes)
    .where(and(eq(ticketTypes.eventId, sql.placeholder('eventId')), eq(ticketTypes.id, sql.placeholder('id'))))
    .prepare(),
);

export function findTicketType(db: Db, eventId: number, id: number): TicketType | undefined {
  return ticketTypeAt(db).get({ eventId, id });
}

const wavesOfType = preparedQuery((db) =>
  db
    .select()
    .from(releaseWaves)
    .where(eq(releaseWaves.ticketTypeId, sql.placeholder('ticketTypeId')))
    .orderBy(asc(releaseWaves.releasesAt))
    .prepare(),
);

export function wavesOf(db: Db, ticketTypeId: number): ReleaseWave[] {
  return wavesOfType(db).all({ ticketTypeId });
}

/**
 * Places released so far: the whole capacity once registration opens, or, with waves, the
 * waves whose time has come (never more than the capacity).
 */
export function releasedPlaces(type: TicketType, waves: ReleaseWave[], now: Date): number {
  const t = now.getTime();
  if (t < type.opensAt) return 0;
  if (waves.length === 0) return type.capacity;
  return Math.min(type.capacity, waves.filter((w) => w.releasesAt <= t).reduce((sum, w) => sum + w.places, 0));
}

const eventStart = preparedQuery((db) =>
  db
    .select({ start: min(days.startsAt) })
    .from(days)
    .where(eq(days.eventId, sql.placeholder('eventId')))
    .prepare(),
);

/** When the first day the ticket covers opens (the event's first day if it names none). */
export function firstDayStart(db: Db, type: TicketType): number | null {
  // A list of days makes a different query each time; a whole event's days, one prepared query.
  const first = type.dayIds.length
    ? db.select({ start: min(days.startsAt) }).from(days).where(inArray(days.id, type.dayIds)).get()
    : eventStart(db).get({ eventId: type.eventId });
  return first?.start ?? null;
}

/**
 * Why a reserved share would hold nothing, or null if it can apply: a ballot gives its places
 * at the draw, so the share must still be held then; first come, first served gives places
 * from the first release (opening, or the first wave), so it must be held past that.
 */
function reservationHoldsNothing(d: Pick<TicketTypeDetails, 'allocation' | 'drawAt' | 'opensAt' | 'reservedUntil' | 'waves'>): string | null {
  if (d.reservedUntil === null) return null;
  if (d.allocation === 'ballot') {
    if (d.drawAt !== null && d.reservedUntil <= d.drawAt) return 'Hold reserved places until after the draw; held only until the draw or earlier, the draw gives none of them out';
    return null;
  }
  const firstRelease = d.waves.length ? Math.max(d.opensAt, Math.min(...d.waves.map((w) => w.releasesAt))) : d.opensAt;
  if (d.reservedUntil <= firstRelease) return 'Hold reserved places until after the first places are released; held only until then or earlier, they are never held for anyone';
  return null;
}

/**
 * Once the last day a ticket covers has closed, or the event is archived, the camp is over for
 * that ticket: no offer, wave, draw or reminder goes out, and no place can be claimed.
 */
export function campIsOver(db: Db, type: TicketType, now: Date): boolean {
  const event = db.select({ status: events.status }).from(events).where(eq(events.id, type.eventId)).get();
  if (!event || event.status === 'archived') return true;
  const lastEnd = db.select({ end: max(days.endsAt) }).from(days);
  const last = (type.dayIds.length ? lastEnd.where(inArray(days.id, type.dayIds)) : lastEnd.where(eq(days.eventId, type.eventId))).get();
  return last?.end != null && last.end <= now.getTime();
}

function checkDetails(db: Db, eventId: number, d: TicketTypeDetails): void {
  const errors: Record<string, string> = {};
  const eventDayIds = new Set(db.select({ id: days.id }).from(days).where(eq(days.eventId, eventId)).all().map((r) => r.id));
  if (d.dayIds.some((id) => !eventDayIds.has(id))) errors.dayIds = 'Choose days of this event';
  if (d.closesAt <= d.opensAt) errors.closesAt = 'Registration must close after it opens';
  if (d.visibility === 'hidden' && !d.accessCode) errors.accessCode = 'Enter an access code for a hidden ticket type';
  if (d.allocation === 'ballot') {
    if (d.drawAt === null) errors.drawAt = 'Enter when the ballot is drawn';
    else if (d.drawAt < d.closesAt) errors.drawAt = 'The draw must be at or after registration closes';
  }
  if (d.reservedForFirstTimers + d.reservedForCouncillors > d.capacity) {
    errors.reservedForFirstTimers = 'Reserved places cannot add up to more than the capacity';
  } else if ((d.reservedForFirstTimers > 0 || d.reservedForCouncillors > 0) && d.reservedUntil === null) {
    errors.reservedUntil = 'Enter until when the reserved places are held';
  } else if (d.reservedForFirstTimers > 0 || d.reservedForCouncillors > 0) {
    const heldNothing = reservationHoldsNothing(d);
    if (heldNothing) errors.reservedUntil = heldNothing;
  }
  const waveTotal = d.waves.reduce((s, w) => s + w.places, 0);
  if (d.waves.length > 0 && waveTotal !== d.capacity) errors.waves = `The waves release ${waveTotal} places but the capacity is ${d.capacity}; make them add up`;
  if (d.waves.some((w) => w.releasesAt < d.opensAt || w.releasesAt >= d.closesAt)) errors.waves = 'Each wave must be released while registration is open';
  if (Object.keys(errors).length) throw new RuleViolation(errors);
}

function heldPlaces(db: Db, ticketTypeId: number): number {
  return db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.ticketTypeId, ticketTypeId), inArray(registrations.status, holdingStatuses)))
    .get()!.n;
}

const columnsOf = ({ waves: _waves, ...columns }: TicketTypeDetails) => columns;

export function addTicketType(db: Db, now: Date, eventId: number, details: TicketTypeDetails): TicketType {
  return db.transaction((tx) => {
    checkDetails(tx, eventId, details);
    const type = tx
      .insert(ticketTypes)
      .values({ eventId, ...columnsOf(details), createdAt: now.getTime() })
      .returning()
      .get();
    for (const w of details.waves) tx.insert(releaseWaves).values({ ticketTypeId: type.id, ...w }).run();
    return type;
  });
}

/**
 * Changes a ticket type. Capacity cannot go below the places already held, and allocation
 * cannot change once people have registered (a ballot's entrants were promised a draw).
 */
export function updateTicketType(db: Db, eventId: number, id: number, details: TicketTypeDetails): TicketType {
  return db.transaction((tx) => {
    const before = findTicketType(tx, eventId, id);
    if (!before) throw new RuleViolation({ name: 'This ticket type no longer exists' });
    checkDetails(tx, eventId, details);
    const held = heldPlaces(tx, id);
    if (details.capacity < held) throw new RuleViolation({ capacity: `${held} places are already held; the capacity cannot be less` });
    const anyone = tx.select({ id: registrations.id }).from(registrations).where(eq(registrations.ticketTypeId, id)).get();
    if (anyone && details.allocation !== before.allocation) {
      throw new RuleViolation({ allocation: 'People have registered already; the way places are allocated cannot change now' });
    }
    if (before.drawnAt !== null && details.drawAt !== before.drawAt) throw new RuleViolation({ drawAt: 'The ballot has been drawn; its time cannot change' });
    const type = tx.update(ticketTypes).set(columnsOf(details)).where(eq(ticketTypes.id, id)).returning().get();
    tx.delete(releaseWaves).where(eq(releaseWaves.ticketTypeId, id)).run();
    for (const w of details.waves) tx.insert(releaseWaves).values({ ticketTypeId: id, ...w }).run();
    return type;
  });
}

/** Removes a ticket type nobody has registered for. */
export function removeTicketType(db: Db, eventId: number, id: number): void {
  db.transaction((tx) => {
    if (tx.select({ id: registrations.id }).from(registrations).where(eq(registrations.ticketTypeId, id)).get()) {
      throw new RuleViolation({ name: 'People have registered for this ticket type; close it instead of removing it' });
    }
    tx.delete(ticketTypes).where(and(eq(ticketTypes.eventId, eventId), eq(ticketTypes.id, id))).run();
  });
}
