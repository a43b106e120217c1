import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../db/open.ts';
import { days } from '../events/events.table.ts';
import type { CampEvent } from '../events/events.ts';
import type { Person } from '../people/people.ts';
import { checkThemes, tagPitch } from '../themes/themes.ts';
import { facilitatorNamesByPitch } from './facilitators.ts';
import { alreadySubmitted, assertCampNotOver, checkDayAndSlots } from './pitches.ts';
import { pitchFacilitators, pitches, type PitchFormat, type PitchNeed } from './pitches.table.ts';

export interface DeskPitch {
  title: string;
  facilitator: string;
  format: PitchFormat;
  needs: PitchNeed[];
  doubleLength: boolean;
  showOfHands: number | null;
  /** The day the desk chose (null: any day); left out, the pitch runs today. */
  dayId?: number | null;
  /** The organiser's "must be on this day": a pin (hard rule) rather than a preference. */
  mustBeOnDay?: boolean;
  /** The camp's themes the pitch carries. */
  themeIds?: number[];
}

function todayOf(event: CampEvent, now: Date): { start: number; end: number; date: string } {
  const start = DateTime.fromJSDate(now, { zone: event.timeZone }).startOf('day');
  return { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis(), date: start.toISODate()! };
}

/**
 * A pitch taken at the morning's pitch desk, for a walk-in facilitator who needs no account.
 * Its day is pinned when it must be on that day and preferred otherwise; with no day given, a
 * pitch taken on a camp day runs that day (it is pinned there).
 */
export function takeDeskPitch(db: Db, now: Date, args: { event: CampEvent; enteredBy: Person; pitch: DeskPitch; submissionKey?: string | null }) {
  const { event, pitch } = args;
  const submissionKey = args.submissionKey ?? null;
  return db.transaction((tx) => {
    const already = alreadySubmitted(tx, submissionKey, args.enteredBy.id);
    if (already) return already;
    assertCampNotOver(event);
    checkDayAndSlots(tx, event.id, pitch.dayId ?? null, [], 'day');
    checkThemes(tx, event.id, pitch.themeIds ?? []);
    const dayId = pitch.dayId === undefined ? (todaysDayId(tx, event, now) ?? null) : pitch.dayId;
    const must = pitch.dayId === undefined || !!pitch.mustBeOnDay;
    const row = tx
      .insert(pitches)
      .values({
        eventId: event.id,
        title: pitch.title,
        format: pitch.format,
        needs: pitch.needs,
        doubleLength: pitch.doubleLength,
        showOfHands: pitch.showOfHands,
        pinnedDayId: must ? dayId : null,
        preferredDayId: must ? null : dayId,
        source: 'desk',
        createdBy: args.enteredBy.id,
        submissionKey,
        createdAt: now.getTime(),
        updatedAt: now.getTime(),
      })
      .returning()
      .get();
    tx.insert(pitchFacilitators).values({ pitchId: row.id, walkInName: pitch.facilitator, confirmed: true, createdAt: now.getTime() }).run();
    tagPitch(tx, row.id, pitch.themeIds ?? []);
    return row;
  });
}

/** The camp day that is today in the camp's time zone, if today is one. */
export function todaysDayId(db: Db, event: CampEvent, now: Date): number | undefined {
  return db.select({ id: days.id }).from(days).where(and(eq(days.eventId, event.id), eq(days.date, todayOf(event, now).date))).get()?.id;
}

/** Today's pitches (in the camp's time zone), in the order they came in, with who runs each. Two queries. */
export function pitchesToday(db: Db, event: CampEvent, now: Date) {
  const { start, end } = todayOf(event, now);
  const today = and(eq(pitches.eventId, event.id), gte(pitches.createdAt, start), lt(pitches.createdAt, end));
  const list = db
    .select({ id: pitches.id, title: pitches.title, format: pitches.format, status: pitches.status, showOfHands: pitches.showOfHands })
    .from(pitches)
    .where(today)
    .orderBy(asc(pitches.createdAt), asc(pitches.id))
    .all();
  const names = facilitatorNamesByPitch(db, today);
  return list.map((p) => ({ ...p, facilitator: (names.get(p.id) ?? []).join(', ') }));
}
