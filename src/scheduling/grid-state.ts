// The grid the solver is working on, with the bookkeeping that lets it price a move by looking
// only at the people that move concerns instead of rescoring the whole camp.
import { NOT_PUBLISHED, type Model } from './model.ts';
import { missedOnGrid } from './grid-attendance.ts';
import { MOVE_COST, OFF_DAY_COST } from './score.ts';
import { RoomOccupancy } from './room-occupancy.ts';
import { SimpleAttendees } from './simple-attendees.ts';

export const UNSCHEDULED = -1;

export class GridState {
  readonly model: Model;
  /** Encoded place (room × slotCount + first slot) of each session, or UNSCHEDULED. */
  readonly placeOf: Int32Array;
  readonly startOf: Float64Array;
  readonly endOf: Float64Array;
  readonly rooms: RoomOccupancy;
  /** Which session uses each room-slot, or -1 (the rooms' own array). */
  readonly occupant: Int32Array;
  readonly missedOf: Int32Array;
  missed = 0;
  overflow = 0;
  moves = 0;
  offDay = 0;

  // Scratch for pricing a proposal without allocating.
  private readonly stamp: Int32Array;
  private stampNow = 0;
  private readonly touched: Int32Array;
  private readonly touchedMissed: Int32Array;
  private touchedCount = 0;
  private readonly sortStart: Float64Array;
  private readonly sortEnd: Float64Array;
  private readonly moved = new Int32Array(3);
  private readonly movedFrom = new Int32Array(3);
  private readonly movedTo = new Int32Array(3);
  private movedCount = 0;
  private pendingOverflow = 0;
  private pendingMoves = 0;
  private pendingMissed = 0;
  private pendingOffDay = 0;

  private readonly simple: SimpleAttendees;
  private countsShifted = false;

  constructor(model: Model) {
    this.model = model;
    const n = model.sessionCount;
    this.placeOf = new Int32Array(n).fill(UNSCHEDULED);
    this.startOf = new Float64Array(n);
    this.endOf = new Float64Array(n);
    this.rooms = new RoomOccupancy(model);
    this.occupant = this.rooms.occupant;
    this.missedOf = new Int32Array(model.attendeeCount);
    this.stamp = new Int32Array(model.attendeeCount);
    this.touched = new Int32Array(model.attendeeCount);
    this.touchedMissed = new Int32Array(model.attendeeCount);
    const mostWants = Math.max(1, ...model.wants.map((list) => list.length));
    this.sortStart = new Float64Array(mostWants);
    this.sortEnd = new Float64Array(mostWants);
    this.simple = new SimpleAttendees(model);
    this.load(this.placeOf.slice());
  }

  get score(): number {
    return this.missed + this.overflow + MOVE_COST * this.moves + OFF_DAY_COST * this.offDay;
  }

  /** Replace the whole grid (e.g. with the best one found) and recount everything. */
  load(places: Int32Array): void {
    const { model } = this;
    this.rooms.clear();
    this.overflow = 0;
    this.moves = 0;
    this.offDay = 0;
    for (let s = 0; s < model.sessionCount; s++) {
      this.setPlace(s, places[s]!);
      if (places[s]! >= 0) this.rooms.occupy(s, places[s]!, s);
      this.overflow += this.overflowAt(s, places[s]!);
      this.moves += this.moveAt(s, places[s]!);
      this.offDay += this.offDayAt(s, places[s]!);
    }
    this.simple.clear();
    for (let s = 0; s < model.sessionCount; s++) {
      if (places[s]! >= 0) this.simple.count(s, places[s]! % model.slotCount, 1);
    }
    this.missed = 0;
    for (let a = 0; a < model.attendeeCount; a++) {
      this.missedOf[a] = this.missedNow(a);
      this.missed += this.missedOf[a]!;
    }
  }

  /**
   * Tentatively move one, two or three sessions (place -1 = unschedule) and return the change
   * in score, or null if it would break a hard rule. Follow with accept() or reject(). Three
   * make an ejection chain: s0 takes s1's place, s1 takes s2's, s2 takes s0's (or goes out).
   */
  propose(s0: number, p0: number, s1 = -1, p1 = -1, s2 = -1, p2 = -1): number | null {
    const { model } = this;
    this.movedCount = s2 >= 0 ? 3 : s1 >= 0 ? 2 : 1;
    this.moved[0] = s0;
    this.movedTo[0] = p0;
    this.moved[1] = s1;
    this.movedTo[1] = p1;
    this.moved[2] = s2;
    this.movedTo[2] = p2;
    for (let k = 0; k < this.movedCount; k++) {
      const to = this.movedTo[k]!;
      if (to >= 0 && !this.rooms.isFree(this.moved[k]!, to, s0, s1, s2)) return (this.movedCount = 0), null;
    }
    let timeChanged = false;
    for (let k = 0; k < this.movedCount; k++) {
      const s = this.moved[k]!;
      this.movedFrom[k] = this.placeOf[s]!;
      const oldStart = this.startOf[s]!;
      const oldEnd = this.endOf[s]!;
      const wasPlaced = this.placeOf[s]! >= 0;
      this.setPlace(s, this.movedTo[k]!);
      if (wasPlaced !== this.placeOf[s]! >= 0 || oldStart !== this.startOf[s] || oldEnd !== this.endOf[s]) timeChanged = true;
    }
    for (let i = 0; i < this.movedCount; i++) {
      for (let j = i + 1; j < this.movedCount; j++) {
        const pi = this.movedTo[i]!;
        const pj = this.movedTo[j]!;
        if (pi >= 0 && pj >= 0 && this.sameRoomClash(this.moved[i]!, pi, this.moved[j]!, pj)) return this.reject(), null;
      }
    }
    for (let k = 0; k < this.movedCount; k++) {
      if (this.movedTo[k]! >= 0 && !this.facilitatorsFree(this.moved[k]!)) return this.reject(), null;
    }

    this.pendingOverflow = 0;
    this.pendingMoves = 0;
    this.pendingOffDay = 0;
    for (let k = 0; k < this.movedCount; k++) {
      const s = this.moved[k]!;
      this.pendingOverflow += this.overflowAt(s, this.movedTo[k]!) - this.overflowAt(s, this.movedFrom[k]!);
      this.pendingMoves += this.moveAt(s, this.movedTo[k]!) - this.moveAt(s, this.movedFrom[k]!);
      this.pendingOffDay += this.offDayAt(s, this.movedTo[k]!) - this.offDayAt(s, this.movedFrom[k]!);
    }
    this.pendingMissed = 0;
    this.touchedCount = 0;
    if (timeChanged) {
      this.shiftCounts(true);
      this.stampNow++;
      for (let k = 0; k < this.movedCount; k++) {
        const concerned = model.concerned[this.moved[k]!]!;
        for (let c = 0; c < concerned.length; c++) {
          const a = concerned[c]!;
          if (this.stamp[a] === this.stampNow) continue;
          this.stamp[a] = this.stampNow;
          const now = this.simple.isSimple(a) ? this.simple.missed(a) : this.missedNow(a);
          this.touched[this.touchedCount] = a;
          this.touchedMissed[this.touchedCount++] = now;
          this.pendingMissed += now - this.missedOf[a]!;
        }
      }
    }
    return this.pendingMissed + this.pendingOverflow + MOVE_COST * this.pendingMoves + OFF_DAY_COST * this.pendingOffDay;
  }

  /** Change in missed sessions if `session` alone were at `place`, leaving the grid as it is. */
  missedDeltaAt(session: number, place: number): number {
    return this.lookingAt(session, place, () => {
      let delta = 0;
      const concerned = this.model.concerned[session]!;
      for (let c = 0; c < concerned.length; c++) delta += this.missedNow(concerned[c]!) - this.missedOf[concerned[c]!]!;
      return delta;
    });
  }

  /** Rule 2 for `session` at `place`, leaving the grid as it is. */
  facilitatorsFreeAt(session: number, place: number): boolean {
    return this.lookingAt(session, place, () => this.facilitatorsFree(session));
  }

  /** What `look` sees with `session` set at `place` for a moment; the grid is left as it was. */
  private lookingAt<T>(session: number, place: number, look: () => T): T {
    const before = this.placeOf[session]!;
    const start = this.startOf[session]!;
    const end = this.endOf[session]!;
    this.setPlace(session, place);
    const seen = look();
    this.placeOf[session] = before;
    this.startOf[session] = start;
    this.endOf[session] = end;
    return seen;
  }

  accept(): void {
    for (let k = 0; k < this.movedCount; k++) {
      if (this.movedFrom[k]! >= 0) this.rooms.occupy(this.moved[k]!, this.movedFrom[k]!, -1);
    }
    for (let k = 0; k < this.movedCount; k++) {
      if (this.movedTo[k]! >= 0) this.rooms.occupy(this.moved[k]!, this.movedTo[k]!, this.moved[k]!);
    }
    for (let t = 0; t < this.touchedCount; t++) this.missedOf[this.touched[t]!] = this.touchedMissed[t]!;
    this.missed += this.pendingMissed;
    this.overflow += this.pendingOverflow;
    this.moves += this.pendingMoves;
    this.offDay += this.pendingOffDay;
    this.movedCount = 0;
    this.countsShifted = false;
  }

  reject(): void {
    if (this.countsShifted) this.shiftCounts(false);
    for (let k = this.movedCount - 1; k >= 0; k--) this.setPlace(this.moved[k]!, this.movedFrom[k]!);
    this.movedCount = 0;
  }

  /** Move the moved sessions' simple wanters' slot counts forward to the proposal, or back. */
  private shiftCounts(forward: boolean): void {
    const { slotCount } = this.model;
    for (let step = 0; step < this.movedCount; step++) {
      const k = forward ? step : this.movedCount - 1 - step;
      const s = this.moved[k]!;
      const from = this.movedFrom[k]! >= 0 ? this.movedFrom[k]! % slotCount : -1;
      const to = this.movedTo[k]! >= 0 ? this.movedTo[k]! % slotCount : -1;
      if (from === to) continue;
      if (forward) {
        if (from >= 0) this.simple.count(s, from, -1);
        if (to >= 0) this.simple.count(s, to, 1);
      } else {
        if (to >= 0) this.simple.count(s, to, -1);
        if (from >= 0) this.simple.count(s, from, 1);
      }
    }
    this.countsShifted = forward;
  }

  overflowAt(session: number, place: number): number {
    if (place < 0) return 0;
    const room = (place / this.model.slotCount) | 0;
    return Math.max(0, this.model.expected[session]! - this.model.capacity[room]!);
  }

  moveAt(session: number, place: number): number {
    const before = this.model.previous[session]!;
    return before !== NOT_PUBLISHED && before !== place ? 1 : 0;
  }

  /** 1 when a session with preferred days is not at a place on one of them (unscheduled included). */
  offDayAt(session: number, place: number): number {
    const { model } = this;
    if (!model.hasPreference[session]) return 0;
    return place >= 0 && model.preferredSlot[session * model.slotCount + (place % model.slotCount)] ? 0 : 1;
  }

  private setPlace(s: number, place: number): void {
    const { model } = this;
    this.placeOf[s] = place;
    if (place < 0) return;
    const first = place % model.slotCount;
    const run = model.runs[model.length[s]!]![first]!;
    this.startOf[s] = model.startMs[first]!;
    this.endOf[s] = model.endMs[run[run.length - 1]!]!;
  }

  private sameRoomClash(s0: number, p0: number, s1: number, p1: number): boolean {
    const { slotCount } = this.model;
    if (((p0 / slotCount) | 0) !== ((p1 / slotCount) | 0)) return false;
    return this.startOf[s0]! < this.endOf[s1]! && this.startOf[s1]! < this.endOf[s0]!;
  }

  /** Rule 2 for a session already set at its tentative place. */
  private facilitatorsFree(s: number): boolean {
    const { model } = this;
    const people = model.facilitatorsOf[s]!;
    for (let k = 0; k < people.length; k++) {
      const theirs = model.facilitates[people[k]!]!;
      for (let m = 0; m < theirs.length; m++) {
        const other = theirs[m]!;
        if (other === s || this.placeOf[other]! < 0) continue;
        if (this.startOf[s]! < this.endOf[other]! && this.startOf[other]! < this.endOf[s]!) return false;
      }
    }
    return true;
  }

  /** Missed sessions of one attendee on the grid as it stands (see attendance.ts for the rule). */
  missedNow(a: number): number {
    return missedOnGrid(this.model, this.placeOf, this.startOf, this.endOf, this.sortStart, this.sortEnd, a);
  }
}
