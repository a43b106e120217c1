// How many of the sessions they want can one person actually attend?

export interface TimeRange {
  start: number;
  end: number;
}

/**
 * The size of the largest set of pairwise non-overlapping ranges. Ranges on a time line are
 * an interval-scheduling problem, which "earliest end first" solves exactly.
 */
export function mostAttendable(ranges: readonly TimeRange[]): number {
  const sorted = [...ranges].sort((a, b) => a.end - b.end);
  let count = 0;
  let freeFrom = -Infinity;
  for (const range of sorted) {
    if (range.start >= freeFrom) {
      count++;
      freeFrom = range.end;
    }
  }
  return count;
}

/**
 * Sessions one person misses: those they want minus the most they can attend, where a session
 * they facilitate blocks its time (they are running it) but counts as attended if they want it.
 * `wanted` holds the time of each wanted session, or null when it is unscheduled.
 */
export function missedSessions(
  wanted: readonly ({ range: TimeRange; facilitating: boolean } | null)[],
  facilitating: readonly TimeRange[],
): number {
  let attended = 0;
  const free: TimeRange[] = [];
  for (const session of wanted) {
    if (session === null) continue;
    if (session.facilitating) {
      attended++;
      continue;
    }
    const { range } = session;
    const blocked = facilitating.some((own) => range.start < own.end && own.start < range.end);
    if (!blocked) free.push(range);
  }
  return wanted.length - attended - mostAttendable(free);
}
