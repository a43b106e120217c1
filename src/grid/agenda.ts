import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { events } from '../events/events.table.ts';
import { interest, pitchFacilitators, pitches } from '../pitches/pitches.table.ts';
import { clashesIn } from './public-grid.ts';
import { latestPublished } from './published-versions.ts';
import type { PublishedSession } from './published.ts';

export interface Agenda {
  event: { id: number; slug: string; name: string; timeZone: string };
  sessions: Array<PublishedSession & { facilitating: boolean }>;
  clashes: Array<[PublishedSession, PublishedSession]>;
}

/** The pitches a person said they'd go to or runs, by event. */
export function agendaPitchIds(db: Db, personId: number): Map<number, { wanted: Set<number>; facilitating: Set<number> }> {
  const wanted = db.select({ pitchId: interest.pitchId, eventId: pitches.eventId }).from(interest).innerJoin(pitches, eq(pitches.id, interest.pitchId)).where(eq(interest.personId, personId)).all();
  const running = db
    .select({ pitchId: pitchFacilitators.pitchId, eventId: pitches.eventId, confirmed: pitchFacilitators.confirmed })
    .from(pitchFacilitators)
    .innerJoin(pitches, eq(pitches.id, pitchFacilitators.pitchId))
    .where(eq(pitchFacilitators.personId, personId))
    .all()
    .filter((r) => r.confirmed);
  const byEvent = new Map<number, { wanted: Set<number>; facilitating: Set<number> }>();
  const entry = (eventId: number) => byEvent.get(eventId) ?? byEvent.set(eventId, { wanted: new Set(), facilitating: new Set() }).get(eventId)!;
  for (const w of wanted) entry(w.eventId).wanted.add(w.pitchId);
  for (const r of running) entry(r.eventId).facilitating.add(r.pitchId);
  return byEvent;
}

/** "My agenda": per event with a published grid, the sessions someone marked or runs, in time order, with clashes. */
export function agendasOf(db: Db, personId: number): Agenda[] {
  const byEvent = agendaPitchIds(db, personId);
  if (byEvent.size === 0) return [];
  const eventRows = db.select({ id: events.id, slug: events.slug, name: events.name, timeZone: events.timeZone }).from(events).where(inArray(events.id, [...byEvent.keys()])).all();
  const agendas: Agenda[] = [];
  for (const e of eventRows) {
    const grid = latestPublished(db, e.id);
    if (!grid) continue;
    const mine = byEvent.get(e.id)!;
    const sessions = grid.sessions
      .filter((s) => mine.wanted.has(s.pitchId) || mine.facilitating.has(s.pitchId))
      .map((s) => ({ ...s, facilitating: mine.facilitating.has(s.pitchId) }))
      .sort((a, b) => a.startsAt - b.startsAt);
    agendas.push({ event: e, sessions, clashes: clashesIn(sessions) });
  }
  return agendas;
}
