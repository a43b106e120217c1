// The solver's hot loop: one attendee's missed sessions on a grid held in typed arrays.
// Same rule as attendance.ts (the reference), written to allocate nothing.
import type { Model } from './model.ts';

/**
 * |wants| minus the most wanted sessions the attendee can attend: their own sessions count as
 * attended, sessions clashing with their own are out, the rest go to earliest-end-first.
 * `sortStart`/`sortEnd` are scratch arrays at least as long as the longest wants list.
 */
export function missedOnGrid(
  model: Model,
  placeOf: Int32Array,
  startOf: Float64Array,
  endOf: Float64Array,
  sortStart: Float64Array,
  sortEnd: Float64Array,
  a: number,
): number {
  const wants = model.wants[a]!;
  const own = a < model.facilitates.length ? model.facilitates[a]! : undefined;
  let attended = 0;
  let n = 0;
  for (let w = 0; w < wants.length; w++) {
    const s = wants[w]!;
    if (placeOf[s]! < 0) continue;
    const start = startOf[s]!;
    const end = endOf[s]!;
    let blocked = false;
    if (own !== undefined && own.length > 0) {
      let mine = false;
      for (let k = 0; k < own.length; k++) if (own[k] === s) mine = true;
      if (mine) {
        attended++;
        continue;
      }
      for (let k = 0; k < own.length; k++) {
        const j = own[k]!;
        if (placeOf[j]! >= 0 && start < endOf[j]! && startOf[j]! < end) blocked = true;
      }
    }
    if (blocked) continue;
    // Insertion sort by end time: an attendee wants a handful of sessions.
    let at = n++;
    while (at > 0 && sortEnd[at - 1]! > end) {
      sortEnd[at] = sortEnd[at - 1]!;
      sortStart[at] = sortStart[at - 1]!;
      at--;
    }
    sortEnd[at] = end;
    sortStart[at] = start;
  }
  let freeFrom = -Infinity;
  for (let k = 0; k < n; k++) {
    if (sortStart[k]! >= freeFrom) {
      attended++;
      freeFrom = sortEnd[k]!;
    }
  }
  return wants.length - attended;
}
