// Time on the grid: which slots overlap, and which slots follow one another closely enough
// for a multi-slot session. Everything is decided by instants, never by slot ids.
import type { Slot } from './types.ts';

/** Adjacent slots of a long session may have at most this gap between them (a short break). */
export const MAX_GAP_MS = 20 * 60 * 1000;

export interface Timeline {
  /** Slot index (position in `instance.slots`) by id. */
  indexOf: Map<string, number>;
  startMs: number[];
  endMs: number[];
  /** The slot a long session continues into after slot i, or -1. */
  next: number[];
  /** Indices of slots whose time intersects slot i's, i itself included. */
  overlapping: number[][];
  /** Slot indices sorted by start time. */
  byStart: number[];
}

export function buildTimeline(slots: readonly Slot[]): Timeline {
  const indexOf = new Map<string, number>();
  slots.forEach((slot, i) => indexOf.set(slot.id, i));
  const startMs = slots.map((slot) => Date.parse(slot.start));
  const endMs = slots.map((slot) => Date.parse(slot.end));
  const byStart = slots
    .map((_, i) => i)
    .sort((a, b) => startMs[a]! - startMs[b]! || endMs[a]! - endMs[b]! || a - b);

  // A long session runs through consecutive slots of one day in start order, so a slot
  // sitting in the gap between two of them would have broken the chain.
  const next = slots.map(() => -1);
  for (let k = 0; k + 1 < byStart.length; k++) {
    const here = byStart[k]!;
    const after = byStart[k + 1]!;
    const gap = startMs[after]! - endMs[here]!;
    if (slots[here]!.day === slots[after]!.day && gap >= 0 && gap <= MAX_GAP_MS) next[here] = after;
  }

  const overlapping = slots.map((_, i) =>
    slots.flatMap((__, j) => (startMs[i]! < endMs[j]! && startMs[j]! < endMs[i]! ? [j] : [])),
  );
  return { indexOf, startMs, endMs, next, overlapping, byStart };
}

/** The slots a session of `length` starting in slot `first` runs through, or null if they do not follow. */
export function slotRun(timeline: Timeline, first: number, length: number): number[] | null {
  const run = [first];
  let current = first;
  for (let k = 1; k < length; k++) {
    current = timeline.next[current]!;
    if (current < 0) return null;
    run.push(current);
  }
  return run;
}

/** Whether some run of `length` adjacent slots exists anywhere on the grid. */
export function lengthFitsSomewhere(timeline: Timeline, length: number): boolean {
  return timeline.byStart.some((first) => slotRun(timeline, first, length) !== null);
}

/** Half-open time ranges [start, end) intersect. */
export function timesOverlap(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd;
}
