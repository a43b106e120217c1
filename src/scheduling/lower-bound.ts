// A proven floor under the score, from counting arguments that hold for every valid grid:
//  - a wanted session that has nowhere it may run is missed;
//  - nobody attends more sessions than the number of pairwise non-overlapping slots they
//    are free for, so wanting more than that means missing the rest;
//  - a session wanted by more people than its biggest allowed room holds either overflows or
//    is left out, and leaving it out costs each wanter whose count above had room to spare;
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

  for (let s = 0; s < sessionCount; s++) {
    const candidates = model.candidates[s]!;
    if (candidates.length === 0) continue;
    let roomiest = 0;
    for (const where of candidates) roomiest = Math.max(roomiest, model.capacity[(where / slotCount) | 0]!);
    const overflow = Math.max(0, model.expected[s]! - roomiest);
    if (overflow === 0) continue;
    let leftOutCost = 0;
    for (const a of model.concerned[s]!) if (model.wants[a]!.includes(s) && hasSpareTime[a]) leftOutCost++;
    bound += model.pinned[s] ? overflow : Math.min(overflow, leftOutCost);
  }

  const places = model.roomCount * slotCount;
  for (let s = 0; s < sessionCount; s++) {
    const before = model.previous[s]!;
    if (before === PLACE_GONE || (before >= 0 && !model.allowed[s * places + before])) bound += MOVE_COST;
    if (model.hasPreference[s] && !model.candidates[s]!.some((where) => model.preferredSlot[s * slotCount + (where % slotCount)])) {
      bound += OFF_DAY_COST;
    }
  }
  return bound;
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
