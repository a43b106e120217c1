import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { displayName, type Person } from '../people/people.ts';
import { sponsorHistory, type SponsorAction } from './sponsors.table.ts';

export type SponsorHistoryEntry = typeof sponsorHistory.$inferSelect;

/** Who made a change: a member of the event's team, or the sponsor through their own page. */
export type Actor = { person: Person } | 'sponsor';

/** Records a change to a sponsor: what, when, who, and (for a decline) why. */
export function recordChange(db: Db, now: Date, sponsorId: number, action: SponsorAction, by: Actor, reason = ''): void {
  const byPersonId = by === 'sponsor' ? null : by.person.id;
  const byName = by === 'sponsor' ? 'The sponsor' : `${displayName(by.person)} (${by.person.email})`;
  db.insert(sponsorHistory).values({ sponsorId, action, byPersonId, byName, reason, at: now.getTime() }).run();
}

export function historyOf(db: Db, sponsorId: number): SponsorHistoryEntry[] {
  return db.select().from(sponsorHistory).where(eq(sponsorHistory.sponsorId, sponsorId)).orderBy(asc(sponsorHistory.at), asc(sponsorHistory.id)).all();
}
