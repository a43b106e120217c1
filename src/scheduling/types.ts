// The exchange format of docs/scheduling.md, as TypeScript types. The grid editor, the
// command line and the benchmark all speak these shapes; nothing here knows about storage.

export interface Room {
  id: string;
  capacity: number;
  features?: string[];
  /** Slot ids in which the room cannot be used. */
  unavailable?: string[];
}

export interface Slot {
  id: string;
  /** The camp day, e.g. "2027-06-19"; multi-slot sessions never cross days. */
  day: string;
  /** ISO 8601 instants with an offset. Overlap is decided by these, not by ids. */
  start: string;
  end: string;
}

export interface Pin {
  room: string;
  /** The first slot of the session. */
  slot: string;
}

export interface Session {
  id: string;
  facilitators: string[];
  needs?: string[];
  /** Number of adjacent slots the session runs for; default 1. */
  length?: number;
  unavailable?: string[];
  /** Expected audience beyond the recorded interest; default 0. */
  audience?: number;
  pin?: Pin;
  /** Camp days (slots' `day`) the pitcher would rather run on: a soft wish, never a rule. */
  preferredDays?: string[];
}

export interface Attendee {
  id: string;
  /** Session ids this person would go to. */
  wants: string[];
}

/** One session placed on the grid: `slot` is its first slot. */
export interface Placement {
  session: string;
  room: string;
  slot: string;
}

export interface Instance {
  rooms: Room[];
  slots: Slot[];
  sessions: Session[];
  attendees: Attendee[];
  /** The published grid; moving a session away from it costs 5. */
  previous?: Placement[];
}

export interface Metrics {
  missed: number;
  overflow: number;
  moves: number;
  /** Sessions with `preferredDays` not scheduled on one of them; present when any session has preferred days. */
  offDay?: number;
  score: number;
  /** A proven bound: no valid grid for the instance scores below it. */
  lowerBound?: number;
}

export interface Unscheduled {
  session: string;
  reason: string;
}

export interface ScheduleResult {
  assignments: Placement[];
  unscheduled: Unscheduled[];
  metrics: Metrics & { lowerBound: number };
  /** What the solver coped with but the supplier should fix (duplicate wants, places gone). */
  warnings: string[];
  elapsedMs: number;
}

export interface SolveOptions {
  /** Wall-clock budget for the search; default 1000. */
  timeLimitMs?: number;
  /** Seed of the pseudo-random generator; default 1. */
  seed?: number;
  /**
   * Number of search iterations to run. With it, two runs with the same seed give the same
   * grid whatever the machine, as long as the time limit is not reached first.
   */
  iterations?: number;
  /**
   * The clock the time limit is measured on, in milliseconds; default the wall clock. The
   * benchmark passes CPU time to see what an idle machine would do on a busy one.
   */
  clock?: () => number;
}

/** Why an instance cannot be scheduled at all; `ids` names the offending ids. */
export interface InstanceProblem {
  code:
    | 'malformed'
    | 'duplicate-id'
    | 'unknown-id'
    | 'pin-breaks-rule'
    | 'pin-clash'
    | 'length-cannot-fit';
  message: string;
  ids: string[];
}

/** A broken hard rule (1–6 of docs/scheduling.md), or 0 for an assignment that names nothing known. */
export interface RuleViolation {
  rule: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  message: string;
  ids: string[];
}

export interface GridScore {
  violations: RuleViolation[];
  metrics: Metrics;
}
