import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { findEventBySlug, withDates, type CampEvent } from '../events/events.ts';
import { events } from '../events/events.table.ts';
import { hasRole, roleAt } from '../events/organisers.ts';
import type { Person } from '../people/people.ts';
import { NotFound } from '../rules.ts';
import { reachSettings, type ReachPublication } from './reach.table.ts';

export const publicationLabels: Record<ReachPublication, { text: string; hint: string }> = {
  'after-the-event': { text: 'After the event', hint: 'Public once the camp’s last day is over (or the camp is archived)' },
  now: { text: 'Now', hint: 'Public while registration is still open: the figures change as people register' },
  never: { text: 'Never', hint: 'Only the team sees them, and the camp is left out of the site-wide figures' },
};

/** When this camp's reach goes public (after the event, unless its organisers chose otherwise). */
export function reachPublicationOf(db: Db, eventId: number): ReachPublication {
  return db.select({ publication: reachSettings.publication }).from(reachSettings).where(eq(reachSettings.eventId, eventId)).get()?.publication ?? 'after-the-event';
}

export function chooseReachPublication(db: Db, now: Date, eventId: number, publication: ReachPublication, changedBy: number): void {
  db.insert(reachSettings)
    .values({ eventId, publication, changedBy, changedAt: now.getTime() })
    .onConflictDoUpdate({ target: reachSettings.eventId, set: { publication, changedBy, changedAt: now.getTime() } })
    .run();
}

/**
 * Whether anyone may see a camp's reach: never a draft's; otherwise as its organisers chose,
 * "after the event" meaning once its last day has closed (or it is archived).
 */
function isPublic(publication: ReachPublication, event: CampEvent, endsAt: number | null, now: Date): boolean {
  if (event.status === 'draft' || publication === 'never') return false;
  if (publication === 'now') return true;
  return event.status === 'archived' || (endsAt !== null && endsAt <= now.getTime());
}

export function reachIsPublic(db: Db, event: CampEvent, now: Date): boolean {
  const [dated] = withDates(db, [event]);
  return isPublic(reachPublicationOf(db, event.id), event, dated!.endsAt, now);
}

/** The camps whose reach is public now: what the site-wide figures count. */
export function campsWithPublicReach(db: Db, now: Date): CampEvent[] {
  const listed = db.select().from(events).where(inArray(events.status, ['published', 'archived'])).all();
  if (listed.length === 0) return [];
  const chosen = new Map(db.select().from(reachSettings).where(inArray(reachSettings.eventId, listed.map((e) => e.id))).all().map((s) => [s.eventId, s.publication]));
  return withDates(db, listed)
    .filter((d) => isPublic(chosen.get(d.event.id) ?? 'after-the-event', d.event, d.endsAt, now))
    .map((d) => d.event);
}

/**
 * The camp whose reach this person may read: anyone once it is public, its owners and organisers
 * before (to preview it). To everyone else it does not exist yet (404), so nothing is given away early.
 */
export function reachVisibleTo(db: Db, slug: string, person: Person | null, now: Date): { event: CampEvent; isPublic: boolean } {
  const event = findEventBySlug(db, slug);
  if (!event) throw new NotFound();
  const open = reachIsPublic(db, event, now);
  if (!open && !(person !== null && hasRole(roleAt(db, person, event.id), 'organiser'))) throw new NotFound();
  return { event, isPublic: open };
}
