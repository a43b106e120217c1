import { DateTime } from 'luxon';
import { RuleViolation } from '../rules.ts';
import { instantOf, localClockTime, localDate } from './local-time.ts';

/** Moves a camp's dates and times by whole weeks, keeping every wall-clock time in its zone. */
export interface WeekMove {
  weeks: number;
  /** "2027-06-19" → the same weekday that many weeks on. */
  date(date: string): string;
  /** An instant → the same local time on the moved date (09:00 stays 09:00 across a clock change). */
  instant(instant: number): number;
  /** The same for a time that may be unset. */
  optional(instant: number | null): number | null;
}

export function moveByWeeks(weeks: number, zone: string): WeekMove {
  const date = (d: string) => DateTime.fromISO(d, { zone: 'UTC' }).plus({ weeks }).toISODate()!;
  const instant = (at: number) => {
    const moved = instantOf(date(localDate(at, zone)), localClockTime(at, zone), zone);
    // Only a time inside the hour the clocks skip can fail: say so rather than guess.
    if (moved === null) throw new RuleViolation({ weeks: `${localClockTime(at, zone)} does not exist on ${date(localDate(at, zone))} (the clocks go forward); choose another number of weeks` });
    return moved;
  };
  return { weeks, date, instant, optional: (at) => (at === null ? null : instant(at)) };
}
