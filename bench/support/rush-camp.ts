import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { openDatabase } from '../../src/db/open.ts';
import { addDay } from '../../src/events/days.ts';
import { changeEventStatus, createEvent } from '../../src/events/events.ts';
import { people } from '../../src/people/people.table.ts';
import { findOrCreatePerson } from '../../src/people/people.ts';
import { addTicketType } from '../../src/tickets/ticket-types.ts';
// The same camp and ticket details the tests use, so the rush measures the camp they check.
import { campDetails } from '../../test/helpers/factories.ts';
import { ticketTypeDetails } from '../../test/helpers/tickets.ts';

export interface RushCamp {
  slug: string;
  ticketTypeId: number;
  capacity: number;
}

/**
 * Creates (with the domain functions, as an organiser would) a published camp two months from
 * `now` with one first-come ticket type of `capacity` places, open from a minute ago for a month.
 * The database is closed again so a server process can open it.
 */
export function seedRushCamp(databasePath: string, options: { capacity: number; now?: Date; slug?: string }): RushCamp {
  const now = options.now ?? new Date();
  const slug = options.slug ?? 'rush-camp';
  const db = openDatabase(databasePath);
  try {
    const owner = findOrCreatePerson(db, now, 'organiser@example.org', 'Olu Organiser');
    // An administrator exists, so the server does not print a first-administrator link.
    db.update(people).set({ isAdministrator: true }).where(eq(people.id, owner.id)).run();
    const draft = createEvent(db, now, campDetails({ name: 'Rush Camp', slug, summary: 'Everyone registers at once' }), owner.id);
    const date = DateTime.fromJSDate(now).setZone('Europe/London').plus({ days: 60 }).toISODate()!;
    addDay(db, draft.id, draft.timeZone, { date, label: 'Camp day', opens: '09:00', closes: '17:30' });
    changeEventStatus(db, now, draft.id, 'published');
    const type = addTicketType(
      db,
      now,
      draft.id,
      ticketTypeDetails({ capacity: options.capacity, opensAt: now.getTime() - 60_000, closesAt: now.getTime() + 30 * 86_400_000 }),
    );
    return { slug, ticketTypeId: type.id, capacity: options.capacity };
  } finally {
    db.$client.close();
  }
}
