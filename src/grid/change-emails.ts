import { eq, inArray } from 'drizzle-orm';
import { gridChangeInvitation } from '../calendar/grid-invitation.ts';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { composeMail } from '../mail/compose.ts';
import { queueMail } from '../mail/outbox.ts';
import { people } from '../people/people.table.ts';
import { interest } from '../pitches/pitches.table.ts';
import { personIdOf, pitchIdOf } from '../pitches/scheduler-ids.ts';
import { describeChange } from './change-wording.ts';
import type { GridChange, PublishedGrid } from './published.ts';

/**
 * Who a published version's changes affect, and which changes each: the facilitators of a
 * changed session, the attendees who want it (the scheduler's attendees), and for a session
 * taken off the board, everyone who marked "I'd go" on it.
 */
export function peopleToTell(db: Db, snapshot: PublishedGrid, attendees: Array<{ id: string; wants: string[] }>): Map<number, GridChange[]> {
  const changesFor = new Map<number, GridChange[]>();
  const add = (personId: number, change: GridChange) => {
    const list = changesFor.get(personId) ?? [];
    if (!list.includes(change)) list.push(change);
    changesFor.set(personId, list);
  };
  const sessions = new Map(snapshot.sessions.map((s) => [s.pitchId, s]));
  const wantersOf = new Map<number, number[]>();
  for (const a of attendees) {
    const personId = personIdOf(a.id);
    if (personId === null) continue;
    for (const pitchId of a.wants.map(pitchIdOf)) if (pitchId !== null) wantersOf.set(pitchId, [...(wantersOf.get(pitchId) ?? []), personId]);
  }
  for (const change of snapshot.changes) {
    for (const f of sessions.get(change.pitchId)?.facilitators ?? []) {
      const personId = personIdOf(f.key);
      if (personId !== null) add(personId, change);
    }
    for (const personId of wantersOf.get(change.pitchId) ?? []) add(personId, change);
    // A pitch that left the board is not in the scheduler's wants any more; its interest marks still say who planned to go.
    if (change.kind === 'cancelled') for (const r of db.select({ id: interest.personId }).from(interest).where(eq(interest.pitchId, change.pitchId)).all()) add(r.id, change);
  }
  return changesFor;
}

/**
 * Emails each person one message listing the grid changes (of this published version) that
 * affect them, with a calendar invitation or cancellation for those sessions.
 */
export function tellPeopleAboutChanges(db: Db, now: Date, event: CampEvent, snapshot: PublishedGrid, changesFor: Map<number, GridChange[]>, baseUrl: string): void {
  if (changesFor.size === 0) return;
  const recipients = db.select({ id: people.id, name: people.name, email: people.email }).from(people).where(inArray(people.id, [...changesFor.keys()])).all();
  const first = snapshot.version === 1;
  const subject = first ? `The grid for ${event.name} is published` : `The grid for ${event.name} has changed`;
  for (const r of recipients) {
    const changes = changesFor.get(r.id)!;
    const lines = changes.map((c) => describeChange(c, event.timeZone));
    queueMail(db, now, {
      to: r.email,
      ...composeMail('grid-update', subject, { eventName: event.name, first, lines, note: snapshot.note, gridUrl: `${baseUrl}/events/${event.slug}/grid` }),
      calendar: gridChangeInvitation(snapshot, changes, baseUrl, { name: r.name, email: r.email }),
    });
  }
}
