import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { copyPitchSettings } from '../pitches/copy-settings.ts';
import { copyThemes } from '../themes/themes.ts';
import { copySponsorPackages } from '../sponsors/copy-packages.ts';
import { copyTicketTypes } from '../tickets/copy-ticket-types.ts';
import { days, eventOrganisers, events, rooms, slots } from './events.table.ts';
import { assertSlugFree, eventDetailsOf, type CampEvent } from './events.ts';
import { moveByWeeks, type WeekMove } from './move-weeks.ts';

export interface CopyDetails {
  name: string;
  slug: string;
  weeks: number;
}

/**
 * Next year's camp from this one: a new draft with the same details, venue, rooms, days and
 * slots moved by whole weeks, ticket types and sponsor packages with their dates moved and
 * nothing taken, the same themes, and the same team. Nothing about a person who came (registrations, pitches,
 * interest, sign-ups, check-ins, the grid) comes along. The copy remembers where it came from.
 */
export function copyEvent(db: Db, now: Date, source: CampEvent, details: CopyDetails, copiedBy: number): CampEvent {
  return db.transaction((tx) => {
    assertSlugFree(tx, details.slug);
    const move = moveByWeeks(details.weeks, source.timeZone);
    const copy = tx
      .insert(events)
      .values({ ...eventDetailsOf(source), name: details.name, slug: details.slug, status: 'draft', copiedFromId: source.id, firstTimerTargetPercent: source.firstTimerTargetPercent, createdAt: now.getTime(), updatedAt: now.getTime() })
      .returning()
      .get();
    const dayIds = copyDays(tx, source.id, copy.id, move);
    copyRooms(tx, source.id, copy.id);
    copyTeam(tx, now, source.id, copy.id, copiedBy);
    copyTicketTypes(tx, now, source.id, copy.id, move, dayIds);
    copySponsorPackages(tx, now, source.id, copy.id, move);
    copyPitchSettings(tx, now, source.id, copy.id, move);
    copyThemes(tx, now, source.id, copy.id);
    return copy;
  });
}

/** Copies the days and their slots; returns each old day's id → its copy's. */
function copyDays(tx: Db, fromId: number, toId: number, move: WeekMove): Map<number, number> {
  const dayIds = new Map<number, number>();
  for (const day of tx.select().from(days).where(eq(days.eventId, fromId)).orderBy(asc(days.date)).all()) {
    const moved = tx
      .insert(days)
      .values({ eventId: toId, date: move.date(day.date), label: day.label, startsAt: move.instant(day.startsAt), endsAt: move.instant(day.endsAt) })
      .returning({ id: days.id })
      .get();
    dayIds.set(day.id, moved.id);
    for (const slot of tx.select().from(slots).where(eq(slots.dayId, day.id)).all()) {
      tx.insert(slots).values({ dayId: moved.id, kind: slot.kind, label: slot.label, startsAt: move.instant(slot.startsAt), endsAt: move.instant(slot.endsAt) }).run();
    }
  }
  return dayIds;
}

function copyRooms(tx: Db, fromId: number, toId: number): void {
  for (const { id: _id, eventId: _eventId, ...room } of tx.select().from(rooms).where(eq(rooms.eventId, fromId)).all()) {
    tx.insert(rooms).values({ ...room, eventId: toId }).run();
  }
}

/** The same people in the same roles; whoever copies the camp is on its team, as owner if they were not on it. */
function copyTeam(tx: Db, now: Date, fromId: number, toId: number, copiedBy: number): void {
  const team = tx.select().from(eventOrganisers).where(eq(eventOrganisers.eventId, fromId)).all();
  for (const member of team) {
    tx.insert(eventOrganisers).values({ eventId: toId, personId: member.personId, role: member.role, invitedBy: member.invitedBy, createdAt: now.getTime() }).run();
  }
  if (!team.some((m) => m.personId === copiedBy)) tx.insert(eventOrganisers).values({ eventId: toId, personId: copiedBy, role: 'owner', createdAt: now.getTime() }).run();
}

/** The camp a copy was made from, if it still exists. */
export function copiedFrom(db: Db, event: CampEvent): CampEvent | undefined {
  return event.copiedFromId === null ? undefined : db.select().from(events).where(eq(events.id, event.copiedFromId)).get();
}
