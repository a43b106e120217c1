import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { preparedQuery } from '../db/prepared.ts';
import { holdingStatuses, type TicketType } from './registrations.ts';
import { releasedPlaces, wavesOf } from './ticket-types.ts';
import { registrations, type PlacePool } from './tickets.table.ts';

export interface Eligibility {
  firstTimer: boolean;
  councillor: boolean;
}

/** How a ticket type's places stand at a moment. */
export interface PlaceCount {
  released: number;
  held: Record<PlacePool, number>;
  totalHeld: number;
  reservedActive: boolean;
  /** Reserved places not yet taken, per pool (zero once reservation has ended). */
  reservedLeft: { 'first-timers': number; councillors: number };
  /** Places anyone may take now. */
  generalFree: number;
}

// One row of sums rather than a row per pool: SQLite groups with a temporary b-tree, which
// cost a third of this count, and every registration in a rush makes it.
const heldByPool = preparedQuery((db) =>
  db
    .select({
      firstTimers: sql<number>`coalesce(sum(${registrations.pool} = 'first-timers'), 0)`,
      councillors: sql<number>`coalesce(sum(${registrations.pool} = 'councillors'), 0)`,
      all: count(),
    })
    .from(registrations)
    .where(and(eq(registrations.ticketTypeId, sql.placeholder('ticketTypeId')), inArray(registrations.status, holdingStatuses)))
    .prepare(),
);

export function countPlaces(db: Db, type: TicketType, now: Date): PlaceCount {
  const { firstTimers, councillors, all } = heldByPool(db).get({ ticketTypeId: type.id })!;
  const held: Record<PlacePool, number> = { general: all - firstTimers - councillors, 'first-timers': firstTimers, councillors };
  return placeCount(type, releasedPlaces(type, wavesOf(db, type.id), now), held, now);
}

/** The arithmetic of reserved shares, separate from the database so it can be reasoned about. */
export function placeCount(type: TicketType, released: number, held: Record<PlacePool, number>, now: Date): PlaceCount {
  const totalHeld = held.general + held['first-timers'] + held.councillors;
  const reservedActive = type.reservedUntil !== null && now.getTime() < type.reservedUntil;
  const reservedLeft = reservedActive
    ? {
        'first-timers': Math.max(0, type.reservedForFirstTimers - held['first-timers']),
        councillors: Math.max(0, type.reservedForCouncillors - held.councillors),
      }
    : { 'first-timers': 0, councillors: 0 };
  const free = released - totalHeld;
  const generalFree = Math.max(0, free - reservedLeft['first-timers'] - reservedLeft.councillors);
  return { released, held, totalHeld, reservedActive, reservedLeft, generalFree };
}

/**
 * Which pool a person's place would come from, or null if none is free for them. Anyone takes a
 * general place first, which keeps the reserved places for the first-timers and councillors
 * who come after the general places have gone.
 */
export function poolFor(places: PlaceCount, who: Eligibility): PlacePool | null {
  if (places.totalHeld >= places.released) return null;
  if (places.generalFree > 0) return 'general';
  if (who.firstTimer && places.reservedLeft['first-timers'] > 0) return 'first-timers';
  if (who.councillor && places.reservedLeft.councillors > 0) return 'councillors';
  return null;
}

/** Records that a place was taken, so a loop can keep placing people without re-querying. */
export function take(places: PlaceCount, pool: PlacePool): void {
  places.held[pool] += 1;
  places.totalHeld += 1;
  if (pool === 'general') places.generalFree -= 1;
  else places.reservedLeft[pool] -= 1;
}

export function eligibilityOf(r: { firstCamp: boolean; role: string }): Eligibility {
  return { firstTimer: r.firstCamp, councillor: r.role === 'councillor' };
}
