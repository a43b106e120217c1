import type { Db } from '../db/open.ts';
import type { Person } from '../people/people.ts';
import { clockTime, dateAndTime, dateRange, dayOfCamp, localDate, longDate, timeRange, timeRangeOn } from './local-time.ts';
import { organisesAnything, organiserRoleLabels } from './organisers.ts';
import { roomFeatureLabels } from './rooms.ts';
import { slotKindLabels } from './slots.ts';

/** How pages write the events area's times, dates, rooms, slots and roles (`it.h.name(...)`). */
export const eventViewHelpers = {
  /** "10:15am", "11am", "midday": how every page writes a time. */
  time: clockTime,
  /** "10:15am to 11am" */
  timeRange,
  /** "10:15am to 11am on Saturday 19 June 2027" */
  timeRangeOn,
  /** The local date (YYYY-MM-DD) of an instant in a zone. */
  dateIn: localDate,
  longDate,
  dayOfCamp,
  dateRange,
  roomFeatureLabels,
  slotKindLabels,
  organiserRoleLabels,
  /** "12:30pm on Monday 1 November 2027" in the event's zone. */
  dateTime(instant: number | null, zone: string): string {
    return instant === null ? 'a time to be announced' : dateAndTime(instant, zone);
  },
  /** A slot as the public sees it: its label, with its kind where the label doesn't say it. */
  slotName(slot: { kind: keyof typeof slotKindLabels; label: string }): string {
    const kind = slotKindLabels[slot.kind];
    if (!slot.label) return kind;
    if (slot.kind === 'session' || slot.label.toLowerCase().includes(kind.toLowerCase())) return slot.label;
    return `${slot.label} (${kind.toLowerCase()})`;
  },
};

/**
 * `it.organises()`: whether the site menu offers "Organise". Asked only when a page's layout
 * prints the menu for a signed-in person, and at most once a request, so redirects, feeds and
 * form posts run no query for it.
 */
export function organiserMenu(db: Db) {
  return (request: { person: Person | null }) => {
    let answer: boolean | undefined;
    return { organises: () => (answer ??= request.person !== null && organisesAnything(db, request.person)) };
  };
}
