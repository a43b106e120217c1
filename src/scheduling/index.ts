// The scheduler's public face: the grid editor, the command line and the benchmark import
// from here. Pure functions over plain data; no database, no HTTP.
export { solve, InvalidInstanceError } from './solve.ts';
export { scoreGrid, MOVE_COST } from './score.ts';
export { instanceWarnings, validateInstance } from './validate.ts';
export type {
  Attendee,
  GridScore,
  Instance,
  InstanceProblem,
  Metrics,
  Pin,
  Placement,
  Room,
  RuleViolation,
  ScheduleResult,
  Session,
  Slot,
  SolveOptions,
  Unscheduled,
} from './types.ts';
