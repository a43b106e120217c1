// The instance turned into numbered arrays for the solver: every session's allowed places
// (rules 1, 3, 4, 5 and 6 that do not depend on other sessions), who wants what, who runs what.
import { buildTimeline, slotRun, type Timeline } from './timeline.ts';
import type { Instance } from './types.ts';

/** `previous` for a session that was not on the published grid. */
export const NOT_PUBLISHED = -1;
/** `previous` for a session published in a room or slot that no longer exists: it has to move. */
export const PLACE_GONE = -2;

export interface Model {
  instance: Instance;
  timeline: Timeline;
  roomCount: number;
  slotCount: number;
  sessionCount: number;
  attendeeCount: number;
  capacity: Float64Array;
  length: Int32Array;
  /** max(audience, number of attendees who want it). */
  expected: Float64Array;
  wantedBy: Int32Array;
  pinned: Uint8Array;
  /** Places a session may go, each encoded as room × slotCount + first slot. */
  candidates: Int32Array[];
  /** allowed[session × roomCount × slotCount + place] is 1 when the place is a candidate. */
  allowed: Uint8Array;
  /** runs[length][first]: the slots a session of that length starting at `first` uses, or null. */
  runs: (Int32Array | null)[][];
  overlapping: Int32Array[];
  startMs: Float64Array;
  endMs: Float64Array;
  wants: Int32Array[];
  /** Attendees whose missed count can change when the session moves: wanters and facilitators. */
  concerned: Int32Array[];
  /** Person indices facilitating each session; attendees keep their attendee index. */
  facilitatorsOf: Int32Array[];
  /** Sessions each person facilitates. */
  facilitates: Int32Array[];
  /** The published place of each session (encoded like candidates), NOT_PUBLISHED or PLACE_GONE. */
  previous: Int32Array;
  /** 1 for a session with `preferredDays` (soft, docs/scheduling.md). */
  hasPreference: Uint8Array;
  /** preferredSlot[session × slotCount + first] is 1 when that first slot falls on a preferred day. */
  preferredSlot: Uint8Array;
  /** Whether any session has preferred days, so the metrics report `offDay`. */
  anyPreference: boolean;
}

export function buildModel(instance: Instance): Model {
  const timeline = buildTimeline(instance.slots);
  const roomCount = instance.rooms.length;
  const slotCount = instance.slots.length;
  const sessionCount = instance.sessions.length;
  const attendeeCount = instance.attendees.length;
  const sessionIndex = new Map(instance.sessions.map((session, i) => [session.id, i]));
  const roomIndex = new Map(instance.rooms.map((room, i) => [room.id, i]));

  const person = new Map(instance.attendees.map((attendee, i) => [attendee.id, i]));
  const facilitatorsOf = instance.sessions.map((session) =>
    Int32Array.from(session.facilitators, (id) => {
      if (!person.has(id)) person.set(id, person.size);
      return person.get(id)!;
    }),
  );
  const facilitatesLists: number[][] = Array.from({ length: person.size }, () => []);
  facilitatorsOf.forEach((people, session) => people.forEach((p) => facilitatesLists[p]!.push(session)));

  // A session wanted twice counts once (docs/scheduling.md).
  const wants = instance.attendees.map((attendee) => Int32Array.from(new Set(attendee.wants), (id) => sessionIndex.get(id)!));
  const wantedBy = new Int32Array(sessionCount);
  const concernedLists: number[][] = Array.from({ length: sessionCount }, () => []);
  wants.forEach((list, attendee) =>
    list.forEach((session) => {
      wantedBy[session]!++;
      concernedLists[session]!.push(attendee);
    }),
  );
  facilitatorsOf.forEach((people, session) => {
    for (const p of people) {
      if (p < attendeeCount && !concernedLists[session]!.includes(p)) concernedLists[session]!.push(p);
    }
  });

  const length = Int32Array.from(instance.sessions, (session) => session.length ?? 1);
  const maxLength = Math.max(1, ...length);
  const runs: (Int32Array | null)[][] = [[]];
  for (let l = 1; l <= maxLength; l++) {
    runs.push(instance.slots.map((_, first) => {
      const run = slotRun(timeline, first, l);
      return run ? Int32Array.from(run) : null;
    }));
  }

  const places = roomCount * slotCount;
  const allowed = new Uint8Array(sessionCount * places);
  const candidates = instance.sessions.map((session, i) => {
    const list: number[] = [];
    const blockedSlots = new Set((session.unavailable ?? []).map((id) => timeline.indexOf.get(id)!));
    instance.rooms.forEach((room, r) => {
      const features = new Set(room.features ?? []);
      if (!(session.needs ?? []).every((need) => features.has(need))) return;
      const roomOff = new Set((room.unavailable ?? []).map((id) => timeline.indexOf.get(id)!));
      for (let first = 0; first < slotCount; first++) {
        const run = runs[length[i]!]![first];
        if (!run || run.some((slot) => blockedSlots.has(slot) || roomOff.has(slot))) continue;
        if (session.pin && (session.pin.room !== room.id || instance.slots[first]!.id !== session.pin.slot)) continue;
        list.push(r * slotCount + first);
      }
    });
    for (const place of list) allowed[i * places + place] = 1;
    return Int32Array.from(list);
  });

  const previous = new Int32Array(sessionCount).fill(NOT_PUBLISHED);
  for (const entry of instance.previous ?? []) {
    const i = sessionIndex.get(entry.session)!;
    const room = roomIndex.get(entry.room);
    const slot = timeline.indexOf.get(entry.slot);
    previous[i] = room === undefined || slot === undefined ? PLACE_GONE : room * slotCount + slot;
  }

  const preferredSlot = new Uint8Array(sessionCount * slotCount);
  instance.sessions.forEach((session, i) => {
    const days = new Set(session.preferredDays ?? []);
    instance.slots.forEach((slot, t) => {
      if (days.has(slot.day)) preferredSlot[i * slotCount + t] = 1;
    });
  });

  return {
    instance,
    timeline,
    roomCount,
    slotCount,
    sessionCount,
    attendeeCount,
    capacity: Float64Array.from(instance.rooms, (room) => room.capacity),
    length,
    expected: Float64Array.from(instance.sessions, (session, i) => Math.max(session.audience ?? 0, wantedBy[i]!)),
    wantedBy,
    pinned: Uint8Array.from(instance.sessions, (session) => (session.pin ? 1 : 0)),
    candidates,
    allowed,
    runs,
    overlapping: timeline.overlapping.map((list) => Int32Array.from(list)),
    startMs: Float64Array.from(timeline.startMs),
    endMs: Float64Array.from(timeline.endMs),
    wants,
    concerned: concernedLists.map((list) => Int32Array.from(list)),
    facilitatorsOf,
    facilitates: facilitatesLists.map((list) => Int32Array.from(list)),
    previous,
    hasPreference: Uint8Array.from(instance.sessions, (session) => (session.preferredDays ? 1 : 0)),
    preferredSlot,
    anyPreference: instance.sessions.some((session) => session.preferredDays),
  };
}
