// Judge a grid the way docs/scheduling.md does: which hard rules it breaks, and what it costs
// in attendee-sessions lost. This is the reference the solver's fast bookkeeping must agree with.
import { missedSessions, type TimeRange } from './attendance.ts';
import { buildTimeline, slotRun, timesOverlap } from './timeline.ts';
import type { GridScore, Instance, Placement, RuleViolation, Session } from './types.ts';

/**
 * A published session moved or dropped: as costly as ten people missing a session they wanted,
 * because everyone who planned their day (or synced a calendar) around the published grid has
 * to notice the change. At 5, a re-plan after a lost room moved four or more sessions the loss
 * did not force, each to win back a handful of votes (docs/scheduling.md).
 */
export const MOVE_COST = 10;
/** A session kept off its preferred days: less than one missed vote (docs/scheduling.md). */
export const OFF_DAY_COST = 0.5;

interface Placed {
  placement: Placement;
  session: Session;
  range: TimeRange;
}

/** Check a grid against the hard rules and compute its metrics (for a valid instance). */
export function scoreGrid(instance: Instance, assignments: readonly Placement[]): GridScore {
  const violations: RuleViolation[] = [];
  const breaks = (rule: RuleViolation['rule'], message: string, ...ids: string[]): void => {
    violations.push({ rule, message, ids });
  };
  const timeline = buildTimeline(instance.slots);
  const sessions = new Map(instance.sessions.map((session) => [session.id, session]));
  const rooms = new Map(instance.rooms.map((room) => [room.id, room]));
  const placed = new Map<string, Placed>();

  for (const placement of assignments) {
    const session = sessions.get(placement.session);
    const room = rooms.get(placement.room);
    const first = timeline.indexOf.get(placement.slot);
    const where = `session ${placement.session} in ${placement.room} at ${placement.slot}`;
    if (!session || !room || first === undefined) {
      breaks(0, `${where}: unknown session, room or slot`, placement.session);
      continue;
    }
    if (placed.has(session.id)) {
      breaks(0, `session ${session.id} is placed twice`, session.id);
      continue;
    }
    const length = session.length ?? 1;
    let run = slotRun(timeline, first, length);
    if (run === null) {
      breaks(6, `${where}: ${length} adjacent slots do not follow from ${placement.slot}`, session.id);
      run = [first];
    }
    const runIds = run.map((slot) => instance.slots[slot]!.id);
    const features = new Set(room.features ?? []);
    const lacking = (session.needs ?? []).filter((need) => !features.has(need));
    if (lacking.length > 0) breaks(3, `${where}: the room lacks ${lacking.join(', ')}`, session.id, room.id);
    for (const slot of runIds) {
      if ((room.unavailable ?? []).includes(slot)) breaks(1, `${where}: the room is unavailable at ${slot}`, room.id, slot);
      if ((session.unavailable ?? []).includes(slot)) breaks(4, `${where}: the session is unavailable at ${slot}`, session.id, slot);
    }
    if (session.pin && (session.pin.room !== room.id || session.pin.slot !== placement.slot)) {
      breaks(5, `${where}: it is pinned to ${session.pin.room} at ${session.pin.slot}`, session.id);
    }
    const range = { start: timeline.startMs[run[0]!]!, end: timeline.endMs[run[run.length - 1]!]! };
    placed.set(session.id, { placement, session, range });
  }
  for (const session of instance.sessions) {
    if (session.pin && !placed.has(session.id)) breaks(5, `session ${session.id} is pinned but not on the grid`, session.id);
  }
  clashes(placed, breaks);
  return { violations, metrics: metricsOf(instance, placed) };
}

function clashes(placed: Map<string, Placed>, breaks: (rule: 1 | 2, message: string, ...ids: string[]) => void): void {
  const all = [...placed.values()];
  for (let a = 0; a < all.length; a++) {
    for (let b = a + 1; b < all.length; b++) {
      const one = all[a]!;
      const other = all[b]!;
      if (!timesOverlap(one.range.start, one.range.end, other.range.start, other.range.end)) continue;
      const ids = [one.session.id, other.session.id];
      if (one.placement.room === other.placement.room) {
        breaks(1, `sessions ${ids.join(' and ')} share ${one.placement.room} at overlapping times`, ...ids);
      }
      for (const person of one.session.facilitators) {
        if (other.session.facilitators.includes(person)) {
          breaks(2, `${person} facilitates ${ids.join(' and ')} at overlapping times`, person, ...ids);
        }
      }
    }
  }
}

function metricsOf(instance: Instance, placed: Map<string, Placed>): GridScore['metrics'] {
  const facilitating = new Map<string, Placed[]>();
  for (const entry of placed.values()) {
    for (const person of entry.session.facilitators) {
      facilitating.set(person, [...(facilitating.get(person) ?? []), entry]);
    }
  }
  const wanters = new Map<string, number>();
  let missed = 0;
  for (const attendee of instance.attendees) {
    const own = facilitating.get(attendee.id) ?? [];
    // A session wanted twice counts once (docs/scheduling.md).
    const wanted = [...new Set(attendee.wants)].map((id) => {
      wanters.set(id, (wanters.get(id) ?? 0) + 1);
      const entry = placed.get(id);
      return entry ? { range: entry.range, facilitating: entry.session.facilitators.includes(attendee.id) } : null;
    });
    missed += missedSessions(wanted, own.map((entry) => entry.range));
  }

  let overflow = 0;
  const capacity = new Map(instance.rooms.map((room) => [room.id, room.capacity]));
  for (const { session, placement } of placed.values()) {
    const expected = Math.max(session.audience ?? 0, wanters.get(session.id) ?? 0);
    overflow += Math.max(0, expected - (capacity.get(placement.room) ?? 0));
  }

  let moves = 0;
  for (const entry of instance.previous ?? []) {
    const now = placed.get(entry.session)?.placement;
    if (!now || now.room !== entry.room || now.slot !== entry.slot) moves++;
  }
  const score = missed + overflow + MOVE_COST * moves;
  if (!instance.sessions.some((session) => session.preferredDays)) return { missed, overflow, moves, score };
  const dayOf = new Map(instance.slots.map((slot) => [slot.id, slot.day]));
  let offDay = 0;
  for (const session of instance.sessions) {
    if (!session.preferredDays) continue;
    const first = placed.get(session.id)?.placement.slot;
    if (first === undefined || !session.preferredDays.includes(dayOf.get(first)!)) offDay++;
  }
  return { missed, overflow, moves, offDay, score: score + OFF_DAY_COST * offDay };
}
