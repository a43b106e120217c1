import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { WeekMove } from '../events/move-weeks.ts';
import { releaseWaves, ticketTypes } from './tickets.table.ts';

/**
 * A copied camp's ticket types: the same names, capacities and rules, every date moved, and
 * nobody registered (places are counted from registrations, so none are held). A ballot is
 * drawn afresh: its seed and result are not copied.
 */
export function copyTicketTypes(tx: Db, now: Date, fromId: number, toId: number, move: WeekMove, dayIds: Map<number, number>): void {
  for (const type of tx.select().from(ticketTypes).where(eq(ticketTypes.eventId, fromId)).all()) {
    const { id, eventId: _eventId, drawSeed: _seed, drawnAt: _drawn, drawSummary: _summary, ...rules } = type;
    const copy = tx
      .insert(ticketTypes)
      .values({
        ...rules,
        eventId: toId,
        dayIds: type.dayIds.flatMap((d) => (dayIds.has(d) ? [dayIds.get(d)!] : [])),
        opensAt: move.instant(type.opensAt),
        closesAt: move.instant(type.closesAt),
        drawAt: move.optional(type.drawAt),
        reservedUntil: move.optional(type.reservedUntil),
        createdAt: now.getTime(),
      })
      .returning({ id: ticketTypes.id })
      .get();
    for (const wave of tx.select().from(releaseWaves).where(eq(releaseWaves.ticketTypeId, id)).all()) {
      tx.insert(releaseWaves).values({ ticketTypeId: copy.id, releasesAt: move.instant(wave.releasesAt), places: wave.places }).run();
    }
  }
}
