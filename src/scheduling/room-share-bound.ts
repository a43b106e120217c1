// The rooms' share of the proven floor. Each room has only so many room-slots, so not every
// popular session can have the hall: giving each session its roomiest allowed room on its own
// (the counting bound's overflow term) undercounts overflow wherever big sessions outnumber
// the big rooms' slots. Here the sessions share out the room-slots as a transportation problem,
// solved exactly as a minimum-cost flow: a session of length L needs L room-slots of one room
// (relaxed to any rooms it may use), costs its overflow there (plus a move if it leaves its
// published room), or stays out at the cost the counting bound prices leaving it out at.
import type { BoundBudget } from './bound-budget.ts';
import type { Model } from './model.ts';
import { MOVE_COST } from './score.ts';

interface Edge {
  to: number;
  capacity: number;
  cost: number;
  /** Index of the reverse edge in the `to` node's list. */
  back: number;
}

export interface RoomShare {
  cost: number;
  /**
   * A price per room-slot of each room (0 where room-slots are spare), from the flow's optimal
   * potentials: a session pays its room's price times its length, and the grid gets back the
   * price of every room-slot. Any prices ≥ 0 keep that a floor (a Lagrangian relaxation of
   * "a room has so many room-slots"); these make it as high as the share-out itself.
   */
  price: Float64Array;
  /** What session s costs in room r (overflow and a move out of its published room). */
  costIn: (s: number, r: number) => number;
}

/** The cheapest share-out of room-slots, or null if it does not finish by the budget's deadline. */
export function roomShareCost(model: Model, leftOutCost: Float64Array, budget: BoundBudget): RoomShare | null {
  const { sessionCount, roomCount, slotCount } = model;
  // Nodes: source, sessions, rooms, "left out", sink.
  const source = 0;
  const roomNode = (r: number): number => 1 + sessionCount + r;
  const out = 1 + sessionCount + roomCount;
  const sink = out + 1;
  const graph: Edge[][] = Array.from({ length: sink + 1 }, () => []);
  const link = (from: number, to: number, capacity: number, cost: number): void => {
    graph[from]!.push({ to, capacity, cost, back: graph[to]!.length });
    graph[to]!.push({ to: from, capacity: 0, cost: -cost, back: graph[from]!.length - 1 });
  };

  const costIn = (s: number, r: number): number => {
    // A session whose published place is still allowed moves if it changes room.
    const before = model.previous[s]!;
    const moved = before >= 0 && model.allowed[s * roomCount * slotCount + before] && ((before / slotCount) | 0) !== r;
    return Math.max(0, model.expected[s]! - model.capacity[r]!) + (moved ? MOVE_COST : 0);
  };
  let supply = 0;
  for (let s = 0; s < sessionCount; s++) {
    const candidates = model.candidates[s]!;
    if (candidates.length === 0) continue;
    const length = model.length[s]!;
    supply += length;
    link(source, 1 + s, length, 0);
    const rooms = new Set<number>();
    for (const where of candidates) rooms.add((where / slotCount) | 0);
    for (const r of rooms) link(1 + s, roomNode(r), length, costIn(s, r) / length);
    if (!model.pinned[s]) link(1 + s, out, length, leftOutCost[s]! / length);
  }
  roomSlots(model).forEach((cells, r) => link(roomNode(r), sink, cells, 0));
  link(out, sink, supply, 0);

  // Successive shortest paths (queue-based Bellman-Ford: residual costs can be negative).
  const nodes = graph.length;
  const distance = new Float64Array(nodes);
  const via = new Int32Array(nodes);
  const viaEdge = new Int32Array(nodes);
  const queued = new Uint8Array(nodes);
  let total = 0;
  let sent = 0;
  while (sent < supply) {
    if (budget.clock() >= budget.deadline) return null;
    distance.fill(Infinity);
    distance[source] = 0;
    const queue = [source];
    queued.fill(0);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      queued[node] = 0;
      const edges = graph[node]!;
      for (let k = 0; k < edges.length; k++) {
        const edge = edges[k]!;
        if (edge.capacity <= 0) continue;
        const through = distance[node]! + edge.cost;
        if (through < distance[edge.to]! - 1e-9) {
          distance[edge.to] = through;
          via[edge.to] = node;
          viaEdge[edge.to] = k;
          if (!queued[edge.to]) {
            queued[edge.to] = 1;
            queue.push(edge.to);
          }
        }
      }
    }
    // Pinned sessions always fit (validation checks pins), and "left out" takes everyone else.
    if (!Number.isFinite(distance[sink]!)) return null;
    let push = supply - sent;
    for (let node = sink; node !== source; node = via[node]!) push = Math.min(push, graph[via[node]!]![viaEdge[node]!]!.capacity);
    for (let node = sink; node !== source; node = via[node]!) {
      const edge = graph[via[node]!]![viaEdge[node]!]!;
      edge.capacity -= push;
      graph[node]![edge.back]!.capacity += push;
    }
    total += push * distance[sink]!;
    sent += push;
  }
  return { cost: total, price: roomPrices(graph, roomNode(0), roomCount, sink), costIn };
}

/**
 * Potentials of the final residual graph (shortest distances from a root joined to every node),
 * under which no residual edge has negative reduced cost; a full room's price is how much
 * cheaper reaching the sink is than reaching the room.
 */
function roomPrices(graph: Edge[][], firstRoom: number, roomCount: number, sink: number): Float64Array {
  const potential = new Float64Array(graph.length);
  for (let pass = 0, changed = true; changed && pass < graph.length; pass++) {
    changed = false;
    for (let node = 0; node < graph.length; node++) {
      for (const edge of graph[node]!) {
        if (edge.capacity > 0 && potential[node]! + edge.cost < potential[edge.to]! - 1e-9) {
          potential[edge.to] = potential[node]! + edge.cost;
          changed = true;
        }
      }
    }
  }
  return Float64Array.from({ length: roomCount }, (_, r) => Math.max(0, potential[sink]! - potential[firstRoom + r]!));
}

/** Room-slots of each room: the slots it is not unavailable in. */
export function roomSlots(model: Model): number[] {
  return model.instance.rooms.map((room) => {
    const off = new Set(room.unavailable ?? []);
    return model.instance.slots.filter((slot) => !off.has(slot.id)).length;
  });
}
