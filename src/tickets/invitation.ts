import { asc, eq, inArray, sql } from 'drizzle-orm';
import { renderCalendar } from '../calendar/ics.ts';
import type { Db } from '../db/open.ts';
import { preparedQuery } from '../db/prepared.ts';
import { days } from '../events/events.table.ts';
import { longDate, timeRange } from '../events/local-time.ts';
import type { CampEvent } from '../events/events.ts';
import { manageLink, type Links } from './manage-links.ts';
import type { Registration, TicketType } from './registrations.ts';
import { registrations } from './tickets.table.ts';

/**
 * The calendar invitation (iTIP) sent with a place: METHOD:REQUEST when someone gets a place,
 * METHOD:CANCEL with a higher SEQUENCE when they lose it. One UID per registration, as iTIP
 * allows one per message, so a ticket for several days is one entry from the first day's opening
 * to the last day's close, with each day's hours in its description.
 */
const eventDays = preparedQuery((db) =>
  db
    .select()
    .from(days)
    .where(eq(days.eventId, sql.placeholder('eventId')))
    .orderBy(asc(days.startsAt))
    .prepare(),
);

/** Takes the registration's next invitation SEQUENCE, returning the one after it. */
const nextSequence = preparedQuery((db) =>
  db
    .update(registrations)
    .set({ invitationSequence: sql`${registrations.invitationSequence} + 1` })
    .where(eq(registrations.id, sql.placeholder('id')))
    .returning({ next: registrations.invitationSequence })
    .prepare(),
);

/** Hosts of base URLs, parsed once each (the UID's domain). */
const hosts = new Map<string, string>();
const hostOf = (baseUrl: string): string => {
  let host = hosts.get(baseUrl);
  if (host === undefined) hosts.set(baseUrl, (host = new URL(baseUrl).host));
  return host;
};

export function registrationInvitation(
  db: Db,
  links: Links,
  ctx: { event: CampEvent; type: TicketType; registration: Registration; to: string },
  method: 'REQUEST' | 'CANCEL',
  now: Date,
): { method: string; content: string } | null {
  const { event, type, registration } = ctx;
  // A list of days makes a different query each time; a whole event's days, one prepared query.
  const covered = type.dayIds.length
    ? db.select().from(days).where(inArray(days.id, type.dayIds)).orderBy(asc(days.startsAt)).all()
    : eventDays(db).all({ eventId: event.id });
  if (covered.length === 0) return null;
  // The SEQUENCE used now, and the next one kept for the following message.
  const sequence = nextSequence(db).get({ id: registration.id })!.next - 1;
  const hours = covered.map((d) => `${d.label ? `${d.label}, ` : ''}${longDate(d.date)}: ${timeRange(d.startsAt, d.endsAt, event.timeZone)}`);
  const venue = [event.venueName, event.venueAddress.replace(/\s*\n\s*/g, ', ')].filter(Boolean).join(', ');
  const host = hostOf(links.baseUrl);
  const content = renderCalendar({ name: event.name, description: event.summary, method }, [
    {
      uid: `registration-${registration.id}@${host}`,
      sequence,
      start: covered[0]!.startsAt,
      end: covered[covered.length - 1]!.endsAt,
      summary: `${event.name} (${type.name})`,
      description: [...hours, '', `Manage your place: ${manageLink(links, registration)}`].join('\n'),
      location: venue,
      url: `${links.baseUrl}/events/${event.slug}`,
      cancelled: method === 'CANCEL',
      changedAt: now.getTime(),
      organizer: links.organizer,
      attendee: { name: registration.name, email: ctx.to },
    },
  ]);
  return { method, content };
}
