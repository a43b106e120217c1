import { and, asc, eq, max } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { days, rooms, slots } from '../events/events.table.ts';
import { daysWithPlaceByPerson } from '../tickets/registrations.ts';
import { stepFreeInterest } from './interest.ts';
import { interest, pitchFacilitators, pitches, type PitchNeed } from './pitches.table.ts';
import { personKey, sessionKey, slotKey, walkInKey } from './scheduler-ids.ts';

/** A session of the scheduler's instance (docs/scheduling.md). */
export interface SchedulerSession {
  id: string;
  facilitators: string[];
  needs: PitchNeed[];
  length: number;
  unavailable: string[];
  audience: number;
  /** The facilitators' preferred day as an ISO date, when the pitch is not pinned to a day. */
  preferredDays?: string[];
}

export interface SchedulerAttendee {
  id: string;
  wants: string[];
}

const normaliseName = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The `sessions` and `attendees` of the scheduler's instance for an event, in six queries
 * whatever its size. Only pitches on the board take part.
 *
 * - facilitators: confirmed people as u<person id>; walk-ins typed at the pitch desk as
 *   w<row id>, the same id for the same name at this event, so one walk-in who pitches twice
 *   is never scheduled against themselves.
 * - needs: room features; "double length" is `length: 2`. A session someone who needs
 *   step-free access would go to needs a step-free room.
 * - unavailable: the slots the facilitators said they can't do, plus, for a pitch pinned to a
 *   day ("must be on this day"), every session slot on the other days, and the slots of days
 *   none of its facilitators holds a place on (a walk-in from the desk counts as there every day).
 * - preferredDays: a facilitator's preferred day is only a wish, sent as the soft rule
 *   `preferredDays` (ISO dates), and only when no pin overrides it.
 * - audience: the show of hands at the pitch desk (0 when none was counted). A pitch marked as
 *   needing a bigger room gets the capacity of the event's largest room (or more, when its
 *   hands or interest are higher), so its expected audience overflows every smaller room and
 *   the scheduler's overflow cost steers it into the largest room free.
 */
export function schedulerInput(db: Db, eventId: number): { sessions: SchedulerSession[]; attendees: SchedulerAttendee[] } {
  const live = and(eq(pitches.eventId, eventId), eq(pitches.status, 'open'));
  const list = db.select().from(pitches).where(live).orderBy(asc(pitches.id)).all();
  const dateOf = new Map(db.select({ id: days.id, date: days.date }).from(days).where(eq(days.eventId, eventId)).all().map((d) => [d.id, d.date]));
  const sessionSlots = db
    .select({ id: slots.id, dayId: slots.dayId })
    .from(slots)
    .innerJoin(days, eq(days.id, slots.dayId))
    .where(and(eq(days.eventId, eventId), eq(slots.kind, 'session')))
    .orderBy(asc(slots.startsAt), asc(slots.id))
    .all();
  const largestRoom = db.select({ capacity: max(rooms.capacity) }).from(rooms).where(eq(rooms.eventId, eventId)).get()?.capacity ?? 0;
  const facilitatorRows = db
    .select({ id: pitchFacilitators.id, pitchId: pitchFacilitators.pitchId, personId: pitchFacilitators.personId, walkInName: pitchFacilitators.walkInName, confirmed: pitchFacilitators.confirmed })
    .from(pitchFacilitators)
    .innerJoin(pitches, eq(pitches.id, pitchFacilitators.pitchId))
    .where(eq(pitches.eventId, eventId))
    .orderBy(asc(pitchFacilitators.id))
    .all();
  const wants = db
    .select({ pitchId: interest.pitchId, personId: interest.personId })
    .from(interest)
    .innerJoin(pitches, eq(pitches.id, interest.pitchId))
    .where(live)
    .orderBy(asc(interest.personId), asc(interest.pitchId))
    .all();

  const firstRowOfName = new Map<string, number>();
  for (const f of facilitatorRows) {
    if (f.walkInName !== null && !firstRowOfName.has(normaliseName(f.walkInName))) firstRowOfName.set(normaliseName(f.walkInName), f.id);
  }
  const placeDays = daysWithPlaceByPerson(db, eventId);
  // Per pitch: the days some facilitator can be there, or undefined when a walk-in runs it (any day).
  const facilitatorDays = new Map<number, Set<number> | undefined>();
  for (const f of facilitatorRows) {
    if (!f.confirmed) continue;
    const known = facilitatorDays.has(f.pitchId) ? facilitatorDays.get(f.pitchId) : new Set<number>();
    if (!known || f.personId === null) facilitatorDays.set(f.pitchId, undefined);
    else facilitatorDays.set(f.pitchId, new Set([...known, ...(placeDays.get(f.personId) ?? [])]));
  }
  const facilitatorsOf = new Map<number, string[]>();
  for (const f of facilitatorRows) {
    if (!f.confirmed) continue;
    const key = f.personId !== null ? personKey(f.personId) : walkInKey(firstRowOfName.get(normaliseName(f.walkInName ?? ''))!);
    const own = facilitatorsOf.get(f.pitchId) ?? [];
    if (!own.includes(key)) own.push(key);
    facilitatorsOf.set(f.pitchId, own);
  }
  const stepFree = stepFreeInterest(db, eventId);
  const interestCount = new Map<number, number>();
  for (const w of wants) interestCount.set(w.pitchId, (interestCount.get(w.pitchId) ?? 0) + 1);

  const sessions = list.map((p): SchedulerSession => {
    const cannot = new Set(p.unavailableSlotIds);
    const there = facilitatorDays.get(p.id);
    const unavailable = sessionSlots
      .filter((s) => cannot.has(s.id) || (p.pinnedDayId !== null && s.dayId !== p.pinnedDayId) || (there !== undefined && !there.has(s.dayId)))
      .map((s) => slotKey(s.id));
    const hands = p.showOfHands ?? 0;
    const preferred = p.pinnedDayId === null && p.preferredDayId !== null ? dateOf.get(p.preferredDayId) : undefined;
    return {
      id: sessionKey(p.id),
      facilitators: facilitatorsOf.get(p.id) ?? [],
      needs: stepFree.has(p.id) && !p.needs.includes('step-free') ? [...p.needs, 'step-free'] : [...p.needs],
      length: p.doubleLength ? 2 : 1,
      unavailable,
      audience: p.needsBiggerRoom ? Math.max(hands, interestCount.get(p.id) ?? 0, largestRoom) : hands,
      ...(preferred ? { preferredDays: [preferred] } : {}),
    };
  });

  const attendees: SchedulerAttendee[] = [];
  for (const w of wants) {
    const last = attendees.at(-1);
    if (last && last.id === personKey(w.personId)) last.wants.push(sessionKey(w.pitchId));
    else attendees.push({ id: personKey(w.personId), wants: [sessionKey(w.pitchId)] });
  }
  return { sessions, attendees };
}
