// Improve the first grid by simulated annealing over six kinds of step: move a session to
// another allowed place, swap it with the session there, push that session on along an
// ejection chain, trade a Kempe chain between two slots, swap two slots' whole contents, or put
// an unscheduled session in place of a scheduled one. The temperature follows the iteration count, never the clock,
// so a run is repeatable for a given seed and number of iterations; the clock only stops it.
import { GridState, UNSCHEDULED } from './grid-state.ts';
import { KempeChains } from './kempe.ts';
import type { Random } from './random.ts';

export interface SearchLimits {
  /** clock() value at which to stop. */
  deadline: number;
  /** Milliseconds on some clock: the wall clock, or CPU time for a benchmark on a busy machine. */
  clock: () => number;
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
/** Share of steps onto an occupied place that try an ejection chain instead of a swap. */
const EJECT = 0.3;
/** Share of steps that start from a session somebody misses. */
const FOCUS = 0.2;
/** Share of steps that keep a session in its room and change only its time. */
const SAME_ROOM = 0.5;
/** Share of steps that trade a Kempe chain of sessions between two slots. */
const KEMPE = 0.03;
/** Share of those that swap the whole contents of two slots instead (see KempeChains.swapSlots). */
const SWAP_SLOTS = 0.2;

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
  const ejected = new Int32Array(3);
  const kempe = new KempeChains(state);

  let iteration = 0;
  for (; iteration < limits.iterations; iteration++) {
    if ((iteration & 1023) === 0 && limits.clock() >= limits.deadline) break;
    if (bestScore <= limits.lowerBound) break;
    if (++sinceRestart > runLength) {
      state.load(best);
      temperature = hot;
      runLength = Math.round(runLength * 1.5);
      cooling = Math.pow(COLD / hot, 1 / runLength);
      sinceRestart = 0;
    }
    temperature *= cooling;

    const s = random.next() < FOCUS ? missedSession() : movable[random.below(movable.length)]!;
    const from = state.placeOf[s]!;
    const candidates = model.candidates[s]!;
    let delta: number | null;
    if (from !== UNSCHEDULED && random.next() < KEMPE) {
      const toSlot = random.below(model.slotCount);
      delta = random.next() < SWAP_SLOTS ? kempe.swapSlots(from % model.slotCount, toSlot) : kempe.apply(s, toSlot);
      if (delta === null) continue;
      if (delta <= 0 || random.next() < Math.exp(-delta / temperature)) noteBest();
      else kempe.revert();
      continue;
    }
    if (from !== UNSCHEDULED && random.next() < 0.02) {
      delta = state.propose(s, UNSCHEDULED);
      if (delta === null) continue;
      // Leaving a session out must pay for itself, so free sessions are not dropped on a whim.
      if (delta < 0) accept(); else state.reject();
      continue;
    }
    const to = from !== UNSCHEDULED && random.next() < SAME_ROOM ? sameRoom(s, from) : candidates[random.below(candidates.length)]!;
    if (to < 0 || to === from) continue;
    const found = state.rooms.occupantsOf(s, to, occupants);
    if (found === 0) {
      delta = state.propose(s, to);
    } else if (found === 1) {
      const other = occupants[0]!;
      if (model.pinned[other]) continue;
      if (random.next() < EJECT) delta = eject(s, from, to, other);
      else if (from === UNSCHEDULED) delta = state.propose(s, to, other, UNSCHEDULED);
      else if (model.allowed[other * places + from]) delta = state.propose(s, to, other, from);
      else delta = eject(s, from, to, other);
    } else {
      continue;
    }
    if (delta === null) continue;
    if (delta <= 0 || random.next() < Math.exp(-delta / temperature)) accept();
    else state.reject();
  }
  return { best, bestScore, iterations: iteration };

  /**
   * A session somebody is missing, found by sampling attendees, so late in a run, when few
   * people miss anything, steps go where they can help; a random movable one if none is found.
   */
  function missedSession(): number {
    for (let tries = 0; tries < 20 && model.attendeeCount > 0; tries++) {
      const a = random.below(model.attendeeCount);
      if (state.missedOf[a]! === 0) continue;
      const wants = model.wants[a]!;
      const s = wants[random.below(wants.length)]!;
      if (!model.pinned[s] && model.candidates[s]!.length > 0) return s;
    }
    return movable[random.below(movable.length)]!;
  }

  /** Another slot in the room of `place` where s may run, or -1: rooms that fit stay rooms that fit. */
  function sameRoom(s: number, place: number): number {
    const room = (place / model.slotCount) | 0;
    const where = room * model.slotCount + random.below(model.slotCount);
    return model.allowed[s * places + where] ? where : -1;
  }

  /**
   * An ejection chain: s takes `to`, its occupant goes to one of its own places, and whoever is
   * there goes to s's old place (or out, if s was out). On a full grid, where no session has a
   * free place to go to, this is what lets three sessions turn round at once.
   */
  function eject(s: number, from: number, to: number, other: number): number | null {
    const theirs = model.candidates[other]!;
    const next = random.next() < SAME_ROOM ? sameRoom(other, to) : theirs[random.below(theirs.length)]!;
    if (next < 0 || next === to) return null;
    const count = state.rooms.occupantsOf(other, next, ejected);
    if (count < 0) return null;
    let third = -1;
    for (let k = 0; k < count; k++) {
      const who = ejected[k]!;
      if (who === s || who === other) continue;
      if (third >= 0 || model.pinned[who]) return null;
      third = who;
    }
    if (third < 0) return state.propose(s, to, other, next);
    if (from !== UNSCHEDULED && !model.allowed[third * places + from]) return null;
    return state.propose(s, to, other, next, third, from);
  }

  function accept(): void {
    state.accept();
    noteBest();
  }

  function noteBest(): void {
    if (state.score < bestScore) {
      bestScore = state.score;
      best = state.placeOf.slice();
    }
  }
}
