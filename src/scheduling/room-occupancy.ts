import type { Model } from './model.ts';

/**
 * Who uses each room-slot of the grid the solver is working on (a place is room × slotCount +
 * first slot; a double session uses the run of slots it starts), so a move can be checked
 * against the room in a few array reads.
 */
export class RoomOccupancy {
  /** Which session uses each room-slot, or -1. */
  readonly occupant: Int32Array;

  constructor(private readonly model: Model) {
    this.occupant = new Int32Array(model.roomCount * model.slotCount).fill(-1);
  }

  clear(): void {
    this.occupant.fill(-1);
  }

  /** True when the room-slots of `place` hold nobody but the given sessions. */
  isFree(session: number, place: number, except0 = -1, except1 = -1, except2 = -1): boolean {
    const { model } = this;
    const room = (place / model.slotCount) | 0;
    const run = model.runs[model.length[session]!]![place - room * model.slotCount]!;
    const base = room * model.slotCount;
    for (let k = 0; k < run.length; k++) {
      const near = model.overlapping[run[k]!]!;
      for (let m = 0; m < near.length; m++) {
        const who = this.occupant[base + near[m]!]!;
        if (who >= 0 && who !== except0 && who !== except1 && who !== except2) return false;
      }
    }
    return true;
  }

  /** Sessions using any room-slot of `place` (at most `into.length`); returns how many, or -1 if more. */
  occupantsOf(session: number, place: number, into: Int32Array): number {
    const { model } = this;
    const room = (place / model.slotCount) | 0;
    const run = model.runs[model.length[session]!]![place - room * model.slotCount]!;
    let count = 0;
    for (let k = 0; k < run.length; k++) {
      const near = model.overlapping[run[k]!]!;
      for (let m = 0; m < near.length; m++) {
        const who = this.occupant[room * model.slotCount + near[m]!]!;
        if (who < 0) continue;
        let known = false;
        for (let c = 0; c < count; c++) if (into[c] === who) known = true;
        if (known) continue;
        if (count === into.length) return -1;
        into[count++] = who;
      }
    }
    return count;
  }

  /** Sets who uses the room-slots of `place` for session `s` (`who` -1: frees them). */
  occupy(s: number, place: number, who: number): void {
    const { model } = this;
    const room = (place / model.slotCount) | 0;
    const run = model.runs[model.length[s]!]![place - room * model.slotCount]!;
    for (let k = 0; k < run.length; k++) this.occupant[room * model.slotCount + run[k]!] = who;
  }
}
