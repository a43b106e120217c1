import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { Person } from '../people/people.ts';
import { NotFound } from '../rules.ts';
import { events } from './events.table.ts';
import { findEventBySlug, type CampEvent } from './events.ts';
import { roleAt } from './organisers.ts';

/** A draft is seen only by its own team; to everyone else (a visitor is null) it does not exist. */
export function isVisibleTo(db: Db, event: CampEvent, person: Person | null): boolean {
  return event.status !== 'draft' || (person !== null && roleAt(db, person, event.id) !== null);
}

/** The event at this address as this person may see it, or NotFound (a draft outside its team). */
export function visibleEvent(db: Db, slug: string, person: Person | null): CampEvent {
  const event = findEventBySlug(db, slug);
  if (!event || !isVisibleTo(db, event, person)) throw new NotFound();
  return event;
}

/** The event with this id as anyone may see it (feeds carry no person), or null. */
export function publicEventById(db: Db, id: number): CampEvent | null {
  const event = db.select().from(events).where(eq(events.id, id)).get();
  return event && isVisibleTo(db, event, null) ? event : null;
}

/** The event at this address as anyone may see it, or null. */
export function publicEventBySlug(db: Db, slug: string): CampEvent | null {
  const event = findEventBySlug(db, slug);
  return event && isVisibleTo(db, event, null) ? event : null;
}
