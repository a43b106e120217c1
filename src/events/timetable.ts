import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { days, slots } from './events.table.ts';
import type { Day } from './days.ts';
import type { Slot } from './slots.ts';

export interface DayTimetable {
  day: Day;
  slots: Slot[];
}

/** Every day of an event with its slots in time order, in two queries. */
export function timetableOf(db: Db, eventId: number): DayTimetable[] {
  const eventDays = db.select().from(days).where(eq(days.eventId, eventId)).orderBy(asc(days.date)).all();
  if (eventDays.length === 0) return [];
  const all = db
    .select()
    .from(slots)
    .where(inArray(slots.dayId, eventDays.map((d) => d.id)))
    .orderBy(asc(slots.startsAt), asc(slots.id))
    .all();
  return eventDays.map((day) => ({ day, slots: all.filter((s) => s.dayId === day.id) }));
}
