// Improve the first grid by simulated annealing over three kinds of step: move a session to
// another allowed place, swap it with the session there, or put an unscheduled session in
// place of a scheduled one. The temperature follows the iteration count, never the clock,
// so a run is repeatable for a given seed and number of iterations; the clock only stops it.
import { GridState, UNSCHEDULED } from './grid-state.ts';
import type { Random } from './random.ts';

export interface SearchLimits {
  /** performance.now() value at which to stop. */
  deadline: number;
  iterations: number;
  /** Stop early on reaching this score: nothing can beat it. */
  lowerBound: number;
}

export interface SearchOutcome {
  best: Int32Array;
  bestScore: number;
  iterations: number;
}

const HOT = 3;
/** Big camps start cooler: a hot start undoes more than a short run can repair. */
const HOT_BIG = 1;
const BIG = 300;
const COLD = 0.05;

export function improveGrid(state: GridState, random: Random, limits: SearchLimits): SearchOutcome {
  const { model } = state;
  const places = model.roomCount * model.slotCount;
  const movable = [...Array(model.sessionCount).keys()].filter((s) => !model.pinned[s] && model.candidates[s]!.length > 0);
  let best = state.placeOf.slice();
  let bestScore = state.score;
  if (movable.length === 0) return { best, bestScore, iterations: 0 };

  // Cooling runs from HOT to COLD, each restarting from the best grid and lasting longer than
  // the last, so short budgets still finish a run and long budgets get slower, deeper ones.
  const hot = movable.length > BIG ? HOT_BIG : HOT;
  let runLength = Math.min(200_000, Math.max(20_000, 2000 * movable.length));
  let cooling = Math.pow(COLD / hot, 1 / runLength);
  let temperature = hot;
  let sinceRestart = 0;
  const occupants = new Int32Array(1);

  let iteration = 0;
  for (; iteration < limits.iterations; iteration++) {
    if ((iteration & 1023) === 0 && performance.now() >= limits.deadline) break;
    if (bestScore <= limits.lowerBound) break;
    if (++sinceRestart > runLength) {
      state.load(best);
      temperature = hot;
      runLength = Math.round(runLength * 1.5);
      cooling = Math.pow(COLD / hot, 1 / runLength);
      sinceRestart = 0;
    }
    temperature *= cooling;

    const s = movable[random.below(movable.length)]!;
    const from = state.placeOf[s]!;
    const candidates = model.candidates[s]!;
    let delta: number | null;
    if (from !== UNSCHEDULED && random.next() < 0.02) {
      delta = state.propose(s, UNSCHEDULED);
      if (delta === null) continue;
      // Leaving a session out must pay for itself, so free sessions are not dropped on a whim.
      if (delta < 0) accept(); else state.reject();
      continue;
    }
    const to = candidates[random.below(candidates.length)]!;
    if (to === from) continue;
    const found = state.occupantsOf(s, to, occupants);
    if (found === 0) {
      delta = state.propose(s, to);
    } else if (found === 1) {
      const other = occupants[0]!;
      if (model.pinned[other]) continue;
      if (from === UNSCHEDULED) delta = state.propose(s, to, other, UNSCHEDULED);
      else if (model.allowed[other * places + from]) delta = state.propose(s, to, other, from);
      else continue;
    } else {
      continue;
    }
    if (delta === null) continue;
    if (delta <= 0 || random.next() < Math.exp(-delta / temperature)) accept();
    else state.reject();
  }
  return { best, bestScore, iterations: iteration };

  function accept(): void {
    state.accept();
    if (state.score < bestScore) {
      bestScore = state.score;
      best = state.placeOf.slice();
    }
  }
}
