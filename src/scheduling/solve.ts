// Turn an instance into a grid: validate, build a first grid, improve it until the time or
// iteration budget runs out, and report the best grid with its metrics and a proven bound.
import { buildFirstGrid, placeWhereCheapest } from './construct.ts';
import { GridState, UNSCHEDULED } from './grid-state.ts';
import { countingBoundWithParts } from './lower-bound.ts';
import { buildModel, type Model } from './model.ts';
import { sharedSlotLowerBound } from './shared-slot-bound.ts';
import { Random } from './random.ts';
import { whyUnscheduled } from './reasons.ts';
import { scoreGrid } from './score.ts';
import { improveGrid } from './search.ts';
import type { Instance, InstanceProblem, Placement, ScheduleResult, SolveOptions } from './types.ts';
import { instanceWarnings, validateInstance } from './validate.ts';

/** Share of the time limit kept for the shared-slot bound, and its most in milliseconds. */
const BOUND_SHARE = 0.15;
const BOUND_MOST_MS = 300;

export class InvalidInstanceError extends Error {
  readonly problems: InstanceProblem[];

  constructor(problems: InstanceProblem[]) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(`invalid instance: ${problems[0]?.message ?? 'unknown problem'}${more}`);
    this.name = 'InvalidInstanceError';
    this.problems = problems;
  }
}

/**
 * Schedule the sessions of a valid instance (throws InvalidInstanceError otherwise). The same
 * seed and the same number of search iterations always give the same grid; pass `iterations`
 * to fix that number instead of letting the time limit decide it.
 */
export function solve(instance: Instance, options: SolveOptions = {}): ScheduleResult {
  const { timeLimitMs = 1000, seed = 1, iterations = Infinity, clock = () => performance.now() } = options;
  const began = clock();
  const problems = validateInstance(instance);
  if (problems.length > 0) throw new InvalidInstanceError(problems);

  const model = buildModel(instance);
  const random = new Random(seed);
  const state = new GridState(model);
  const counted = countingBoundWithParts(model, { deadline: began + timeLimitMs / 4, clock });
  const countingBound = counted.value;
  buildFirstGrid(state, random);
  // What follows the search (putting left-out sessions back, the reference rescoring) costs
  // about a quarter of the set-up so far (a third keeps a margin): stop the search early enough that the whole solve,
  // not just the search, keeps to the time limit (1.3 s of set-up, 0.34 s after, at 1,000 sessions).
  // The sharper bound after the search gets its own share of the limit.
  const finishing = (clock() - began) / 3;
  const end = began + timeLimitMs - finishing;
  const boundShare = Math.min(BOUND_SHARE * timeLimitMs, BOUND_MOST_MS);
  const outcome = improveGrid(state, random, { deadline: end - boundShare, clock, iterations, lowerBound: countingBound });
  state.load(outcome.best);
  // Anything the search left out that now fits for free goes back on the grid.
  for (let s = 0; s < model.sessionCount; s++) {
    if (state.placeOf[s] === UNSCHEDULED && model.candidates[s]!.length > 0) placeWhereCheapest(state, s, random);
  }

  // Only a grid that is not yet proven the best needs the costlier bound.
  const lowerBound = state.score > countingBound ? Math.max(countingBound, sharedSlotLowerBound(model, { deadline: end, clock }, counted)) : countingBound;
  const assignments = placementsOf(model, state.placeOf);
  const checked = scoreGrid(instance, assignments);
  if (checked.violations.length > 0 || checked.metrics.score !== state.score) {
    // The bookkeeping and the reference scorer disagree: a bug, never a grid to publish.
    throw new Error(`scheduler bug: ${checked.violations[0]?.message ?? `score ${state.score} ≠ ${checked.metrics.score}`}`);
  }
  const unscheduled = instance.sessions.flatMap((session, s) =>
    state.placeOf[s] === UNSCHEDULED ? [{ session: session.id, reason: whyUnscheduled(state, s) }] : [],
  );
  return {
    assignments,
    unscheduled,
    metrics: { ...checked.metrics, lowerBound: Math.min(lowerBound, checked.metrics.score) },
    warnings: instanceWarnings(instance),
    elapsedMs: Math.round(clock() - began),
  };
}

/** Placements in grid order: by start time, then in the instance's room order. */
export function placementsOf(model: Model, placeOf: Int32Array): Placement[] {
  const { instance, slotCount } = model;
  const rank = new Map(model.timeline.byStart.map((slot, k) => [slot, k]));
  const placed = [...placeOf.keys()].filter((s) => placeOf[s]! >= 0);
  placed.sort((a, b) => {
    const pa = placeOf[a]!;
    const pb = placeOf[b]!;
    return rank.get(pa % slotCount)! - rank.get(pb % slotCount)! || pa - pb;
  });
  return placed.map((s) => ({
    session: instance.sessions[s]!.id,
    room: instance.rooms[(placeOf[s]! / slotCount) | 0]!.id,
    slot: instance.slots[placeOf[s]! % slotCount]!.id,
  }));
}
