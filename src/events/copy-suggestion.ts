import { DateTime } from 'luxon';
import type { CampEvent } from './events.ts';

/** A year of a camp's name or address, as a whole word: "2027" in "localgovcamp-2027". */
const yearWord = /(?<!\d)(19|20)\d{2}(?!\d)/;

/**
 * What "Copy this camp" suggests: the same camp 52 weeks on (the same weekday next year), its
 * year in the name and web address moved on by the years the days move, or added if it had none.
 */
export function suggestedCopy(event: CampEvent, firstDate: string | undefined, weeks = 52): { weeks: number; name: string; slug: string } {
  const from = firstDate ? DateTime.fromISO(firstDate, { zone: 'UTC' }) : DateTime.fromMillis(event.createdAt, { zone: 'UTC' });
  const shift = from.plus({ weeks }).year - from.year;
  if (!yearWord.test(event.slug) && !yearWord.test(event.name)) {
    const year = from.plus({ weeks }).year;
    return { weeks, name: `${event.name} ${year}`, slug: `${event.slug}-${year}`.slice(0, 60) };
  }
  const later = (text: string) => text.replace(new RegExp(yearWord, 'g'), (y) => String(Number(y) + Math.max(shift, 1)));
  return { weeks, name: later(event.name), slug: later(event.slug) };
}
