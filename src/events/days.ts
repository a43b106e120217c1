import { and, asc, eq, gt, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { RuleViolation } from '../rules.ts';
import { days, slots } from './events.table.ts';
import { instantOf } from './local-time.ts';

export type Day = typeof days.$inferSelect;

export interface DayDetails {
  date: string;
  label: string;
  /** Local "HH:mm" in the event's zone. */
  opens: string;
  closes: string;
}

export function findDay(db: Db, eventId: number, dayId: number): Day | undefined {
  return db.select().from(days).where(and(eq(days.eventId, eventId), eq(days.id, dayId))).get();
}

function instantsOf(details: DayDetails, zone: string): { startsAt: number; endsAt: number } {
  const startsAt = instantOf(details.date, details.opens, zone);
  const endsAt = instantOf(details.date, details.closes, zone);
  const errors: Record<string, string> = {};
  if (startsAt === null) errors.opens = 'That time does not exist on this date (the clocks go forward)';
  if (endsAt === null) errors.closes = 'That time does not exist on this date (the clocks go forward)';
  if (startsAt !== null && endsAt !== null && endsAt <= startsAt) errors.closes = 'The day must close after it opens';
  if (Object.keys(errors).length) throw new RuleViolation(errors);
  return { startsAt: startsAt!, endsAt: endsAt! };
}

function assertDateFree(db: Db, eventId: number, date: string, exceptId?: number): void {
  const clash = db
    .select({ id: days.id })
    .from(days)
    .where(and(eq(days.eventId, eventId), eq(days.date, date), exceptId === undefined ? undefined : ne(days.id, exceptId)))
    .get();
  if (clash) throw new RuleViolation({ date: 'The event already has a day on this date' });
}

/** Adds a day to the event. One day per date. */
export function addDay(db: Db, eventId: number, zone: string, details: DayDetails): Day {
  return db.transaction((tx) => {
    assertDateFree(tx, eventId, details.date);
    const times = instantsOf(details, zone);
    return tx.insert(days).values({ eventId, date: details.date, label: details.label, ...times }).returning().get();
  });
}

/** Changes a day. Its slots must still fit inside it, and moving to another date is refused while it has slots. */
export function updateDay(db: Db, eventId: number, zone: string, dayId: number, details: DayDetails): Day {
  return db.transaction((tx) => {
    const day = findDay(tx, eventId, dayId);
    if (!day) throw new RuleViolation({ date: 'This day no longer exists' });
    assertDateFree(tx, eventId, details.date, dayId);
    const times = instantsOf(details, zone);
    const daySlots = tx.select().from(slots).where(eq(slots.dayId, dayId)).all();
    if (daySlots.length > 0 && details.date !== day.date) {
      throw new RuleViolation({ date: 'Remove this day’s slots before moving it to another date' });
    }
    const outside = tx
      .select({ id: slots.id })
      .from(slots)
      .where(and(eq(slots.dayId, dayId), or(lt(slots.startsAt, times.startsAt), gt(slots.endsAt, times.endsAt))))
      .get();
    if (outside) throw new RuleViolation({ opens: 'Some slots fall outside these hours; change or remove them first' });
    return tx.update(days).set({ date: details.date, label: details.label, ...times }).where(eq(days.id, dayId)).returning().get();
  });
}

/** Removes a day and its slots. */
export function removeDay(db: Db, eventId: number, dayId: number): void {
  db.delete(days).where(and(eq(days.eventId, eventId), eq(days.id, dayId))).run();
}

export function slotsOfDay(db: Db, dayId: number) {
  return db.select().from(slots).where(eq(slots.dayId, dayId)).orderBy(asc(slots.startsAt), asc(slots.id)).all();
}
