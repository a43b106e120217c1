import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { registrations, ticketTypes } from './tickets.table.ts';

export interface WhoIsComing {
  /** Name and organisation of each person listed, by name. */
  listed: Array<{ name: string; organisation: string }>;
  /** How many people have a confirmed place: a figure, never who. */
  coming: number;
}

/**
 * The public list of who is coming: people with a confirmed place who chose "show me on the
 * public list". Someone with several places is listed once, and only if they chose it on every
 * one of them (unticking it on any place takes them off). Released, waiting and unanswered
 * places never show.
 */
export function whoIsComing(db: Db, eventId: number): WhoIsComing {
  const rows = db
    .select({ personId: registrations.personId, name: registrations.name, organisation: registrations.organisation, show: registrations.showOnAttendeeList })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .where(and(eq(ticketTypes.eventId, eventId), eq(registrations.status, 'confirmed')))
    .orderBy(asc(registrations.updatedAt), asc(registrations.id))
    .all();
  const people = new Map<number, { name: string; organisation: string; show: boolean }>();
  // The latest-changed place gives the name and organisation, as the person last wrote them.
  for (const r of rows) people.set(r.personId, { name: r.name, organisation: r.organisation, show: r.show && (people.get(r.personId)?.show ?? true) });
  const listed = [...people.values()]
    .filter((p) => p.show)
    .map(({ name, organisation }) => ({ name, organisation }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }));
  return { listed, coming: people.size };
}
