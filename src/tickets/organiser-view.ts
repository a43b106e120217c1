import { and, asc, count, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { people } from '../people/people.table.ts';
import { countPlaces } from './places.ts';
import type { TicketType } from './registrations.ts';
import { ticketTypesOf } from './ticket-types.ts';
import { registrationNeeds, registrations, ticketTypes, type RegistrationStatus } from './tickets.table.ts';

export interface TicketNumbers {
  type: TicketType;
  released: number;
  confirmed: number;
  offered: number;
  waiting: number;
  entered: number;
  cancelled: number;
  checkedIn: number;
  reservedLeft: number;
  /** Each reserved share: its size, how many of it are still held, and whether it is held now. */
  reserved: Array<{ pool: 'first-timers' | 'councillors'; places: number; stillHeld: number; taken: number }>;
  reservedActive: boolean;
  /** Share of confirmed places not checked in, once the event is over; null before. */
  noShowRate: number | null;
}

/** Per ticket type: capacity, confirmed, offered, waiting, released, checked in, reserved places left. */
export function ticketNumbers(db: Db, eventId: number, now: Date, eventOver: boolean): TicketNumbers[] {
  const types = ticketTypesOf(db, eventId);
  if (types.length === 0) return [];
  const rows = db
    .select({ typeId: registrations.ticketTypeId, status: registrations.status, checkedIn: sql<number>`sum(${registrations.checkedInAt} is not null)`, n: count() })
    .from(registrations)
    .where(inArray(registrations.ticketTypeId, types.map((t) => t.id)))
    .groupBy(registrations.ticketTypeId, registrations.status)
    .all();
  return types.map((type) => {
    const mine = rows.filter((r) => r.typeId === type.id);
    const of = (status: RegistrationStatus) => mine.find((r) => r.status === status)?.n ?? 0;
    const checkedIn = mine.reduce((s, r) => s + Number(r.checkedIn ?? 0), 0);
    const places = countPlaces(db, type, now);
    const confirmed = of('confirmed');
    return {
      type,
      released: places.released,
      confirmed,
      offered: of('offered'),
      waiting: of('waiting'),
      entered: of('entered'),
      cancelled: of('cancelled'),
      checkedIn,
      reservedLeft: places.reservedLeft['first-timers'] + places.reservedLeft.councillors,
      reserved: (['first-timers', 'councillors'] as const)
        .map((pool) => ({ pool, places: pool === 'first-timers' ? type.reservedForFirstTimers : type.reservedForCouncillors, stillHeld: places.reservedLeft[pool], taken: places.held[pool] }))
        .filter((share) => share.places > 0),
      reservedActive: places.reservedActive,
      noShowRate: eventOver && confirmed > 0 ? (confirmed - checkedIn) / confirmed : null,
    };
  });
}

export interface AttendeeFilter {
  q?: string;
  ticketTypeId?: number;
  status?: RegistrationStatus;
  /** Asked "still coming?" and not yet answered. */
  unanswered?: boolean;
  checkedIn?: boolean;
}

/** The attendee list, searched by name, email or organisation and filtered; one query. */
export function attendeeList(db: Db, eventId: number, filter: AttendeeFilter = {}, limit = 500) {
  const conditions: SQL[] = [eq(ticketTypes.eventId, eventId)];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(sql`${registrations.name} like ${pattern} escape '\\'`, sql`${people.email} like ${pattern} escape '\\'`, sql`${registrations.organisation} like ${pattern} escape '\\'`)!);
  }
  if (filter.ticketTypeId) conditions.push(eq(registrations.ticketTypeId, filter.ticketTypeId));
  if (filter.status) conditions.push(eq(registrations.status, filter.status));
  if (filter.unanswered) conditions.push(isNotNull(registrations.reconfirmAskedAt), isNull(registrations.reconfirmedAt), eq(registrations.status, 'confirmed'));
  if (filter.checkedIn !== undefined) conditions.push(filter.checkedIn ? isNotNull(registrations.checkedInAt) : isNull(registrations.checkedInAt));
  return db
    .select({ registration: registrations, email: people.email, ticketType: ticketTypes.name, accessNeeds: registrationNeeds.accessNeeds, dietaryNeeds: registrationNeeds.dietaryNeeds })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .innerJoin(people, eq(people.id, registrations.personId))
    .leftJoin(registrationNeeds, eq(registrationNeeds.registrationId, registrations.id))
    .where(and(...conditions))
    .orderBy(asc(registrations.name), asc(registrations.id))
    .limit(limit)
    .all();
}

export type AttendeeRow = ReturnType<typeof attendeeList>[number];

