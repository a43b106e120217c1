import { createHmac } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { days, events } from '../events/events.table.ts';
import type { CampEvent } from '../events/events.ts';
import { localDate, timeRangeOn } from '../events/local-time.ts';
import { latestPublished } from '../grid/published-versions.ts';
import { composeMail } from '../mail/compose.ts';
import { queueMail } from '../mail/outbox.ts';
import { hasStoppedAnnouncements, unsubscribeLink } from '../messages/unsubscribe.ts';
import { people } from '../people/people.table.ts';
import { displayName, findPerson } from '../people/people.ts';
import { sameSecret } from '../people/tokens.ts';
import { interest } from '../pitches/pitches.table.ts';
import { registrations, ticketTypes } from '../tickets/tickets.table.ts';
import type { Links } from '../tickets/manage-links.ts';
import { licenceNames } from './output-settings.ts';
import { outputsOfCampForTeam, type ShownOutput } from './outputs.ts';
import { outputDigestOptOuts, outputDigestsSent, outputSettings } from './outputs.table.ts';

const dayMs = 24 * 60 * 60 * 1000;
/** A camp whose digest fell due longer ago than this gets none: no surprise emails about old camps. */
const lateByMs = 30 * dayMs;
/** Notes longer than this are cut in the email, with a link to the whole text. */
const notesInEmail = 600;

/** The camps whose digest is due now: the set number of days after their last day, not long ago. */
function campsDue(db: Db, t: number): CampEvent[] {
  const daysAfter = sql`coalesce(${outputSettings.digestDaysAfter}, 7) * ${dayMs}`;
  return db
    .select({ event: events })
    .from(events)
    .innerJoin(days, eq(days.eventId, events.id))
    .leftJoin(outputSettings, eq(outputSettings.eventId, events.id))
    .where(inArray(events.status, ['published', 'archived']))
    .groupBy(events.id)
    .having(sql`max(${days.endsAt}) + ${daysAfter} <= ${t} and max(${days.endsAt}) + ${daysAfter} > ${t - lateByMs}`)
    .all()
    .map((r) => r.event);
}

interface Attendee {
  personId: number;
  /** The camp's days (YYYY-MM-DD) they were checked in on. */
  checkedIn: Set<string>;
}

/** Everyone who had a confirmed place or was checked in, and has not yet been decided about. */
function attendeesWaiting(db: Db, event: CampEvent): Attendee[] {
  const rows = db
    .select({ personId: people.id, checkedInAt: registrations.checkedInAt })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .innerJoin(people, eq(people.id, registrations.personId))
    .leftJoin(outputDigestsSent, and(eq(outputDigestsSent.eventId, event.id), eq(outputDigestsSent.personId, people.id)))
    .where(and(eq(ticketTypes.eventId, event.id), or(eq(registrations.status, 'confirmed'), isNotNull(registrations.checkedInAt)), isNull(outputDigestsSent.personId)))
    .all();
  const byPerson = new Map<number, Attendee>();
  for (const r of rows) {
    const attendee = byPerson.get(r.personId) ?? byPerson.set(r.personId, { personId: r.personId, checkedIn: new Set() }).get(r.personId)!;
    if (r.checkedInAt !== null) attendee.checkedIn.add(localDate(r.checkedInAt, event.timeZone));
  }
  return [...byPerson.values()];
}

export interface DigestSession {
  title: string;
  when: string;
  url: string;
  outputs: ShownOutput[];
}

/** What one person's digest holds: the sessions they marked or were checked in on the day of, that made something. */
function digestSessions(db: Db, event: CampEvent, links: Links): (attendee: Attendee) => DigestSession[] {
  const grid = latestPublished(db, event.id);
  const sessions = (grid?.sessions ?? []).filter((s) => !s.cancelled).sort((a, b) => a.startsAt - b.startsAt || a.pitchId - b.pitchId);
  const outputs = new Map<number, ShownOutput[]>();
  for (const o of outputsOfCampForTeam(db, event.id).reverse()) if (o.hiddenAt === null) outputs.set(o.pitchId, [...(outputs.get(o.pitchId) ?? []), o]);
  const marked = new Map<number, Set<number>>();
  const pitchIds = sessions.map((s) => s.pitchId);
  for (const r of db.select({ pitchId: interest.pitchId, personId: interest.personId }).from(interest).where(inArray(interest.pitchId, pitchIds)).all()) {
    marked.set(r.personId, (marked.get(r.personId) ?? new Set()).add(r.pitchId));
  }
  return (attendee) =>
    sessions
      .filter((s) => outputs.has(s.pitchId) && (marked.get(attendee.personId)?.has(s.pitchId) || attendee.checkedIn.has(s.date)))
      .map((s) => ({ title: s.title, when: timeRangeOn(s.startsAt, s.endsAt, event.timeZone), url: `${links.baseUrl}/events/${event.slug}/pitches/${s.pitchId}`, outputs: outputs.get(s.pitchId)! }));
}

const signature = (secret: string, eventId: number, personId: number) => createHmac('sha256', secret).update(`digest:${eventId}:${personId}`).digest('base64url');

/** The link in a digest that stops that camp's digest for that person (nothing stored to make it). */
export function digestStopLink(links: Pick<Links, 'baseUrl' | 'secret'>, eventId: number, personId: number): string {
  return `${links.baseUrl}/outputs/digest/${eventId}-${personId}-${signature(links.secret, eventId, personId)}`;
}

/** The camp and person a digest's stop link names, or null (compared in constant time). */
export function digestStopTokenOwner(secret: string, token: string): { eventId: number; personId: number } | null {
  const [, event, person, given] = /^(\d{1,12})-(\d{1,12})-([A-Za-z0-9_-]{43})$/.exec(token) ?? [];
  if (!event || !person || !given || !sameSecret(signature(secret, Number(event), Number(person)), given)) return null;
  return { eventId: Number(event), personId: Number(person) };
}

export function hasStoppedDigest(db: Db, eventId: number, personId: number): boolean {
  return !!db.select({ p: outputDigestOptOuts.personId }).from(outputDigestOptOuts).where(and(eq(outputDigestOptOuts.eventId, eventId), eq(outputDigestOptOuts.personId, personId))).get();
}

/** No digest of this camp's outputs for this person; a camp's digest is a message from its organisers, so stopping announcements stops it too. */
export function stopDigest(db: Db, now: Date, eventId: number, personId: number): void {
  db.insert(outputDigestOptOuts).values({ eventId, personId, stoppedAt: now.getTime() }).onConflictDoNothing().run();
}

export function restartDigest(db: Db, eventId: number, personId: number): void {
  db.delete(outputDigestOptOuts).where(and(eq(outputDigestOptOuts.eventId, eventId), eq(outputDigestOptOuts.personId, personId))).run();
}

export function composeDigest(event: CampEvent, args: { name: string; sessions: DigestSession[]; links: Links; stopLink: string; announcementsLink: string }) {
  const sessions = args.sessions.map((s) => ({
    ...s,
    outputs: s.outputs.map((o) => ({
      kind: { notes: 'Notes', link: 'Link', action: 'Action' }[o.kind],
      title: o.title,
      url: o.url,
      text: o.body.length > notesInEmail ? `${o.body.slice(0, notesInEmail).trimEnd()}…` : o.body,
      cut: o.body.length > notesInEmail,
      owner: o.owner,
      by: o.by,
      licence: licenceNames[o.licence].name,
      anchor: `${s.url}#output-${o.id}`,
    })),
  }));
  return composeMail('outputs-digest', `What you made at ${event.name}`, {
    name: args.name,
    eventName: event.name,
    sessions,
    campOutputsUrl: `${args.links.baseUrl}/events/${event.slug}/outputs`,
    stopLink: args.stopLink,
    announcementsLink: args.announcementsLink,
  });
}

/**
 * Sends each camp's digest once it is due: one email to each person who had a confirmed place
 * or was checked in, with the outputs of the sessions they marked or attended, if there are any.
 * Each person is recorded in the transaction that queues their email, so a second run, or a
 * restart part-way, never sends twice. Returns how many emails were queued.
 */
export function sendDueDigests(db: Db, now: Date, links: Links): number {
  let queued = 0;
  for (const event of campsDue(db, now.getTime())) {
    queued += db.transaction((tx) => {
      const waiting = attendeesWaiting(tx, event);
      if (!waiting.length) return 0;
      const sessionsFor = digestSessions(tx, event, links);
      let sent = 0;
      for (const attendee of waiting) {
        const person = findPerson(tx, attendee.personId)!;
        const sessions = sessionsFor(attendee);
        const leftOut = !sessions.length || hasStoppedDigest(tx, event.id, person.id) || hasStoppedAnnouncements(tx, person);
        const decided = tx.insert(outputDigestsSent).values({ eventId: event.id, personId: person.id, outboxId: null, decidedAt: now.getTime() }).onConflictDoNothing().run();
        if (leftOut || decided.changes === 0) continue;
        const stopLink = digestStopLink(links, event.id, person.id);
        const mail = composeDigest(event, { name: displayName(person), sessions, links, stopLink, announcementsLink: unsubscribeLink(links.baseUrl, links.secret, person.id) });
        const message = queueMail(tx, now, { ...mail, to: person.email, listUnsubscribe: stopLink });
        tx.update(outputDigestsSent).set({ outboxId: message.id }).where(and(eq(outputDigestsSent.eventId, event.id), eq(outputDigestsSent.personId, person.id))).run();
        sent++;
      }
      return sent;
    });
  }
  return queued;
}
