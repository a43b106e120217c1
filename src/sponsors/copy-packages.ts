import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { WeekMove } from '../events/move-weeks.ts';
import { sponsorPackages } from './sponsors.table.ts';

/** A copied camp's sponsor packages: the same tiers and prices, the deadline moved, none taken. */
export function copySponsorPackages(tx: Db, now: Date, fromId: number, toId: number, move: WeekMove): void {
  for (const { id: _id, eventId: _eventId, unitsHeld: _held, ...pkg } of tx.select().from(sponsorPackages).where(eq(sponsorPackages.eventId, fromId)).all()) {
    tx.insert(sponsorPackages)
      .values({ ...pkg, eventId: toId, unitsHeld: 0, signUpDeadline: pkg.signUpDeadline === null ? null : move.date(pkg.signUpDeadline), createdAt: now.getTime(), updatedAt: now.getTime() })
      .run();
  }
}
