import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { gridVersions } from '../grid/grid.table.ts';
import type { PublishedGrid } from '../grid/published.ts';
import { pitchFacilitators } from '../pitches/pitches.table.ts';
import { personKey, walkInKey } from '../pitches/scheduler-ids.ts';
import { signInLinks } from './people.table.ts';
import type { Person } from './people.ts';

/** What a deleted person's sessions say instead of their name. */
export const aParticipant = 'A participant';

/**
 * Takes a person's name out of everything public, in the caller's transaction: the pitches they
 * run keep going, facilitated by "a participant", and every published version of every grid
 * says so too. The latest version of each grid they were on counts as re-published now, so
 * feeds, exports and their caches (keyed by version and publish time) answer afresh at once.
 * Every sign-in link sent to them, used or not, is deleted, so none can sign in again.
 */
export function forgetPersonInPublic(tx: Db, now: Date, person: Person): void {
  const key = personKey(person.id);
  const facilitated = tx.select({ id: pitchFacilitators.id, pitchId: pitchFacilitators.pitchId }).from(pitchFacilitators).where(and(eq(pitchFacilitators.personId, person.id), eq(pitchFacilitators.confirmed, true))).all();
  for (const f of facilitated) tx.update(pitchFacilitators).set({ personId: null, walkInName: aParticipant }).where(eq(pitchFacilitators.id, f.id)).run();
  const touched = new Set<number>();
  for (const version of tx.select().from(gridVersions).all()) {
    if (!version.snapshot.sessions.some((s) => s.facilitators.some((f) => f.key === key))) continue;
    const snapshot: PublishedGrid = {
      ...version.snapshot,
      sessions: version.snapshot.sessions.map((s) => ({ ...s, facilitators: s.facilitators.map((f) => (f.key === key ? { key: walkInKey(0), name: aParticipant } : f)) })),
    };
    tx.update(gridVersions).set({ snapshot }).where(eq(gridVersions.id, version.id)).run();
    touched.add(version.eventId);
  }
  for (const eventId of touched) {
    const latest = tx.select().from(gridVersions).where(eq(gridVersions.eventId, eventId)).orderBy(desc(gridVersions.number)).limit(1).get()!;
    const t = now.getTime();
    const sessions = latest.snapshot.sessions.map((s) => (s.facilitators.some((f) => f.name === aParticipant) ? { ...s, changedAt: t } : s));
    tx.update(gridVersions).set({ publishedAt: t, snapshot: { ...latest.snapshot, publishedAt: t, sessions } }).where(eq(gridVersions.id, latest.id)).run();
  }
  tx.delete(signInLinks).where(eq(signInLinks.email, person.email)).run();
}
