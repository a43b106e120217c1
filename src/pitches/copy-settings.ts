import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { WeekMove } from '../events/move-weeks.ts';
import { pitchSettings } from './pitches.table.ts';

/**
 * A copied camp's pitch settings: when interest opens and closes, moved, and counts shown the
 * same way. Changes need approval only once the new camp's grid is published.
 */
export function copyPitchSettings(tx: Db, now: Date, fromId: number, toId: number, move: WeekMove): void {
  const settings = tx.select().from(pitchSettings).where(eq(pitchSettings.eventId, fromId)).get();
  if (!settings) return;
  tx.insert(pitchSettings)
    .values({
      eventId: toId,
      interestOpensAt: move.optional(settings.interestOpensAt),
      interestClosesAt: move.optional(settings.interestClosesAt),
      counts: settings.counts,
      changesNeedApproval: false,
      updatedAt: now.getTime(),
    })
    .run();
}
