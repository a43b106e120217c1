import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { days, rooms, slots } from '../events/events.table.ts';
import type { CampEvent } from '../events/events.ts';
import type { Room } from '../events/rooms.ts';
import type { Slot } from '../events/slots.ts';
import { people } from '../people/people.table.ts';
import { displayName } from '../people/people.ts';
import { stepFreeInterest } from '../pitches/interest.ts';
import { pitchFacilitators, pitches } from '../pitches/pitches.table.ts';
import { personIdOf, roomKey, sessionKey, slotKey, walkInKey } from '../pitches/scheduler-ids.ts';
import { schedulerInput } from '../pitches/scheduler-input.ts';
import { daysWithPlaceByPerson } from '../tickets/registrations.ts';
import type { Instance, Session } from '../scheduling/index.ts';
import { gridDrafts, gridPlacements } from './grid.table.ts';

export type Placement = typeof gridPlacements.$inferSelect;

export interface GridPitch {
  id: number;
  title: string;
  format: string;
  /** `days`: the days a facilitator with an account holds a place on (walk-ins have no tickets). */
  facilitators: Array<{ key: string; name: string; days?: Set<number> }>;
  /** How many who'd go need step-free access (a count, never who). */
  stepFreeWanted: number;
  /** The day an organiser said it must be on, if any. */
  pinnedDayId: number | null;
  interest: number;
  /** Expected audience: the larger of interest and the scheduler's audience estimate. */
  expected: number;
  session: Session;
}

export interface GridDay {
  id: number;
  date: string;
  label: string;
  slots: Slot[];
}

/** Everything the editor, the scheduler and publishing need about an event's grid, loaded once. */
export interface GridModel {
  event: CampEvent;
  version: number;
  rooms: Room[];
  days: GridDay[];
  slotById: Map<number, Slot>;
  pitches: Map<number, GridPitch>;
  placements: Placement[];
  instance: Instance;
}

/** Slots of a day in time order; a session of length n takes the slot and the n−1 after it, each starting within 20 minutes of the last ending. */
export function spanOf(model: Pick<GridModel, 'days' | 'slotById'>, firstSlotId: number, length: number): number[] | null {
  const slot = model.slotById.get(firstSlotId);
  if (!slot) return null;
  const day = model.days.find((d) => d.id === slot.dayId);
  if (!day) return null;
  const i = day.slots.findIndex((s) => s.id === firstSlotId);
  const span = day.slots.slice(i, i + length);
  if (span.length < length) return null;
  for (let k = 1; k < span.length; k++) {
    const gap = span[k]!.startsAt - span[k - 1]!.endsAt;
    if (gap < 0 || gap > 20 * 60_000) return null;
  }
  return span.map((s) => s.id);
}

export function draftVersion(db: Db, eventId: number): number {
  return db.select({ version: gridDrafts.version }).from(gridDrafts).where(eq(gridDrafts.eventId, eventId)).get()?.version ?? 0;
}

export function loadGrid(db: Db, event: CampEvent): GridModel {
  const eventRooms = db.select().from(rooms).where(eq(rooms.eventId, event.id)).orderBy(asc(rooms.displayOrder), asc(rooms.name)).all();
  const eventDays = db.select().from(days).where(eq(days.eventId, event.id)).orderBy(asc(days.date)).all();
  const sessionSlots = eventDays.length
    ? db
        .select()
        .from(slots)
        .where(and(inArray(slots.dayId, eventDays.map((d) => d.id)), eq(slots.kind, 'session')))
        .orderBy(asc(slots.startsAt), asc(slots.id))
        .all()
    : [];
  const gridDays = eventDays.map((d) => ({ id: d.id, date: d.date, label: d.label, slots: sessionSlots.filter((s) => s.dayId === d.id) }));
  const { sessions, attendees } = schedulerInput(db, event.id);
  const open = db.select({ id: pitches.id, title: pitches.title, format: pitches.format, pinnedDayId: pitches.pinnedDayId }).from(pitches).where(and(eq(pitches.eventId, event.id), eq(pitches.status, 'open'))).all();
  const names = db
    .select({ pitchId: pitchFacilitators.pitchId, id: pitchFacilitators.id, personId: pitchFacilitators.personId, walkInName: pitchFacilitators.walkInName, confirmed: pitchFacilitators.confirmed })
    .from(pitchFacilitators)
    .innerJoin(pitches, eq(pitches.id, pitchFacilitators.pitchId))
    .where(eq(pitches.eventId, event.id))
    .all();
  const placeDays = daysWithPlaceByPerson(db, event.id);
  const stepFree = stepFreeInterest(db, event.id);
  const nameOf = peopleNames(db, [...new Set(names.map((n) => n.personId).filter((id): id is number => id !== null))]);
  const wanted = new Map<string, number>();
  for (const a of attendees) for (const w of a.wants) wanted.set(w, (wanted.get(w) ?? 0) + 1);
  const sessionOf = new Map(sessions.map((s) => [s.id, s]));
  const gridPitches = new Map<number, GridPitch>();
  for (const p of open) {
    const session = sessionOf.get(sessionKey(p.id));
    if (!session) continue;
    const interest = wanted.get(session.id) ?? 0;
    gridPitches.set(p.id, {
      id: p.id,
      title: p.title,
      format: p.format,
      facilitators: facilitatorNames(nameOf, names.filter((n) => n.pitchId === p.id && n.confirmed), session.facilitators).map((f) => {
        const personId = personIdOf(f.key);
        return personId !== null ? { ...f, days: placeDays.get(personId) ?? new Set<number>() } : f;
      }),
      pinnedDayId: p.pinnedDayId,
      stepFreeWanted: stepFree.get(p.id) ?? 0,
      interest,
      expected: Math.max(interest, session.audience ?? 0),
      session,
    });
  }
  const placements = db.select().from(gridPlacements).where(eq(gridPlacements.eventId, event.id)).all().filter((p) => gridPitches.has(p.pitchId));
  const instance: Instance = {
    rooms: eventRooms.map((r) => ({ id: roomKey(r.id), capacity: r.capacity, features: r.features })),
    slots: sessionSlots.map((s) => ({ id: slotKey(s.id), day: gridDays.find((d) => d.id === s.dayId)!.date, start: new Date(s.startsAt).toISOString(), end: new Date(s.endsAt).toISOString() })),
    sessions: [...gridPitches.values()].map((p) => p.session),
    attendees,
  };
  return {
    event,
    version: draftVersion(db, event.id),
    rooms: eventRooms,
    days: gridDays,
    slotById: new Map(sessionSlots.map((s) => [s.id, s])),
    pitches: gridPitches,
    placements,
    instance,
  };
}

/** Public names for facilitator keys: people by their registered name, walk-ins as typed. */
function facilitatorNames(nameOf: Map<number, string>, rows: Array<{ id: number; personId: number | null; walkInName: string | null }>, keys: string[]): Array<{ key: string; name: string }> {
  return keys.map((key) => {
    const personId = personIdOf(key);
    if (personId !== null) return { key, name: nameOf.get(personId) ?? 'A facilitator' };
    const row = rows.find((r) => walkInKey(r.id) === key) ?? rows.find((r) => r.walkInName !== null);
    return { key, name: row?.walkInName ?? 'A facilitator' };
  });
}

function peopleNames(db: Db, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(db.select({ id: people.id, name: people.name, email: people.email }).from(people).where(inArray(people.id, ids)).all().map((p) => [p.id, displayName(p)]));
}

