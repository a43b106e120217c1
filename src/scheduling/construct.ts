// The first grid: pins, then the published places, then the most-wanted sessions first, each
// into the place that costs least right now. Spreading popular sessions across slots and
// giving big audiences big rooms both fall out of "costs least".
import { GridState } from './grid-state.ts';
import type { Random } from './random.ts';
import { MOVE_COST, OFF_DAY_COST } from './score.ts';

export function buildFirstGrid(state: GridState, random: Random): void {
  const { model } = state;
  const places = model.roomCount * model.slotCount;
  const order = random.shuffle([...Array(model.sessionCount).keys()]);
  for (const s of order) {
    if (model.pinned[s] && model.candidates[s]!.length > 0) place(state, s, model.candidates[s]![0]!);
  }
  for (const s of order) {
    const before = model.previous[s]!;
    if (state.placeOf[s]! < 0 && before >= 0 && model.allowed[s * places + before]) place(state, s, before);
  }
  const rest = order
    .filter((s) => state.placeOf[s]! < 0)
    .sort((a, b) => model.expected[b]! * model.length[b]! - model.expected[a]! * model.length[a]!);
  for (const s of rest) placeWhereCheapest(state, s, random);
}

function place(state: GridState, s: number, where: number): boolean {
  if (state.propose(s, where) === null) return false;
  state.accept();
  return true;
}

/** Put an unscheduled session where it adds least to the score, unless every place makes it worse. */
export function placeWhereCheapest(state: GridState, s: number, random: Random): boolean {
  const { model } = state;
  const missedAt = new Map<number, number | null>();
  const biggest = Math.max(1, ...model.capacity);
  let best = -1;
  let bestCost = Infinity;
  for (const where of model.candidates[s]!) {
    if (!state.rooms.isFree(s, where)) continue;
    const first = where % model.slotCount;
    if (!missedAt.has(first)) {
      missedAt.set(first, state.facilitatorsFreeAt(s, where) ? state.missedDeltaAt(s, where) : null);
    }
    const missed = missedAt.get(first);
    if (missed === null || missed === undefined) continue;
    const room = (where / model.slotCount) | 0;
    // Ties go to the room that fits the audience most snugly, then to chance.
    const snug = Math.abs(model.capacity[room]! - model.expected[s]!) / biggest;
    const cost =
      missed +
      state.overflowAt(s, where) +
      MOVE_COST * (state.moveAt(s, where) - state.moveAt(s, -1)) +
      OFF_DAY_COST * (state.offDayAt(s, where) - state.offDayAt(s, -1)) +
      0.01 * snug +
      1e-6 * random.next();
    if (cost < bestCost) {
      bestCost = cost;
      best = where;
    }
  }
  // A session nobody has asked for still goes on the grid if it costs nothing.
  if (best < 0 || bestCost > 0.02) return false;
  return place(state, s, best);
}
