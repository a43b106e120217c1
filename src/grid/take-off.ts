import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { interest, pitchFacilitators } from '../pitches/pitches.table.ts';
import { gridDrafts, gridPlacements, gridVersions } from './grid.table.ts';
import { latestPublished } from './published-versions.ts';
import { tellPeopleAboutChanges } from './change-emails.ts';
import type { GridChange, PublishedGrid } from './published.ts';

/** The people a pitch's grid changes reach: its confirmed facilitators and everyone interested in it. */
export function peopleOfPitch(db: Db, pitchId: number): number[] {
  const facilitators = db
    .select({ id: pitchFacilitators.personId })
    .from(pitchFacilitators)
    .where(and(eq(pitchFacilitators.pitchId, pitchId), eq(pitchFacilitators.confirmed, true), isNotNull(pitchFacilitators.personId)))
    .all();
  const interested = db.select({ id: interest.personId }).from(interest).where(eq(interest.pitchId, pitchId)).all();
  return [...new Set([...facilitators, ...interested].map((r) => r.id!))];
}

/**
 * A pitch that leaves the board (merged, withdrawn or hidden) leaves the grid with it, in the
 * caller's transaction: its draft cell is freed (and the draft's version moves on, so an open
 * editor reloads and undo cannot bring it back), and if the published grid lists it, a new
 * version is published with it cancelled, so the public grid and every feed drop it at once.
 * Returns the change and the version published, if any; the caller says who is told.
 */
export function takeOffGrid(tx: Db, now: Date, args: { event: CampEvent; pitchId: number; mergedInto?: { pitchId: number; title: string } }): { change: GridChange; snapshot: PublishedGrid } | null {
  const freed = tx.delete(gridPlacements).where(eq(gridPlacements.pitchId, args.pitchId)).run().changes;
  if (freed) {
    tx.update(gridDrafts).set({ version: sql`${gridDrafts.version} + 1`, undo: null, proposal: null, updatedAt: now.getTime() }).where(eq(gridDrafts.eventId, args.event.id)).run();
  }
  const published = latestPublished(tx, args.event.id);
  const session = published?.sessions.find((s) => s.pitchId === args.pitchId && !s.cancelled);
  if (!published || !session) return null;
  const survivor = args.mergedInto && published.sessions.find((s) => s.pitchId === args.mergedInto!.pitchId && !s.cancelled);
  const change: GridChange = {
    kind: 'cancelled',
    pitchId: session.pitchId,
    title: session.title,
    from: { roomName: session.roomName, startsAt: session.startsAt, endsAt: session.endsAt },
    ...(args.mergedInto && { mergedInto: { title: args.mergedInto.title, at: survivor ? { roomName: survivor.roomName, startsAt: survivor.startsAt, endsAt: survivor.endsAt } : null } }),
  };
  const t = now.getTime();
  const snapshot: PublishedGrid = {
    ...published,
    version: published.version + 1,
    publishedAt: t,
    note: '',
    sessions: published.sessions.map((s) => (s === session ? { ...s, cancelled: true, sequence: s.sequence + 1, changedAt: t } : s)),
    changes: [change],
  };
  tx.insert(gridVersions).values({ eventId: args.event.id, number: snapshot.version, publishedAt: t, publishedBy: null, snapshot }).run();
  return { change, snapshot };
}

/** Takes a pitch off the grid and emails what changed to the people of `tell` (the pitch itself, or the one it joined). */
export function takeOffGridAndTell(
  tx: Db,
  now: Date,
  args: { event: CampEvent; pitchId: number; mergedInto?: { pitchId: number; title: string }; tell: number; except?: number[]; baseUrl: string },
): void {
  const taken = takeOffGrid(tx, now, args);
  if (!taken) return;
  const told = peopleOfPitch(tx, args.tell).filter((id) => !args.except?.includes(id));
  tellPeopleAboutChanges(tx, now, args.event, taken.snapshot, new Map(told.map((id) => [id, [taken.change]])), args.baseUrl);
}
