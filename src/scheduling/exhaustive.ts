// The true optimum of a tiny instance by branch and bound over every grid: the yardstick the
// benchmark and tests hold the solver to. Exponential; meant for about eight sessions.
import { GridState, UNSCHEDULED } from './grid-state.ts';
import { buildModel } from './model.ts';
import { MOVE_COST, OFF_DAY_COST } from './score.ts';
import { placementsOf } from './solve.ts';
import type { Instance, Placement } from './types.ts';

export interface Optimum {
  score: number;
  assignments: Placement[];
  /** Grids (partial or whole) looked at. */
  nodes: number;
}

/** Best grid of a valid instance, found by trying them all (pruned by an optimistic bound). */
export function optimumByExhaustiveSearch(instance: Instance): Optimum {
  const model = buildModel(instance);
  const state = new GridState(model);
  const order = [...Array(model.sessionCount).keys()].sort(
    (a, b) => model.pinned[b]! - model.pinned[a]! || model.wantedBy[b]! - model.wantedBy[a]!,
  );
  // The most an undecided session can still win back: each wanter gains at most one session,
  // a published session can at most return to its old place, and a session with preferred
  // days can at most land on one of them.
  const mostGain = order.map(
    (s) => model.wantedBy[s]! + (model.previous[s]! >= 0 ? MOVE_COST : 0) + OFF_DAY_COST * model.hasPreference[s]!,
  );
  const gainAfter = new Float64Array(order.length + 1);
  for (let k = order.length - 1; k >= 0; k--) gainAfter[k] = gainAfter[k + 1]! + mostGain[k]!;

  let bestScore = Infinity;
  let best = state.placeOf.slice();
  let nodes = 0;
  const visit = (depth: number): void => {
    nodes++;
    if (state.score - gainAfter[depth]! >= bestScore) return;
    if (depth === order.length) {
      bestScore = state.score;
      best = state.placeOf.slice();
      return;
    }
    const s = order[depth]!;
    for (const place of model.candidates[s]!) {
      if (state.propose(s, place) === null) continue;
      state.accept();
      visit(depth + 1);
      state.propose(s, UNSCHEDULED);
      state.accept();
    }
    if (!model.pinned[s] || model.candidates[s]!.length === 0) visit(depth + 1);
  };
  visit(0);
  return { score: bestScore, assignments: placementsOf(model, best), nodes };
}
