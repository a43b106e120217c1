import { DateTime, IANAZone } from 'luxon';

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** A real calendar date written YYYY-MM-DD. */
export function isRealDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date, { zone: 'UTC' }).isValid;
}

/** "10:00", "9:30" or "09.30" → "10:00"/"09:30"; anything else → null. */
export function normaliseClockTime(input: string): string | null {
  const m = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(input);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/**
 * The UTC instant (ms) of a local wall-clock time on a date in a zone, or null when that time
 * does not exist there (the hour skipped when clocks go forward).
 */
export function instantOf(date: string, time: string, zone: string): number | null {
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid) return null;
  if (local.toFormat('yyyy-MM-dd HH:mm') !== `${date} ${time}`) return null;
  return local.toMillis();
}

export function localClockTime(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('HH:mm');
}

export function localDate(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('yyyy-MM-dd');
}

/** "Saturday 19 June 2027" */
export function longDate(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale('en-GB').toFormat('cccc d LLLL yyyy');
}

/** "Saturday 19 June": a day of this year's camp, as a button or a door list names it. */
export function dayOfCamp(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale('en-GB').toFormat('cccc d LLLL');
}

/** "19 June 2027" or "18 to 19 June 2027" for a sorted list of dates. */
export function dateRange(dates: string[]): string {
  if (dates.length === 0) return 'Dates to be announced';
  const first = DateTime.fromISO(dates[0]!, { zone: 'UTC' }).setLocale('en-GB');
  const last = DateTime.fromISO(dates[dates.length - 1]!, { zone: 'UTC' }).setLocale('en-GB');
  if (dates.length === 1 || first.hasSame(last, 'day')) return first.toFormat('cccc d LLLL yyyy');
  if (first.hasSame(last, 'month')) return `${first.toFormat('d')} to ${last.toFormat('d LLLL yyyy')}`;
  if (first.hasSame(last, 'year')) return `${first.toFormat('d LLLL')} to ${last.toFormat('d LLLL yyyy')}`;
  return `${first.toFormat('d LLLL yyyy')} to ${last.toFormat('d LLLL yyyy')}`;
}

/** Minutes between two instants, for "45 minutes" labels. */
export function minutesBetween(start: number, end: number): number {
  return Math.round((end - start) / 60_000);
}

/*
 * Times as people read them, one way everywhere (pages, emails, feeds' text), in GOV.UK style:
 * "10:15am", "11am", "midday", "midnight"; a span is "10:15am to 11am"; with its day, "10:15am to
 * 11am on Saturday 19 June 2027". Forms and machine formats (CSV, frab) keep "HH:mm".
 */

/** "10:15am", "11am", "midday", "midnight" in a zone. */
export function clockTime(instant: number, zone: string): string {
  const t = DateTime.fromMillis(instant, { zone });
  if (t.minute === 0 && t.hour === 12) return 'midday';
  if (t.minute === 0 && t.hour === 0) return 'midnight';
  return t.toFormat(t.minute === 0 ? 'h' : 'h:mm') + (t.hour < 12 ? 'am' : 'pm');
}

/** "10:15am to 11am" */
export function timeRange(start: number, end: number, zone: string): string {
  return `${clockTime(start, zone)} to ${clockTime(end, zone)}`;
}

const dayOf = (instant: number, zone: string, withYear: boolean) =>
  DateTime.fromMillis(instant, { zone }).setLocale('en-GB').toFormat(withYear ? 'cccc d LLLL yyyy' : 'cccc d LLLL');

/** "12:30pm on Monday 1 November 2027" in a zone (without the year for emails about this year). */
export function dateAndTime(instant: number, zone: string, withYear = true): string {
  return `${clockTime(instant, zone)} on ${dayOf(instant, zone, withYear)}`;
}

/** "10:15am to 11am on Saturday 19 June 2027" */
export function timeRangeOn(start: number, end: number, zone: string, withYear = true): string {
  return `${timeRange(start, end, zone)} on ${dayOf(start, zone, withYear)}`;
}
