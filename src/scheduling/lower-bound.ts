// A proven floor under the score, from counting arguments that hold for every valid grid:
//  - a wanted session that has nowhere it may run is missed;
//  - nobody attends more sessions than the number of pairwise non-overlapping slots they
//    are free for, so wanting more than that means missing the rest;
//  - a session wanted by more people than its biggest allowed room holds either overflows or
//    is left out, and leaving it out costs each wanter whose count above had room to spare;
//  - with more sessions than room-slots, the cheapest ones to leave out are left out;
//  - a published session whose old place is no longer allowed (or no longer exists) has to move;
//  - a session with preferred days but no allowed place on any of them is off its days.
import { mostAttendable } from './attendance.ts';
import { PLACE_GONE, type Model } from './model.ts';
import { MOVE_COST, OFF_DAY_COST } from './score.ts';

export function countingLowerBound(model: Model): number {
  const { slotCount, sessionCount } = model;
  const slots = [...Array(slotCount).keys()].map((t) => ({ start: model.startMs[t]!, end: model.endMs[t]! }));
  const everySlot = mostAttendable(slots);
  const schedulable = (s: number): boolean => model.candidates[s]!.length > 0;

  let bound = 0;
  const hasSpareTime = new Uint8Array(model.attendeeCount);
  for (let a = 0; a < model.attendeeCount; a++) {
    const wants = model.wants[a]!;
    let possible = 0;
    for (const s of wants) if (schedulable(s)) possible++;
    const attendable = attendableSlots(model, a, slots, everySlot);
    bound += wants.length - possible + Math.max(0, possible - attendable);
    if (possible <= attendable) hasSpareTime[a] = 1;
  }

  const places = model.roomCount * slotCount;
  const leftOutCost = new Float64Array(sessionCount);
  let overflowTerm = 0;
  for (let s = 0; s < sessionCount; s++) {
    const candidates = model.candidates[s]!;
    const before = model.previous[s]!;
    const beforeAllowed = before >= 0 && model.allowed[s * places + before] === 1;
    if (before === PLACE_GONE || (before >= 0 && !beforeAllowed)) bound += MOVE_COST;
    const canPlease = candidates.some((where) => model.preferredSlot[s * slotCount + (where % slotCount)]);
    if (model.hasPreference[s] && !canPlease) bound += OFF_DAY_COST;
    if (candidates.length === 0) continue;

    for (const a of model.concerned[s]!) if (model.wants[a]!.includes(s) && hasSpareTime[a]) leftOutCost[s] = leftOutCost[s]! + 1;
    if (beforeAllowed) leftOutCost[s] = leftOutCost[s]! + MOVE_COST;
    if (model.hasPreference[s] && canPlease) leftOutCost[s] = leftOutCost[s]! + OFF_DAY_COST;
    let roomiest = 0;
    for (const where of candidates) roomiest = Math.max(roomiest, model.capacity[(where / slotCount) | 0]!);
    const overflow = Math.max(0, model.expected[s]! - roomiest);
    overflowTerm += model.pinned[s] ? overflow : Math.min(overflow, leftOutCost[s]!);
  }
  // The overflow term and the room-slot count both price leaving sessions out: take the larger.
  return bound + Math.max(overflowTerm, tooManyForTheRooms(model, leftOutCost));
}

/**
 * Every session on the grid takes at least one room-slot of its own, so with more sessions
 * than room-slots some must stay out, and leaving out the cheapest ones is the least it costs.
 */
function tooManyForTheRooms(model: Model, leftOutCost: Float64Array): number {
  const { roomCount, slotCount, sessionCount } = model;
  let cells = 0;
  for (let r = 0; r < roomCount; r++) {
    const off = new Set(model.instance.rooms[r]!.unavailable ?? []);
    for (let t = 0; t < slotCount; t++) if (!off.has(model.instance.slots[t]!.id)) cells++;
  }
  const free: number[] = [];
  for (let s = 0; s < sessionCount; s++) {
    if (model.candidates[s]!.length === 0) continue;
    if (model.pinned[s]) cells -= model.length[s]!;
    else free.push(leftOutCost[s]!);
  }
  const mustLeave = free.length - Math.max(0, cells);
  if (mustLeave <= 0) return 0;
  free.sort((a, b) => a - b);
  let cost = 0;
  for (let k = 0; k < mustLeave; k++) cost += free[k]!;
  return cost;
}

/** Most sessions attendee `a` could attend: free slots, plus the pinned sessions they run and want. */
function attendableSlots(model: Model, a: number, slots: { start: number; end: number }[], everySlot: number): number {
  const own = a < model.facilitates.length ? model.facilitates[a]! : new Int32Array(0);
  const pinnedOwn = [...own].filter((s) => model.pinned[s] && model.candidates[s]!.length > 0);
  if (pinnedOwn.length === 0) return everySlot;
  const busy = pinnedOwn.map((s) => {
    const first = model.candidates[s]![0]! % model.slotCount;
    const run = model.runs[model.length[s]!]![first]!;
    return { start: model.startMs[first]!, end: model.endMs[run[run.length - 1]!]! };
  });
  const free = slots.filter((slot) => busy.every((b) => slot.end <= b.start || b.end <= slot.start));
  const wantedOwn = pinnedOwn.filter((s) => model.wants[a]!.includes(s)).length;
  return mostAttendable(free) + wantedOwn;
}
