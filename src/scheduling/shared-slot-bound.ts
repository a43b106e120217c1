// A second proven floor under the score, from sessions that have to share slots. The counting
// bound sees each attendee alone; what it misses is that a camp's popular sessions cannot all
// run at different times, so the people who want two that end up together lose one.
//
// Relax every grid to this: each session goes to one of T interchangeable groups (T = the
// number of slots; the group is the session's first slot) holding at most as many sessions as
// the most rooms free in any slot, or stays out. Two sessions with the same first slot overlap,
// so nobody attends more of their wanted sessions than the number of groups those sessions use.
// Split the sessions into small clusters that many people want together; for an attendee,
// missed = wanted − attended ≥ Σ over clusters (wanted there − groups used there). Each cluster's
// cheapest grouping is found exactly by branch and bound, and the clusters' minima add up to a
// floor, since every real grid is one grouping of each cluster at once. What a session costs
// on its own rides along: on the grid, its cheapest room with each room-slot priced at the room
// share-out's shadow price (the grid is paid back every room-slot's price, a Lagrangian
// relaxation of "a room has so many room-slots", so this bound is never below the counting
// one); off it, what the counting bound prices leaving it out at. Attendees who want more than
// they can attend keep the counting bound's term, or are clustered too, whichever proves more.
import type { BoundBudget } from './bound-budget.ts';
import { countingParts, provenFloor, type CountingParts } from './lower-bound.ts';
import type { Model } from './model.ts';
import { roomShareCost, roomSlots, type RoomShare } from './room-share-bound.ts';

/** Branch-and-bound nodes one cluster may take before its floor falls back to the trivial one. */
const NODES_PER_CLUSTER = 100_000;
/** Nodes for the whole bound, so it is the same on every machine unless the clock runs out first. */
const NODES_IN_ALL = 3_000_000;
/** Group masks are 31-bit integers. */
const MOST_GROUPS = 31;
/** Cluster sizes tried, as multiples of the number of slots: bigger clusters see more clashes but take longer. */
const SIZES = [2, 2.5, 3];

export function sharedSlotLowerBound(model: Model, budget: BoundBudget, counted?: { parts: CountingParts; rooms: RoomShare | null }): number {
  const groups = model.slotCount;
  if (groups === 0 || groups > MOST_GROUPS) return 0;
  const parts = counted?.parts ?? countingParts(model);
  const roomsPerGroup = mostRoomsInASlot(model);
  const schedulable = [...Array(model.sessionCount).keys()].filter((s) => model.candidates[s]!.length > 0);
  const unschedulable = model.wants.map((wants) => wants.filter((s) => model.candidates[s]!.length === 0).length);
  const { floors } = parts;
  // What leaving a session out costs besides its wanters (a published place, a preferred day).
  const leftOut = Float64Array.from(parts.leftOutCost);
  for (let a = 0; a < model.attendeeCount; a++) {
    if (parts.hasSpareTime[a]) for (const s of model.wants[a]!) if (model.candidates[s]!.length > 0) leftOut[s]!--;
  }
  // Attendees without spare time are counted by the counting bound (weight 0) or in the clusters (1).
  const weightsTried = parts.hasSpareTime.every(Boolean) ? [1] : [0, 1];
  const nodes = { left: NODES_IN_ALL, out: () => budget.clock() >= budget.deadline };
  // Each session placed costs its cheapest room at the rooms' prices; the grid gets the prices back.
  // The counting bound's share-out, when it finished within its own budget, is the same one.
  const rooms = counted?.rooms ?? roomShareCost(model, parts.leftOutCost, budget);
  if (rooms === null) return 0;
  const placed = new Float64Array(model.sessionCount);
  for (const s of schedulable) {
    placed[s] = Infinity;
    for (const where of model.candidates[s]!) {
      const r = (where / model.slotCount) | 0;
      placed[s] = Math.min(placed[s]!, rooms.costIn(s, r) + rooms.price[r]! * model.length[s]!);
    }
  }
  const cells = roomSlots(model);
  const refund = rooms.price.reduce((sum, price, r) => sum + price * cells[r]!, 0);
  let best = 0;
  for (const size of SIZES.map((times) => Math.round(times * groups))) {
    for (const weight of weightsTried) {
      if (budget.clock() >= budget.deadline || nodes.left <= 0) return best;
      const weights = Float64Array.from(parts.hasSpareTime, (spare) => (spare ? 1 : weight));
      let total = parts.constant - refund;
      for (let a = 0; a < model.attendeeCount; a++) total -= weights[a]! * (floors[a]! - unschedulable[a]!);
      for (const cluster of clustersOf(model, weights, schedulable, size)) {
        if (budget.clock() >= budget.deadline || nodes.left <= 0) return best;
        total += cheapestGrouping(model, cluster, { groups, roomsPerGroup, weights, placed, leftOut }, nodes);
      }
      best = Math.max(best, provenFloor(model, total));
    }
  }
  return best;
}

function mostRoomsInASlot(model: Model): number {
  let most = 0;
  for (const slot of model.instance.slots) {
    most = Math.max(most, model.instance.rooms.filter((room) => !(room.unavailable ?? []).includes(slot.id)).length);
  }
  return most;
}

/**
 * Sessions in clusters of `size`, each grown from the most wanted session left by adding the
 * one most often wanted together with the cluster so far (by attendees not `counted`).
 */
function clustersOf(model: Model, weights: Float64Array, sessions: number[], size: number): number[][] {
  const n = model.sessionCount;
  const wanters: number[][] = Array.from({ length: n }, () => []);
  for (let a = 0; a < model.attendeeCount; a++) {
    if (!weights[a]) continue;
    for (const s of model.wants[a]!) wanters[s]!.push(a);
  }
  const left = new Set([...sessions].sort((x, y) => wanters[y]!.length - wanters[x]!.length || x - y));
  const clusters: number[][] = [];
  const together = new Float64Array(n);
  while (left.size > 0) {
    const seed = left.values().next().value!;
    left.delete(seed);
    const cluster = [seed];
    together.fill(0);
    const join = (s: number): void => {
      for (const a of wanters[s]!) for (const other of model.wants[a]!) together[other]!++;
    };
    join(seed);
    while (cluster.length < size && left.size > 0) {
      let pick = -1;
      for (const s of left) if (pick < 0 || together[s]! > together[pick]!) pick = s;
      if (together[pick]! === 0) break;
      left.delete(pick);
      cluster.push(pick);
      join(pick);
    }
    clusters.push(cluster);
  }
  return clusters;
}

interface Grouping {
  groups: number;
  roomsPerGroup: number;
  /** How much each attendee's clashes count here. */
  weights: Float64Array;
  /** Each session's cost on the grid (overflow in its roomiest room) and out of it, beyond its wanters. */
  placed: Float64Array;
  leftOut: Float64Array;
}

/**
 * The exact cheapest grouping of one cluster: each wanter of two sessions in one group loses one
 * (times their weight), and a session left out costs its weighted wanters and `leftOut`; each
 * session placed costs `placed`. If the search runs long, the sum of each session's least cost.
 */
function cheapestGrouping(model: Model, cluster: number[], { groups, roomsPerGroup, weights, placed, leftOut }: Grouping, budget: { left: number; out: () => boolean }): number {
  const m = cluster.length;
  const local = new Map(cluster.map((s, k) => [s, k]));
  // Attendees wanting two or more of the cluster are tracked; one-session wanters only cost when it is out.
  const wantedHere = new Map<number, number[]>();
  for (const s of cluster) {
    for (const a of model.concerned[s]!) {
      if (!weights[a] || !model.wants[a]!.includes(s)) continue;
      wantedHere.set(a, [...(wantedHere.get(a) ?? []), local.get(s)!]);
    }
  }
  const tracked: number[][] = Array.from({ length: m }, () => []);
  const outCost = Float64Array.from(cluster, (s) => leftOut[s]!);
  const placeCost = Float64Array.from(cluster, (s) => placed[s]!);
  const weightOf: number[] = [];
  for (const [a, list] of wantedHere) {
    for (const k of list) outCost[k]! += weights[a]!;
    if (list.length > 1) {
      for (const k of list) tracked[k]!.push(weightOf.length);
      weightOf.push(weights[a]!);
    }
  }
  const people = weightOf.length;
  const sharesFacilitator = (k: number, j: number): boolean =>
    model.facilitatorsOf[cluster[k]!]!.some((p) => model.facilitatorsOf[cluster[j]!]!.includes(p));
  // Leaving a session out need not be tried if it costs at least what the worst group would
  // and some group always has room for it: then putting it back into a best grouping that
  // leaves it out never costs more. A group has room when the others cannot fill every group
  // and none of them shares a facilitator with it.
  const alwaysRoom = m - 1 < groups * roomsPerGroup;
  const mayLeave = cluster.map((s, k) => {
    if (model.pinned[s]) return false;
    const worstGroup = placeCost[k]! + tracked[k]!.reduce((sum, p) => sum + weightOf[p]!, 0);
    return outCost[k]! < worstGroup || !alwaysRoom || cluster.some((_, j) => j !== k && sharesFacilitator(k, j));
  });
  // The least each session from k on can cost, to cut branches that cannot win.
  const cheapest = new Float64Array(m + 1);
  for (let k = m - 1; k >= 0; k--) cheapest[k] = cheapest[k + 1]! + (mayLeave[k] ? Math.min(placeCost[k]!, outCost[k]!) : placeCost[k]!);

  const sessionsOf: number[][] = Array.from({ length: people }, () => []);
  tracked.forEach((list, k) => list.forEach((p) => sessionsOf[p]!.push(k)));

  const masks = new Int32Array(people);
  const inGroup = new Int32Array(groups);
  const groupOf = new Int32Array(m).fill(-1);
  // clashCost[k × groups + g]: what session k would add in group g, given the sessions placed so far.
  const clashCost = new Float64Array(m * groups);
  const join = (k: number, g: number, sign: 1 | -1): void => {
    const bit = 1 << g;
    for (const p of tracked[k]!) {
      if (sign > 0 ? masks[p]! & bit : countIn(p, g) > 0) continue;
      for (const j of sessionsOf[p]!) clashCost[j * groups + g]! += sign * weightOf[p]!;
    }
  };
  // How many of p's sessions other than the one leaving sit in group g (for undoing a join).
  const countIn = (p: number, g: number): number => sessionsOf[p]!.filter((j) => groupOf[j] === g).length;
  /** The least sessions k.. can add, each on its own against what is placed (a floor for the branch). */
  const ahead = (k: number, used: number): number => {
    let sum = 0;
    const open = Math.min(used + 1, groups);
    for (let j = k; j < m; j++) {
      let least = mayLeave[j] ? outCost[j]! : Infinity;
      for (let g = 0; g < open; g++) {
        if (inGroup[g]! < roomsPerGroup) least = Math.min(least, placeCost[j]! + clashCost[j * groups + g]!);
      }
      sum += Number.isFinite(least) ? least : placeCost[j]!;
    }
    return sum;
  };
  const order = [...Array(groups).keys()];
  let best = Infinity;
  let nodes = 0;
  const search = (k: number, used: number, cost: number): void => {
    // Out of time: give this cluster up (its trivial floor still holds) and stop the bound.
    if ((++nodes & 1023) === 0 && budget.out()) nodes = Infinity;
    if (nodes > NODES_PER_CLUSTER || cost + ahead(k, used) >= best) return;
    if (k === m) {
      best = cost;
      return;
    }
    // Groups are interchangeable: a session opens at most one new group. Cheapest groups first.
    const open = order.slice(0, Math.min(used + 1, groups)).sort((x, y) => clashCost[k * groups + x]! - clashCost[k * groups + y]!);
    for (const g of open) {
      if (inGroup[g]! >= roomsPerGroup) continue;
      let clash = false;
      for (let j = 0; j < k && !clash; j++) clash = groupOf[j] === g && sharesFacilitator(k, j);
      if (clash) continue;
      const extra = placeCost[k]! + clashCost[k * groups + g]!;
      if (cost + extra + cheapest[k + 1]! >= best) continue;
      join(k, g, 1);
      const bit = 1 << g;
      const saved = tracked[k]!.map((p) => masks[p]!);
      for (const p of tracked[k]!) masks[p]! |= bit;
      inGroup[g]!++;
      groupOf[k] = g;
      search(k + 1, Math.max(used, g + 1), cost + extra);
      groupOf[k] = -1;
      inGroup[g]!--;
      tracked[k]!.forEach((p, i) => (masks[p] = saved[i]!));
      join(k, g, -1);
    }
    if (mayLeave[k]) search(k + 1, used, cost + outCost[k]!);
  };
  search(0, 0, 0);
  budget.left -= nodes;
  return nodes > NODES_PER_CLUSTER || !Number.isFinite(best) ? cheapest[0]! : best;
}
