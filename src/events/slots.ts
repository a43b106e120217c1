import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { RuleViolation } from '../rules.ts';
import { slots, type SlotKind } from './events.table.ts';
import type { Day } from './days.ts';
import { instantOf } from './local-time.ts';

export type Slot = typeof slots.$inferSelect;

export interface SlotDetails {
  kind: SlotKind;
  label: string;
  /** Local "HH:mm" on the slot's day. */
  starts: string;
  ends: string;
}

export const slotKindLabels: Record<SlotKind, string> = {
  session: 'Session',
  break: 'Break',
  lunch: 'Lunch',
  pitching: 'Pitching',
  plenary: 'Plenary',
};

export function findSlot(db: Db, dayId: number, slotId: number): Slot | undefined {
  return db.select().from(slots).where(and(eq(slots.dayId, dayId), eq(slots.id, slotId))).get();
}

/**
 * Checks a slot against its day: it must lie within the day's hours and a session slot must
 * not overlap another session slot (people can only be in one session at a time).
 */
function placeSlot(db: Db, day: Day, zone: string, details: SlotDetails, exceptId?: number): { startsAt: number; endsAt: number } {
  const startsAt = instantOf(day.date, details.starts, zone);
  const endsAt = instantOf(day.date, details.ends, zone);
  if (startsAt === null) throw new RuleViolation({ starts: 'That time does not exist on this date (the clocks go forward)' });
  if (endsAt === null) throw new RuleViolation({ ends: 'That time does not exist on this date (the clocks go forward)' });
  if (endsAt <= startsAt) throw new RuleViolation({ ends: 'The slot must end after it starts' });
  if (startsAt < day.startsAt || endsAt > day.endsAt) {
    throw new RuleViolation({ starts: 'The slot must be within the day’s opening hours' });
  }
  if (details.kind === 'session') {
    const others = db
      .select()
      .from(slots)
      .where(and(eq(slots.dayId, day.id), eq(slots.kind, 'session'), exceptId === undefined ? undefined : ne(slots.id, exceptId)))
      .all();
    const clash = others.find((o) => o.startsAt < endsAt && startsAt < o.endsAt);
    if (clash) throw new RuleViolation({ starts: 'This overlaps another session slot on the same day' });
  }
  return { startsAt, endsAt };
}

export function addSlot(db: Db, day: Day, zone: string, details: SlotDetails): Slot {
  return db.transaction((tx) => {
    const times = placeSlot(tx, day, zone, details);
    return tx.insert(slots).values({ dayId: day.id, kind: details.kind, label: details.label, ...times }).returning().get();
  });
}

export function updateSlot(db: Db, day: Day, zone: string, slotId: number, details: SlotDetails): Slot {
  return db.transaction((tx) => {
    if (!findSlot(tx, day.id, slotId)) throw new RuleViolation({ starts: 'This slot no longer exists' });
    const times = placeSlot(tx, day, zone, details, slotId);
    return tx.update(slots).set({ kind: details.kind, label: details.label, ...times }).where(eq(slots.id, slotId)).returning().get();
  });
}

export function removeSlot(db: Db, dayId: number, slotId: number): void {
  db.delete(slots).where(and(eq(slots.dayId, dayId), eq(slots.id, slotId))).run();
}

export interface SlotPattern {
  /** Optional opening pitching slot: start and length in minutes. */
  pitchingStarts: string | null;
  pitchingMinutes: number;
  firstSessionStarts: string;
  sessionMinutes: number;
  changeoverMinutes: number;
  sessionCount: number;
  lunchStarts: string | null;
  lunchMinutes: number;
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toClock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Lays out a day from a pattern: an optional pitching slot, then sessions separated by
 * changeovers, with lunch placed at its time (a session that would run into lunch starts after it).
 */
export function planSlots(pattern: SlotPattern): SlotDetails[] {
  const planned: SlotDetails[] = [];
  if (pattern.pitchingStarts) {
    const start = toMinutes(pattern.pitchingStarts);
    planned.push({ kind: 'pitching', label: 'Pitching', starts: pattern.pitchingStarts, ends: toClock(start + pattern.pitchingMinutes) });
  }
  let t = toMinutes(pattern.firstSessionStarts);
  let lunch = pattern.lunchStarts ? toMinutes(pattern.lunchStarts) : null;
  for (let n = 1; n <= pattern.sessionCount; n++) {
    if (lunch !== null && t + pattern.sessionMinutes > lunch) {
      const lunchStart = Math.max(lunch, t - pattern.changeoverMinutes);
      planned.push({ kind: 'lunch', label: 'Lunch', starts: toClock(lunchStart), ends: toClock(lunchStart + pattern.lunchMinutes) });
      t = lunchStart + pattern.lunchMinutes;
      lunch = null;
    }
    if (t + pattern.sessionMinutes >= 24 * 60) throw new RuleViolation({ sessionCount: 'That many sessions do not fit in the day' });
    planned.push({ kind: 'session', label: `Session ${n}`, starts: toClock(t), ends: toClock(t + pattern.sessionMinutes) });
    t += pattern.sessionMinutes + pattern.changeoverMinutes;
  }
  return planned;
}

/**
 * Replaces a day's slots with those of a pattern, all or nothing: if any planned slot breaks a
 * rule (outside the day's hours, say) nothing changes.
 */
export function generateSlots(db: Db, day: Day, zone: string, pattern: SlotPattern): Slot[] {
  const planned = planSlots(pattern);
  return db.transaction((tx) => {
    tx.delete(slots).where(eq(slots.dayId, day.id)).run();
    return planned.map((details) => {
      try {
        return addSlot(tx, day, zone, details);
      } catch (error) {
        if (error instanceof RuleViolation) {
          throw new RuleViolation({ firstSessionStarts: `${details.label} (${details.starts}–${details.ends}) does not fit: ${Object.values(error.errors)[0]}` });
        }
        throw error;
      }
    });
  });
}
