import type { Db } from '../db/open.ts';
import { daysOf, type CampEvent } from '../events/events.ts';
import type { Day } from '../events/days.ts';
import { localDate } from '../events/local-time.ts';
import { attendeeList, type AttendeeRow } from './organiser-view.ts';
import { ticketTypesOf } from './ticket-types.ts';

/** One of a person's places, as the door sees it: the days its ticket covers, and whether one is today. */
export interface PlaceAtTheDoor extends AttendeeRow {
  days: Day[];
  today: boolean;
}

/** A person found at the door, with each of their confirmed places, today's first. */
export interface PersonAtTheDoor {
  personId: number;
  name: string;
  organisation: string;
  places: PlaceAtTheDoor[];
}

/** The date it is now at the event (YYYY-MM-DD in its zone). */
export const todayAt = (event: CampEvent, now: Date): string => localDate(now.getTime(), event.timeZone);

/** The days a ticket covers: those it names, or every day of the event if it names none. */
export const daysCovered = (eventDays: Day[], dayIds: number[]): Day[] => (dayIds.length ? eventDays.filter((d) => dayIds.includes(d.id)) : eventDays);

/**
 * The people with a confirmed place whose name, email or organisation matches, each once with
 * their places: the place for today first, so a helper checking someone in on Saturday is not
 * handed Friday's button first. A ticket naming no days covers every day of the event.
 */
export function findAtTheDoor(db: Db, event: CampEvent, q: string, now: Date): PersonAtTheDoor[] {
  const eventDays = daysOf(db, event.id);
  const daysOfType = new Map(ticketTypesOf(db, event.id).map((type) => [type.id, daysCovered(eventDays, type.dayIds)]));
  const today = todayAt(event, now);
  const people = new Map<number, PersonAtTheDoor>();
  for (const row of attendeeList(db, event.id, { q, status: 'confirmed' }, 50)) {
    const days = daysOfType.get(row.registration.ticketTypeId) ?? [];
    const place = { ...row, days, today: days.some((d) => d.date === today) };
    const person = people.get(row.registration.personId) ?? { personId: row.registration.personId, name: row.registration.name, organisation: row.registration.organisation, places: [] };
    person.places.push(place);
    people.set(person.personId, person);
  }
  for (const person of people.values()) person.places.sort((a, b) => Number(b.today) - Number(a.today) || (a.days[0]?.date ?? '').localeCompare(b.days[0]?.date ?? ''));
  return [...people.values()];
}

/** The days a ticket covers at an event, and whether one of them is today (if not, checking in asks first). */
export function ticketDays(db: Db, event: CampEvent, dayIds: number[], now: Date): { days: Day[]; today: boolean } {
  const days = daysCovered(daysOf(db, event.id), dayIds);
  return { days, today: days.some((d) => d.date === todayAt(event, now)) };
}
