import { desc, eq, inArray } from 'drizzle-orm';
import { gridChangeInvitation } from '../calendar/grid-invitation.ts';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { timeRangeOn } from '../events/local-time.ts';
import { composeMail } from '../mail/compose.ts';
import { queueMail } from '../mail/outbox.ts';
import { people } from '../people/people.table.ts';
import type { Person } from '../people/people.ts';
import { interest, pitches } from '../pitches/pitches.table.ts';
import { personIdOf, pitchIdOf } from '../pitches/scheduler-ids.ts';
import { pitchSettingsOf, savePitchSettings } from '../pitches/settings.ts';
import { StaleGrid } from './editor.ts';
import { gridVersions } from './grid.table.ts';
import { loadGrid, spanOf } from './model.ts';
import type { GridChange, Place, PublishedGrid, PublishedSession } from './published.ts';

/**
 * Parsed snapshots by connection and event. Public pages and feeds ask for the latest grid on
 * every request; reading and parsing a 120-session snapshot each time was most of their cost.
 * The cheap indexed lookup of the latest version's id still runs every time, so a publish (or a
 * rolled-back one) is never missed. Only the top-level database caches; a transaction reads fresh.
 */
const parsedGrids = new WeakMap<object, Map<number, { id: number; publishedAt: number; snapshot: PublishedGrid }>>();

export function latestPublished(db: Db, eventId: number): PublishedGrid | null {
  const latest = db
    .select({ id: gridVersions.id, publishedAt: gridVersions.publishedAt })
    .from(gridVersions)
    .where(eq(gridVersions.eventId, eventId))
    .orderBy(desc(gridVersions.number))
    .limit(1)
    .get();
  if (!latest) return null;
  const client = (db as { $client?: object }).$client;
  const cached = client ? parsedGrids.get(client)?.get(eventId) : undefined;
  if (cached && cached.id === latest.id && cached.publishedAt === latest.publishedAt) return cached.snapshot;
  const snapshot = db.select({ snapshot: gridVersions.snapshot }).from(gridVersions).where(eq(gridVersions.id, latest.id)).get()!.snapshot;
  if (client) {
    const byEvent = parsedGrids.get(client) ?? new Map();
    byEvent.set(eventId, { id: latest.id, publishedAt: latest.publishedAt, snapshot });
    parsedGrids.set(client, byEvent);
  }
  return snapshot;
}

export function publishedVersions(db: Db, eventId: number): PublishedGrid[] {
  return db.select({ snapshot: gridVersions.snapshot }).from(gridVersions).where(eq(gridVersions.eventId, eventId)).orderBy(desc(gridVersions.number)).all().map((r) => r.snapshot);
}

const placeOf = (s: PublishedSession): Place => ({ roomName: s.roomName, startsAt: s.startsAt, endsAt: s.endsAt });

/**
 * The snapshot a publish writes: this draft's sessions, each keeping its place in the history of
 * versions. SEQUENCE rises when time, room or title change (what calendar apps show); a session
 * that left the grid stays, cancelled, so calendars drop it cleanly.
 */
export function nextSnapshot(db: Db, event: CampEvent, now: Date, note: string, previous: PublishedGrid | null): PublishedGrid {
  const model = loadGrid(db, event);
  const ids = model.placements.map((p) => p.pitchId);
  const descriptions = new Map(ids.length ? db.select({ id: pitches.id, description: pitches.description }).from(pitches).where(inArray(pitches.id, ids)).all().map((p) => [p.id, p.description]) : []);
  const before = new Map((previous?.sessions ?? []).map((s) => [s.pitchId, s]));
  const t = now.getTime();
  const changes: GridChange[] = [];
  const sessions: PublishedSession[] = [];
  for (const placement of model.placements) {
    const pitch = model.pitches.get(placement.pitchId)!;
    const room = model.rooms.find((r) => r.id === placement.roomId)!;
    const span = spanOf(model, placement.slotId, pitch.session.length ?? 1) ?? [placement.slotId];
    const first = model.slotById.get(span[0]!)!;
    const last = model.slotById.get(span[span.length - 1]!)!;
    const session: PublishedSession = {
      pitchId: pitch.id,
      title: pitch.title,
      description: descriptions.get(pitch.id) ?? '',
      format: pitch.format,
      facilitators: pitch.facilitators,
      roomId: room.id,
      roomName: room.name,
      roomFeatures: room.features,
      date: model.days.find((d) => d.id === first.dayId)!.date,
      startsAt: first.startsAt,
      endsAt: last.endsAt,
      sequence: 0,
      changedAt: t,
      cancelled: false,
    };
    const old = before.get(pitch.id);
    if (!old || old.cancelled) {
      session.sequence = old ? old.sequence + 1 : 0;
      changes.push({ kind: 'added', pitchId: pitch.id, title: pitch.title, to: placeOf(session) });
    } else {
      const moved = old.roomId !== session.roomId || old.startsAt !== session.startsAt || old.endsAt !== session.endsAt;
      const renamed = old.title !== session.title;
      const other = old.description !== session.description || JSON.stringify(old.facilitators) !== JSON.stringify(session.facilitators) || old.roomName !== session.roomName;
      session.sequence = moved || renamed ? old.sequence + 1 : old.sequence;
      session.changedAt = moved || renamed || other ? t : old.changedAt;
      if (moved) changes.push({ kind: 'moved', pitchId: pitch.id, title: pitch.title, from: placeOf(old), to: placeOf(session) });
      if (renamed) changes.push({ kind: 'renamed', pitchId: pitch.id, title: pitch.title, previousTitle: old.title });
    }
    sessions.push(session);
  }
  const placed = new Set(sessions.map((s) => s.pitchId));
  for (const old of previous?.sessions ?? []) {
    if (placed.has(old.pitchId)) continue;
    if (old.cancelled) sessions.push(old);
    else {
      sessions.push({ ...old, cancelled: true, sequence: old.sequence + 1, changedAt: t });
      changes.push({ kind: 'cancelled', pitchId: old.pitchId, title: old.title, from: placeOf(old) });
    }
  }
  sessions.sort((a, b) => a.startsAt - b.startsAt || a.roomName.localeCompare(b.roomName) || a.pitchId - b.pitchId);
  return {
    event: { id: event.id, slug: event.slug, name: event.name, summary: event.summary, timeZone: event.timeZone, venueName: event.venueName, venueAddress: event.venueAddress },
    version: (previous?.version ?? 0) + 1,
    publishedAt: t,
    note,
    sessions,
    changes,
  };
}

/** One line of the change log, in words, in the event's time zone. */
export function describeChange(change: GridChange, zone: string): string {
  const at = (p: Place) => `${p.roomName}, ${timeRangeOn(p.startsAt, p.endsAt, zone, false)}`;
  switch (change.kind) {
    case 'added':
      return `Added: “${change.title}”, ${at(change.to)}`;
    case 'moved':
      return `Moved: “${change.title}”, now in ${at(change.to)} (was ${at(change.from)})`;
    case 'cancelled':
      if (change.mergedInto) return `Cancelled: “${change.title}”, which was in ${at(change.from)}: it has joined “${change.mergedInto.title}”, ${change.mergedInto.at ? at(change.mergedInto.at) : 'which is not on the grid yet'}`;
      return `Cancelled: “${change.title}”, which was in ${at(change.from)}`;
    case 'renamed':
      return `Renamed: “${change.previousTitle}” is now “${change.title}”`;
  }
}

/**
 * Publishes the draft as the next numbered version, with its change log and note, and emails
 * every facilitator and interested attendee of a changed session one message listing what
 * changed for them. All in one transaction; the emails go through the outbox.
 */
export function publishGrid(db: Db, now: Date, args: { event: CampEvent; version: number; note: string; by: Person; baseUrl: string; notify?: boolean }): PublishedGrid {
  return db.transaction((tx) => {
    const model = loadGrid(tx, args.event);
    if (model.version !== args.version) throw new StaleGrid(model.version);
    const snapshot = nextSnapshot(tx, args.event, now, args.note, latestPublished(tx, args.event.id));
    tx.insert(gridVersions).values({ eventId: args.event.id, number: snapshot.version, publishedAt: now.getTime(), publishedBy: args.by.id, snapshot }).run();
    // Once a grid is public, facilitators' edits to their pitches wait for organisers.
    const settings = pitchSettingsOf(tx, args.event.id);
    if (!settings.changesNeedApproval) {
      savePitchSettings(tx, now, args.event.id, { interestOpensAt: settings.interestOpensAt, interestClosesAt: settings.interestClosesAt, counts: settings.counts, changesNeedApproval: true });
    }
    if (args.notify ?? true) tellPeopleWhatChanged(tx, now, args.event, snapshot, model.instance.attendees, args.baseUrl);
    return snapshot;
  });
}

function tellPeopleWhatChanged(db: Db, now: Date, event: CampEvent, snapshot: PublishedGrid, attendees: Array<{ id: string; wants: string[] }>, baseUrl: string): void {
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
  tellPeopleAboutChanges(db, now, event, snapshot, changesFor, baseUrl);
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
