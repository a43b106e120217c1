import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { dayOfCamp } from '../events/local-time.ts';
import { days } from '../events/events.table.ts';
import { isNoShow, isWaiting } from '../messages/audience.ts';
import { campIsOver, ticketTypesOf } from '../tickets/ticket-types.ts';
import type { PlaceHeld } from './places-held.ts';

/** How the places of one ticket type, or one day, stand. */
export interface PlaceCounts {
  label: string;
  confirmed: number;
  waiting: number;
  checkedIn: number;
  /** Null until the days of the ticket are over: nobody is a no-show before then. */
  noShows: number | null;
}

/**
 * Confirmed, waiting, checked in and no-shows by ticket type, and by day (a day counts the
 * places of every ticket type covering it; a ticket type naming no days covers them all).
 * The groups are the messages' groups, so a count here is who a message to that group reaches.
 */
export function placeCounts(db: Db, now: Date, eventId: number, places: PlaceHeld[]): { byTicketType: PlaceCounts[]; byDay: PlaceCounts[] } {
  const types = ticketTypesOf(db, eventId);
  const over = new Map(types.map((t) => [t.id, campIsOver(db, t, now)]));
  const eventDays = db.select({ id: days.id, date: days.date, label: days.label }).from(days).where(eq(days.eventId, eventId)).orderBy(asc(days.date)).all();
  const count = (label: string, typeIds: Set<number>): PlaceCounts => {
    const held = places.filter((p) => typeIds.has(p.ticketTypeId));
    const anyOver = [...typeIds].some((id) => over.get(id));
    return {
      label,
      confirmed: held.filter((p) => p.status === 'confirmed').length,
      waiting: held.filter(isWaiting).length,
      checkedIn: held.filter((p) => p.checkedInAt !== null).length,
      noShows: anyOver ? held.filter((p) => isNoShow(p, over.get(p.ticketTypeId) ?? false)).length : null,
    };
  };
  return {
    byTicketType: types.map((t) => count(t.name, new Set([t.id]))),
    byDay: eventDays.map((d) =>
      count(d.label ? `${d.label}, ${dayOfCamp(d.date)}` : dayOfCamp(d.date), new Set(types.filter((t) => t.dayIds.length === 0 || t.dayIds.includes(d.id)).map((t) => t.id))),
    ),
  };
}
