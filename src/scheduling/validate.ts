// Can this instance be scheduled at all? Unknown or duplicated ids, and pins that break a hard
// rule, are mistakes in the input rather than things the solver should quietly work around.
import { shapeProblems } from './shape.ts';
import { buildTimeline, lengthFitsSomewhere, slotRun, timesOverlap, type Timeline } from './timeline.ts';
import type { Instance, InstanceProblem, Session } from './types.ts';

/**
 * Things in a valid instance worth telling whoever supplied it, though the solver copes: an
 * attendee who wants a session twice (counted once) and published places that no longer exist.
 */
export function instanceWarnings(instance: Instance): string[] {
  const warnings: string[] = [];
  for (const attendee of instance.attendees) {
    const seen = new Set<string>();
    const twice = new Set(attendee.wants.filter((id) => seen.has(id) || !seen.add(id)));
    for (const id of twice) warnings.push(`attendee ${attendee.id} wants session ${id} more than once; counted once`);
  }
  const rooms = new Set(instance.rooms.map((room) => room.id));
  const slots = new Set(instance.slots.map((slot) => slot.id));
  for (const entry of instance.previous ?? []) {
    const gone = [!rooms.has(entry.room) && `room ${entry.room}`, !slots.has(entry.slot) && `slot ${entry.slot}`].filter(Boolean);
    if (gone.length > 0) warnings.push(`session ${entry.session} was published in ${gone.join(' and ')}, which no longer exists; it has to move`);
  }
  return warnings;
}

/** Every reason `input` is not a schedulable instance; an empty list means it is valid. */
export function validateInstance(input: unknown): InstanceProblem[] {
  const shape = shapeProblems(input);
  if (shape.length > 0) return shape;
  const instance = input as Instance;
  const problems: InstanceProblem[] = [];
  const add = (code: InstanceProblem['code'], message: string, ...ids: string[]): void => {
    problems.push({ code, message, ids });
  };

  const duplicates = (kind: string, ids: readonly string[], owner?: string): void => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) add('duplicate-id', `${owner ? `${owner}: ` : ''}${kind} id "${id}" appears twice`, id);
      seen.add(id);
    }
  };
  duplicates('room', instance.rooms.map((room) => room.id));
  duplicates('slot', instance.slots.map((slot) => slot.id));
  duplicates('session', instance.sessions.map((session) => session.id));
  duplicates('attendee', instance.attendees.map((attendee) => attendee.id));
  for (const session of instance.sessions) duplicates('facilitator', session.facilitators, `session ${session.id}`);
  duplicates('previous session', (instance.previous ?? []).map((entry) => entry.session), 'previous');

  const rooms = new Map(instance.rooms.map((room) => [room.id, room]));
  const sessions = new Set(instance.sessions.map((session) => session.id));
  const timeline = buildTimeline(instance.slots);
  const unknown = (kind: string, id: string, where: string, known: { has(id: string): boolean }): boolean => {
    if (known.has(id)) return false;
    add('unknown-id', `${where} names unknown ${kind} "${id}"`, id);
    return true;
  };

  for (const room of instance.rooms) {
    for (const slot of room.unavailable ?? []) unknown('slot', slot, `room ${room.id} unavailable`, timeline.indexOf);
  }
  for (const attendee of instance.attendees) {
    for (const wanted of attendee.wants) unknown('session', wanted, `attendee ${attendee.id} wants`, sessions);
  }
  // A published place whose room or slot is gone (a room lost on the day) is a forced move,
  // not a mistake: that is exactly when a re-plan is needed (docs/scheduling.md).
  for (const entry of instance.previous ?? []) unknown('session', entry.session, 'previous grid', sessions);
  for (const session of instance.sessions) {
    for (const slot of session.unavailable ?? []) unknown('slot', slot, `session ${session.id} unavailable`, timeline.indexOf);
    const length = session.length ?? 1;
    if (length > 1 && !lengthFitsSomewhere(timeline, length)) {
      add('length-cannot-fit', `session ${session.id} needs ${length} adjacent slots, and no day has that many`, session.id);
    }
    if (session.pin) {
      const roomUnknown = unknown('room', session.pin.room, `pin of session ${session.id}`, rooms);
      const slotUnknown = unknown('slot', session.pin.slot, `pin of session ${session.id}`, timeline.indexOf);
      if (!roomUnknown && !slotUnknown) pinnedPlaceProblems(instance, timeline, session, add);
    }
  }
  if (problems.length === 0) pinClashes(instance, timeline, add);
  return problems;
}

type Add = (code: InstanceProblem['code'], message: string, ...ids: string[]) => void;

function pinnedPlaceProblems(instance: Instance, timeline: Timeline, session: Session, add: Add): void {
  const pin = session.pin!;
  const room = instance.rooms.find((candidate) => candidate.id === pin.room)!;
  const where = `session ${session.id} is pinned to ${pin.room} at ${pin.slot}`;
  const length = session.length ?? 1;
  const run = slotRun(timeline, timeline.indexOf.get(pin.slot)!, length);
  if (run === null) {
    add('pin-breaks-rule', `${where}, but ${length} adjacent slots do not follow from ${pin.slot} (rule 6)`, session.id, pin.slot);
    return;
  }
  const features = new Set(room.features ?? []);
  const lacking = (session.needs ?? []).filter((need) => !features.has(need));
  if (lacking.length > 0) {
    add('pin-breaks-rule', `${where}, but ${pin.room} lacks ${lacking.join(', ')} (rule 3)`, session.id, pin.room);
  }
  const runIds = run.map((slot) => instance.slots[slot]!.id);
  const roomOff = runIds.filter((slot) => (room.unavailable ?? []).includes(slot));
  if (roomOff.length > 0) {
    add('pin-breaks-rule', `${where}, but ${pin.room} is unavailable at ${roomOff.join(', ')} (rule 1)`, session.id, pin.room, ...roomOff);
  }
  const sessionOff = runIds.filter((slot) => (session.unavailable ?? []).includes(slot));
  if (sessionOff.length > 0) {
    add('pin-breaks-rule', `${where}, but the session is unavailable at ${sessionOff.join(', ')} (rule 4)`, session.id, ...sessionOff);
  }
}

/** Two pins in one room at overlapping times, or one person pinned to run two sessions at once. */
function pinClashes(instance: Instance, timeline: Timeline, add: Add): void {
  const pinned = instance.sessions
    .filter((session) => session.pin)
    .map((session) => {
      const run = slotRun(timeline, timeline.indexOf.get(session.pin!.slot)!, session.length ?? 1)!;
      return { session, start: timeline.startMs[run[0]!]!, end: timeline.endMs[run[run.length - 1]!]! };
    });
  for (let a = 0; a < pinned.length; a++) {
    for (let b = a + 1; b < pinned.length; b++) {
      const one = pinned[a]!;
      const other = pinned[b]!;
      if (!timesOverlap(one.start, one.end, other.start, other.end)) continue;
      const ids = [one.session.id, other.session.id];
      if (one.session.pin!.room === other.session.pin!.room) {
        add('pin-clash', `sessions ${ids.join(' and ')} are both pinned to ${one.session.pin!.room} at overlapping times`, ...ids);
      }
      const shared = one.session.facilitators.filter((person) => other.session.facilitators.includes(person));
      for (const person of shared) {
        add('pin-clash', `${person} facilitates both ${ids.join(' and ')}, pinned at overlapping times`, person, ...ids);
      }
    }
  }
}
