import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { eventOrganisers, events } from '../events/events.table.ts';
import { writeDrafts } from '../mail/drafts.ts';
import { outbox } from '../mail/mail.table.ts';
import { interest, pitchFacilitators, pitches } from '../pitches/pitches.table.ts';
import { sponsors } from '../sponsors/sponsors.table.ts';
import { signInLinks } from './people.table.ts';
import type { Person } from './people.ts';

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/** The row with its instants (milliseconds) written as ISO dates, as a person reads them. */
function readable<T extends Record<string, unknown>>(row: T, ...times: Array<keyof T>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, times.includes(k) ? iso(v as number | null) : v]));
}

/**
 * The rest of "Download my data", beyond the person and their places: everything the privacy
 * page says is kept. Pitches they run or are invited to, interest marks, the emails kept for
 * them, sign-in links with the network address that asked, team roles and sponsor contacts.
 */
export function everythingElseAbout(db: Db, person: Person) {
  // The emails as sent, the words of any not yet written included (mail/drafts.ts).
  writeDrafts(db);
  const eventName = events.name;
  return {
    pitches: db
      .select({ event: eventName, title: pitches.title, description: pitches.description, format: pitches.format, status: pitches.status, confirmed: pitchFacilitators.confirmed, createdAt: pitches.createdAt })
      .from(pitchFacilitators)
      .innerJoin(pitches, eq(pitches.id, pitchFacilitators.pitchId))
      .innerJoin(events, eq(events.id, pitches.eventId))
      .where(eq(pitchFacilitators.personId, person.id))
      .orderBy(asc(pitches.id))
      .all()
      .map(({ confirmed, createdAt, ...p }) => ({ ...p, role: confirmed ? 'facilitator' : 'invited to co-facilitate', pitchedAt: iso(createdAt) })),
    interest: db
      .select({ event: eventName, pitch: pitches.title, markedAt: interest.createdAt })
      .from(interest)
      .innerJoin(pitches, eq(pitches.id, interest.pitchId))
      .innerJoin(events, eq(events.id, pitches.eventId))
      .where(eq(interest.personId, person.id))
      .all()
      .map((i) => readable(i, 'markedAt')),
    emails: db
      .select({ subject: outbox.subject, text: outbox.textBody, status: outbox.status, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
      .from(outbox)
      .where(eq(outbox.toAddress, person.email))
      .orderBy(asc(outbox.id))
      .all()
      .map((m) => readable(m, 'createdAt', 'sentAt')),
    signInLinks: db
      .select({ purpose: signInLinks.purpose, requestedFromIp: signInLinks.requestedFromIp, createdAt: signInLinks.createdAt, expiresAt: signInLinks.expiresAt, usedAt: signInLinks.usedAt })
      .from(signInLinks)
      .where(eq(signInLinks.email, person.email))
      .orderBy(asc(signInLinks.id))
      .all()
      .map((l) => readable(l, 'createdAt', 'expiresAt', 'usedAt')),
    teamRoles: db.select({ event: eventName, role: eventOrganisers.role }).from(eventOrganisers).innerJoin(events, eq(events.id, eventOrganisers.eventId)).where(eq(eventOrganisers.personId, person.id)).all(),
    sponsorContacts: db
      .select({ event: eventName, organisation: sponsors.organisationName, contactName: sponsors.contactName, contactEmail: sponsors.contactEmail, contactPhone: sponsors.contactPhone, status: sponsors.status })
      .from(sponsors)
      .innerJoin(events, eq(events.id, sponsors.eventId))
      .where(eq(sponsors.contactEmail, person.email))
      .all(),
  };
}
