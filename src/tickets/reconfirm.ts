import { and, eq, inArray, isNotNull, isNull, min } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { days, events } from '../events/events.table.ts';
import type { Links } from './manage-links.ts';
import { registrations, ticketTypes } from './tickets.table.ts';
import { tell } from './waiting-list.ts';

/**
 * The configured number of days before an event, asks everyone with a confirmed place whether
 * they are still coming (once each), so places that would go empty reach the waiting list.
 */
export function askWhetherStillComing(db: Db, now: Date, links: Links): number {
  const t = now.getTime();
  const candidates = db
    .select({ id: events.id, daysBefore: events.reconfirmDaysBefore, start: min(days.startsAt) })
    .from(events)
    .innerJoin(days, eq(days.eventId, events.id))
    .where(and(eq(events.status, 'published'), isNotNull(events.reconfirmDaysBefore)))
    .groupBy(events.id)
    .all();
  let asked = 0;
  for (const event of candidates) {
    if (event.start === null || event.daysBefore === null) continue;
    if (t < event.start - event.daysBefore * 86_400_000 || t >= event.start) continue;
    const typeIds = db.select({ id: ticketTypes.id }).from(ticketTypes).where(eq(ticketTypes.eventId, event.id)).all().map((r) => r.id);
    if (typeIds.length === 0) continue;
    const toAsk = db
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(inArray(registrations.ticketTypeId, typeIds), eq(registrations.status, 'confirmed'), isNull(registrations.reconfirmAskedAt)))
      .all();
    for (const r of toAsk) {
      db.transaction((tx) => {
        tx.update(registrations).set({ reconfirmAskedAt: t }).where(eq(registrations.id, r.id)).run();
        tell(tx, now, links, r.id, { kind: 'reconfirm' });
      });
      asked++;
    }
  }
  return asked;
}
