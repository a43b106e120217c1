import { asc, eq, inArray, sql } from 'drizzle-orm';
import { renderCalendar } from '../calendar/ics.ts';
import type { Db } from '../db/open.ts';
import { preparedQuery } from '../db/prepared.ts';
import { days } from '../events/events.table.ts';
import { longDate, timeRange } from '../events/local-time.ts';
import type { CampEvent } from '../events/events.ts';
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
const sequenceAfter = preparedQuery((db) =>
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

/** The SEQUENCE for a registration's next invitation, taken (the one after it is kept for the next). */
export function takeInvitationSequence(db: Db, registrationId: number): number {
  return sequenceAfter(db).get({ id: registrationId })!.next - 1;
}

/** The invitation itself, with its SEQUENCE as taken when it was queued and the manage link made then. */
export function registrationInvitation(
  db: Db,
  invitation: { baseUrl: string; organizer: { name: string; email: string }; manage: string; method: 'REQUEST' | 'CANCEL'; sequence: number },
  ctx: { event: CampEvent; type: TicketType; registration: Registration; to: string },
  now: Date,
): { method: string; content: string } | null {
  const { event, type, registration } = ctx;
  const { method, sequence } = invitation;
  // A list of days makes a different query each time; a whole event's days, one prepared query.
  const covered = type.dayIds.length
    ? db.select().from(days).where(inArray(days.id, type.dayIds)).orderBy(asc(days.startsAt)).all()
    : eventDays(db).all({ eventId: event.id });
  if (covered.length === 0) return null;
  const hours = covered.map((d) => `${d.label ? `${d.label}, ` : ''}${longDate(d.date)}: ${timeRange(d.startsAt, d.endsAt, event.timeZone)}`);
  const venue = [event.venueName, event.venueAddress.replace(/\s*\n\s*/g, ', ')].filter(Boolean).join(', ');
  const host = hostOf(invitation.baseUrl);
  const content = renderCalendar({ name: event.name, description: event.summary, method }, [
    {
      uid: `registration-${registration.id}@${host}`,
      sequence,
      start: covered[0]!.startsAt,
      end: covered[covered.length - 1]!.endsAt,
      summary: `${event.name} (${type.name})`,
      description: [...hours, '', `Manage your place: ${invitation.manage}`].join('\n'),
      location: venue,
      url: `${invitation.baseUrl}/events/${event.slug}`,
      cancelled: method === 'CANCEL',
      changedAt: now.getTime(),
      organizer: invitation.organizer,
      attendee: { name: registration.name, email: ctx.to },
    },
  ]);
  return { method, content };
}
