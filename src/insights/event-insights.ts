import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { copiedFrom } from '../events/copy.ts';
import { events } from '../events/events.table.ts';
import type { CampEvent } from '../events/events.ts';
import { eventsOrganisedBy } from '../events/organisers.ts';
import type { Person } from '../people/people.ts';
import { RuleViolation } from '../rules.ts';
import { themeBalance, type ThemeBalance } from '../themes/balance.ts';
import { campFigures, type CampFigures } from './camp-figures.ts';
import { placeCounts, type PlaceCounts } from './place-counts.ts';
import { councilsBefore, eventStarts, placesHeldAt } from './places-held.ts';
import { registrationsOverTime, sideBySide, type RegistrationsOverTime } from './over-time.ts';

/** One camp's side of the insights page. */
export interface CampSide {
  event: { id: number; name: string; slug: string };
  figures: CampFigures;
  overTime: RegistrationsOverTime;
}

export interface EventInsights {
  camp: CampSide;
  /** The share of first-timers the organisers aim for, in percent. */
  firstTimerTarget: number;
  places: { byTicketType: PlaceCounts[]; byDay: PlaceCounts[] };
  /** The camp compared with, or null for none. */
  comparison: (CampSide & { isCopiedFrom: boolean }) | null;
  /** Both camps' registrations by weeks before their first days (the comparison's null without one). */
  weeks: Array<{ weeksBefore: number; camp: number | null; other: number | null }>;
  /** The camps the organiser may compare with: the events they organise, this one left out. */
  choices: Array<{ slug: string; name: string }>;
  /** Per theme of the camp, pitches and scheduled sessions carrying it (empty for a camp without themes). */
  themes: ThemeBalance[];
}

/**
 * Insights for one camp's organisers, compared with another camp: by default the camp it
 * was copied from; `compare` names another camp the person organises by its slug, or '' for
 * no comparison. A slug they do not organise is refused as a choice not given.
 */
export function eventInsights(db: Db, now: Date, event: CampEvent, person: Person, compare?: string): EventInsights {
  const choices = eventsOrganisedBy(db, person)
    .filter((o) => o.event.id !== event.id)
    .map((o) => ({ slug: o.event.slug, name: o.event.name }));
  const other = compare === undefined ? copiedFrom(db, event) : compare === '' ? undefined : findChoice(db, choices, compare);
  const starts = eventStarts(db);
  const places = placesHeldAt(db, other ? [event.id, other.id] : [event.id]);
  const side = (e: CampEvent): CampSide => {
    const held = places.filter((p) => p.eventId === e.id);
    const startsAt = starts.get(e.id) ?? null;
    return { event: { id: e.id, name: e.name, slug: e.slug }, figures: campFigures(held, councilsBefore(db, startsAt)), overTime: registrationsOverTime(held, startsAt, now) };
  };
  const camp = side(event);
  const comparison = other ? { ...side(other), isCopiedFrom: other.id === event.copiedFromId } : null;
  return {
    camp,
    firstTimerTarget: event.firstTimerTargetPercent,
    places: placeCounts(db, now, event.id, places.filter((p) => p.eventId === event.id)),
    comparison,
    weeks: sideBySide(camp.overTime.points, comparison?.overTime.points ?? []).map((w) => (comparison ? w : { ...w, other: null })),
    choices,
    themes: themeBalance(db, event.id),
  };
}

function findChoice(db: Db, choices: EventInsights['choices'], slug: string): CampEvent {
  if (!choices.some((c) => c.slug === slug)) throw new RuleViolation({ compare: 'Choose a camp from the list' });
  return db.select().from(events).where(eq(events.slug, slug)).get()!;
}

/** Sets the share of first-timers a camp's organisers aim for. */
export function setFirstTimerTarget(db: Db, now: Date, eventId: number, percent: number): void {
  db.update(events).set({ firstTimerTargetPercent: percent, updatedAt: now.getTime() }).where(eq(events.id, eventId)).run();
}
