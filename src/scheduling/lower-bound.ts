// A proven floor under the score, from counting arguments that hold for every valid grid:
//  - a wanted session that has nowhere it may run is missed;
//  - nobody attends more sessions than fit in the pairwise non-overlapping slots they are
//    free for (a double session takes two), so wanting more than that means missing the rest;
//  - a session wanted by more people than its biggest allowed room holds either overflows or
//    is left out, and leaving it out costs each wanter whose count above had room to spare;
//  - with more sessions than room-slots, the cheapest ones to leave out are left out;
//  - a published session whose old place is no longer allowed (or no longer exists) has to move;
//  - a session with preferred days but no allowed place on any of them is off its days.
import { mostAttendable } from './attendance.ts';
import { PLACE_GONE, type Model } from './model.ts';
import { NO_LIMIT, type BoundBudget } from './bound-budget.ts';
import { roomShareCost, type RoomShare } from './room-share-bound.ts';
import { MOVE_COST, OFF_DAY_COST } from './score.ts';

export { NO_LIMIT, type BoundBudget } from './bound-budget.ts';

export function countingLowerBound(model: Model, budget: BoundBudget = NO_LIMIT): number {
  return countingBoundWithParts(model, budget).value;
}

/** The counting bound with what it was worked out from, for the shared-slot bound to build on rather than work out again. */
export function countingBoundWithParts(model: Model, budget: BoundBudget = NO_LIMIT): { value: number; parts: CountingParts; rooms: RoomShare | null } {
  const parts = countingParts(model);
  const { leftOutCost } = parts;
  let overflowTerm = 0;
  for (let s = 0; s < model.sessionCount; s++) {
    if (model.candidates[s]!.length === 0) continue;
    overflowTerm += model.pinned[s] ? parts.overflow[s]! : Math.min(parts.overflow[s]!, leftOutCost[s]!);
  }
  // The overflow term, the room-slot count and the share-out of room-slots all price leaving
  // sessions out, so only the largest counts; the share-out is at least the other two when it finishes.
  const rooms = roomShareCost(model, leftOutCost, budget);
  return { value: provenFloor(model, parts.constant + Math.max(overflowTerm, tooManyForTheRooms(model, leftOutCost), rooms?.cost ?? 0)), parts, rooms };
}

/**
 * A bound computed in floating point, made safe and readable: with whole capacities and
 * audiences every score is a multiple of 0.5 (a day off is 0.5), so round up to the next one;
 * otherwise round down to hundredths. Either way rounding error never lifts it above the optimum.
 */
export function provenFloor(model: Model, bound: number): number {
  const whole = model.capacity.every(Number.isInteger) && model.expected.every(Number.isInteger);
  return Math.max(0, whole ? Math.ceil(2 * bound - 1e-6) / 2 : Math.floor(100 * bound - 1e-6) / 100);
}

export interface CountingParts {
  /** What every grid pays whatever happens to the schedulable sessions: attendee floors, forced moves, days no place pleases. */
  constant: number;
  /** 1 for an attendee who could attend every schedulable session they want (their floor is only the unschedulable ones). */
  hasSpareTime: Uint8Array;
  /** Each attendee's floor, counting the time their own sessions take (see attendeeFloors). */
  floors: Float64Array;
  /** What leaving each schedulable session out costs beyond `constant` (less than 0 when it gives a facilitator time back). */
  leftOutCost: Float64Array;
  /** Overflow in each session's roomiest allowed room. */
  overflow: Float64Array;
}

export function countingParts(model: Model): CountingParts {
  const { slotCount, sessionCount } = model;
  // With the time facilitators' own sessions take, and without (leaving one out gives it back).
  const { blocked: floors, floors: unblocked } = attendeeFloors(model);
  let constant = 0;
  const hasSpareTime = new Uint8Array(model.attendeeCount);
  for (let a = 0; a < model.attendeeCount; a++) {
    constant += floors[a]!;
    let possible = 0;
    for (const s of model.wants[a]!) if (model.candidates[s]!.length > 0) possible++;
    if (floors[a]! === model.wants[a]!.length - possible) hasSpareTime[a] = 1;
  }

  const places = model.roomCount * slotCount;
  const leftOutCost = new Float64Array(sessionCount);
  const overflow = new Float64Array(sessionCount);
  for (let s = 0; s < sessionCount; s++) {
    const candidates = model.candidates[s]!;
    const before = model.previous[s]!;
    const beforeAllowed = before >= 0 && model.allowed[s * places + before] === 1;
    if (before === PLACE_GONE || (before >= 0 && !beforeAllowed)) constant += MOVE_COST;
    const canPlease = candidates.some((where) => model.preferredSlot[s * slotCount + (where % slotCount)]);
    if (model.hasPreference[s] && !canPlease) constant += OFF_DAY_COST;
    if (candidates.length === 0) continue;

    for (const a of model.concerned[s]!) if (model.wants[a]!.includes(s) && hasSpareTime[a]) leftOutCost[s] = leftOutCost[s]! + 1;
    if (beforeAllowed) leftOutCost[s] = leftOutCost[s]! + MOVE_COST;
    if (model.hasPreference[s] && canPlease) leftOutCost[s] = leftOutCost[s]! + OFF_DAY_COST;
    let roomiest = 0;
    for (const where of candidates) roomiest = Math.max(roomiest, model.capacity[(where / slotCount) | 0]!);
    overflow[s] = Math.max(0, model.expected[s]! - roomiest);
  }
  for (let a = 0; a < model.attendeeCount; a++) {
    const refund = floors[a]! - unblocked[a]!;
    if (refund > 0) for (const s of ownUnwanted(model, a)) leftOutCost[s] = leftOutCost[s]! - refund;
  }
  return { constant, floors, hasSpareTime, leftOutCost, overflow };
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
  // Leaving out the cheapest ones, and any whose absence pays (a cost below 0), is the least it costs.
  const mustLeave = free.length - Math.max(0, cells);
  free.sort((a, b) => a - b);
  let cost = 0;
  for (let k = 0; k < free.length && (k < mustLeave || free[k]! < 0); k++) cost += free[k]!;
  return cost;
}

/**
 * Per attendee, the wanted sessions they miss on every valid grid: those with nowhere to run,
 * and those beyond the most they could attend. `blocked` is the same counting the time their
 * own unpinned sessions take (they cannot attend anything else while running one), which holds
 * only while those sessions are on the grid.
 */
function attendeeFloors(model: Model): { floors: Float64Array; blocked: Float64Array } {
  const slots = [...Array(model.slotCount).keys()].map((t) => ({ start: model.startMs[t]!, end: model.endMs[t]! }));
  const everySlot = mostAttendable(slots);
  const floors = new Float64Array(model.attendeeCount);
  const blocked = new Float64Array(model.attendeeCount);
  for (let a = 0; a < model.attendeeCount; a++) {
    const wants = model.wants[a]!;
    let possible = 0;
    for (const s of wants) if (model.candidates[s]!.length > 0) possible++;
    floors[a] = wants.length - attendableSlots(model, a, slots, everySlot, false);
    blocked[a] = wants.length - attendableSlots(model, a, slots, everySlot, true);
  }
  return { floors, blocked };
}

/** An attendee's own unpinned sessions that they do not want: while on the grid, they take the attendee's time. */
function ownUnwanted(model: Model, a: number): number[] {
  const own = a < model.facilitates.length ? model.facilitates[a]! : new Int32Array(0);
  return [...own].filter((s) => !model.pinned[s] && model.candidates[s]!.length > 0 && !model.wants[a]!.includes(s));
}

/**
 * Most sessions attendee `a` could attend: the pinned sessions they run and want, and as many
 * of the others as fit, shortest first, in the most pairwise non-overlapping slots they are
 * free for (a double session uses two of them).
 */
function attendableSlots(model: Model, a: number, slots: { start: number; end: number }[], everySlot: number, blockOwn: boolean): number {
  const own = a < model.facilitates.length ? model.facilitates[a]! : new Int32Array(0);
  const pinnedOwn = [...own].filter((s) => model.pinned[s] && model.candidates[s]!.length > 0);
  let freeSlots = everySlot;
  if (pinnedOwn.length > 0) {
    const busy = pinnedOwn.map((s) => {
      const first = model.candidates[s]![0]! % model.slotCount;
      const run = model.runs[model.length[s]!]![first]!;
      return { start: model.startMs[first]!, end: model.endMs[run[run.length - 1]!]! };
    });
    freeSlots = mostAttendable(slots.filter((slot) => busy.every((b) => slot.end <= b.start || b.end <= slot.start)));
  }
  if (blockOwn) for (const s of ownUnwanted(model, a)) freeSlots -= model.length[s]!;
  const wants = model.wants[a]!;
  const wantedOwn = pinnedOwn.filter((s) => wants.includes(s));
  const lengths = [...wants]
    .filter((s) => model.candidates[s]!.length > 0 && !wantedOwn.includes(s))
    .map((s) => model.length[s]!)
    .sort((x, y) => x - y);
  let fitted = 0;
  for (const length of lengths) {
    if (length > freeSlots) break;
    freeSlots -= length;
    fitted++;
  }
  return fitted + wantedOwn.length;
}
