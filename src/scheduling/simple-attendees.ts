import type { Model } from './model.ts';

/**
 * The solver's fast path for "simple" attendees (every wanted session one slot long,
 * facilitating nothing, slots never overlapping): such an attendee misses |wants| minus the
 * number of distinct slots holding their wanted sessions, kept here as per-slot counts and
 * updated in O(1) per session moved, so pricing a move never re-walks their wants.
 */
export class SimpleAttendees {
  private readonly simple: Uint8Array;
  /** Per session: its simple wanters. */
  private readonly wanters: Int32Array[];
  /** Per attendee and slot: how many of their wanted sessions are in that slot. */
  private readonly wantedAt: Uint16Array;
  private readonly distinctSlots: Int32Array;

  constructor(private readonly model: Model) {
    const slotsApart = model.overlapping.every((list) => list.length === 1);
    this.simple = Uint8Array.from(model.wants, (wants, a) => {
      const facilitating = a < model.facilitates.length && model.facilitates[a]!.length > 0;
      return slotsApart && !facilitating && wants.every((s) => model.length[s] === 1) ? 1 : 0;
    });
    this.wanters = model.concerned.map((list) => list.filter((a) => this.simple[a]));
    this.wantedAt = new Uint16Array(model.attendeeCount * model.slotCount);
    this.distinctSlots = new Int32Array(model.attendeeCount);
  }

  isSimple(a: number): boolean {
    return this.simple[a] === 1;
  }

  /** Sessions attendee `a` (a simple one) misses, as the counts stand. */
  missed(a: number): number {
    return this.model.wants[a]!.length - this.distinctSlots[a]!;
  }

  /** Forgets every count, before the grid is counted afresh. */
  clear(): void {
    this.wantedAt.fill(0);
    this.distinctSlots.fill(0);
  }

  /** Session `s` arrives in (`change` 1) or leaves (-1) `slot`, for each of its simple wanters. */
  count(s: number, slot: number, change: 1 | -1): void {
    const wanters = this.wanters[s]!;
    const { slotCount } = this.model;
    for (let k = 0; k < wanters.length; k++) {
      const a = wanters[k]!;
      const cell = a * slotCount + slot;
      if (change > 0) {
        if (this.wantedAt[cell]!++ === 0) this.distinctSlots[a]!++;
      } else if (--this.wantedAt[cell]! === 0) this.distinctSlots[a]!--;
    }
  }
}
