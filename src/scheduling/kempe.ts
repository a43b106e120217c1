// A Kempe chain over the clash graph: trade a session between two slots of its room, then
// trade along with it every session that would now share a wanter with a session arriving in
// its slot, and so on until nothing more follows. Each trade keeps every session in its own
// room, so the rooms still fit; what changes is who clashes with whom, many sessions at once,
// which single moves and swaps cannot do on a grid with no free place. The chain is followed to
// its end: cut short at a random size (as it once was), it brings new clashes with what stays
// behind, and camps planted around a perfect full grid stayed 1–3% of votes short of it.
import { GridState } from './grid-state.ts';

export class KempeChains {
  private readonly state: GridState;
  private readonly rooms: Int32Array;
  private readonly inChain: Uint8Array;
  private readonly wanted: Int32Array;
  private mark = 0;
  /** Sessions and places before the chain, to put back: [session, place] pairs. */
  private readonly undo: Int32Array;

  constructor(state: GridState) {
    this.state = state;
    const { model } = state;
    this.rooms = new Int32Array(model.roomCount);
    this.inChain = new Uint8Array(model.roomCount);
    this.wanted = new Int32Array(model.attendeeCount);
    this.undo = new Int32Array(4 * model.roomCount);
  }

  /**
   * Try the chain starting from session s towards slot `toSlot`; apply it and return the change
   * in score, or null (grid untouched) if some session in it cannot go. Undo with revert().
   */
  apply(s: number, toSlot: number): number | null {
    const { state } = this;
    const { model } = state;
    const T = model.slotCount;
    const from = state.placeOf[s]!;
    const fromSlot = from % T;
    if (from < 0 || fromSlot === toSlot || model.length[s] !== 1) return null;
    let size = 0;
    this.inChain.fill(0);
    const add = (room: number): void => {
      if (this.inChain[room]) return;
      this.inChain[room] = 1;
      this.rooms[size++] = room;
    };
    add((from / T) | 0);
    for (let k = 0; k < size; k++) {
      const room = this.rooms[k]!;
      // Sessions meeting the ones that arrive: those leaving slot A clash with B's, and back.
      this.follow(state.occupant[room * T + fromSlot]!, toSlot, add);
      this.follow(state.occupant[room * T + toSlot]!, fromSlot, add);
    }
    return this.tradeRooms(size, fromSlot, toSlot, false);
  }

  /**
   * Swap the whole contents of two slots, room by room, leaving in place whatever cannot go
   * (a pinned session, a double session, a room-slot the other may not use). Swapping whole
   * slots costs nothing by itself; what it buys is the slot a pin holds: a pinned session's
   * slot-mates can all trade places with another slot's, which no chain through the pin can.
   */
  swapSlots(fromSlot: number, toSlot: number): number | null {
    if (fromSlot === toSlot) return null;
    for (let room = 0; room < this.state.model.roomCount; room++) this.rooms[room] = room;
    return this.tradeRooms(this.state.model.roomCount, fromSlot, toSlot, true);
  }

  /** Trade the first `size` rooms of this.rooms between two slots; a room that cannot trade stops the lot, or is left as it is. */
  private tradeRooms(size: number, fromSlot: number, toSlot: number, leaveStuck: boolean): number | null {
    const { state } = this;
    const T = state.model.slotCount;
    let steps = 0;
    let delta = 0;
    for (let k = 0; k < size; k++) {
      const room = this.rooms[k]!;
      const a = state.occupant[room * T + fromSlot]!;
      const b = state.occupant[room * T + toSlot]!;
      const change = this.trade(a, room * T + toSlot, b, room * T + fromSlot, steps);
      if (change === null) {
        if (leaveStuck) continue;
        this.revert(steps);
        return null;
      }
      delta += change;
      steps++;
    }
    this.steps = steps;
    return steps > 0 ? delta : null;
  }

  private steps = 0;

  /** Put the grid back as it was before the last apply(). */
  revert(steps = this.steps): void {
    for (let k = steps - 1; k >= 0; k--) {
      const a = this.undo[4 * k]!;
      const b = this.undo[4 * k + 2]!;
      if (a < 0 && b < 0) continue;
      const first = a >= 0 ? a : b;
      const second = a >= 0 ? b : -1;
      const back = this.state.propose(first, this.undo[4 * k + (a >= 0 ? 1 : 3)]!, second, second >= 0 ? this.undo[4 * k + 3]! : -1);
      if (back === null) throw new Error('scheduler bug: a Kempe chain could not be undone');
      this.state.accept();
    }
    this.steps = 0;
  }

  /** Move a to `aTo` and b to `bTo` (either may be -1 for an empty room-slot). */
  private trade(a: number, aTo: number, b: number, bTo: number, step: number): number | null {
    const { state } = this;
    const { model } = state;
    const places = model.roomCount * model.slotCount;
    for (const [who, to] of [[a, aTo], [b, bTo]] as const) {
      if (who < 0) continue;
      if (model.pinned[who] || model.length[who] !== 1 || !model.allowed[who * places + to]) return null;
    }
    this.undo[4 * step] = a;
    this.undo[4 * step + 1] = a >= 0 ? state.placeOf[a]! : -1;
    this.undo[4 * step + 2] = b;
    this.undo[4 * step + 3] = b >= 0 ? state.placeOf[b]! : -1;
    if (a < 0 && b < 0) return 0;
    const change = a >= 0 ? state.propose(a, aTo, b, b >= 0 ? bTo : -1) : state.propose(b, bTo);
    if (change === null) return null;
    state.accept();
    return change;
  }

  /** Add the rooms of sessions in `slot` that share a wanter with session s. */
  private follow(s: number, slot: number, add: (room: number) => void): void {
    if (s < 0) return;
    const { model, occupant } = this.state;
    this.mark++;
    for (const a of model.concerned[s]!) this.wanted[a] = this.mark;
    for (let room = 0; room < model.roomCount; room++) {
      const other = occupant[room * model.slotCount + slot]!;
      if (other < 0 || this.inChain[room]) continue;
      const theirs = model.concerned[other]!;
      for (let k = 0; k < theirs.length; k++) {
        if (this.wanted[theirs[k]!] === this.mark) {
          add(room);
          break;
        }
      }
    }
  }
}
