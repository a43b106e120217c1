import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { events } from '../events/events.table.ts';
import { latestPublished } from '../grid/published-versions.ts';
import { pitchFacilitators, pitches } from './pitches.table.ts';

/**
 * Every pitch a person made or co-facilitates (or is invited to), at every event, with where it
 * stands: on the board, hidden, withdrawn, merged, and whether the published grid has it and where.
 */
export function pitchesOf(db: Db, personId: number) {
  const rows = db
    .select({ id: pitches.id, title: pitches.title, status: pitches.status, confirmed: pitchFacilitators.confirmed, event: { id: events.id, slug: events.slug, name: events.name, timeZone: events.timeZone } })
    .from(pitchFacilitators)
    .innerJoin(pitches, eq(pitches.id, pitchFacilitators.pitchId))
    .innerJoin(events, eq(events.id, pitches.eventId))
    .where(eq(pitchFacilitators.personId, personId))
    .orderBy(asc(events.id), asc(pitches.id))
    .all();
  const grids = new Map<number, ReturnType<typeof latestPublished>>();
  return rows.map((r) => {
    if (!grids.has(r.event.id)) grids.set(r.event.id, latestPublished(db, r.event.id));
    const session = grids.get(r.event.id)?.sessions.find((s) => s.pitchId === r.id && !s.cancelled) ?? null;
    return { ...r, session };
  });
}
