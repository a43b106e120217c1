import { inArray } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { pitches } from '../pitches/pitches.table.ts';
import { loadGrid, spanOf } from './model.ts';
import type { GridChange, Place, PublishedGrid, PublishedSession } from './published.ts';

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
