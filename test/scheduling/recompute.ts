// An independent reading of docs/scheduling.md, written without the scheduler's code, to
// check its grids and metrics against: slot-by-slot overlap, brute-force attendance.
import type { Instance, Placement } from '../../src/scheduling/index.ts';

export interface Recomputed {
  missed: number;
  overflow: number;
  moves: number;
  /** Present when some session has preferred days. */
  offDay?: number;
  score: number;
  /** Numbers of the hard rules broken (0 for an unknown id or a session placed twice). */
  broken: number[];
}

const ms = (iso: string): number => new Date(iso).getTime();

export function recompute(instance: Instance, assignments: readonly Placement[]): Recomputed {
  const broken = new Set<number>();
  const slotById = new Map(instance.slots.map((slot) => [slot.id, slot]));
  const sessionById = new Map(instance.sessions.map((s) => [s.id, s]));
  const roomById = new Map(instance.rooms.map((r) => [r.id, r]));

  // The slots a session starting at `first` runs through: the next slots of the same day in
  // start order, each starting 0–20 minutes after the previous one ends.
  const runFrom = (first: string, length: number): string[] | null => {
    const start = slotById.get(first)!;
    const sameDay = instance.slots
      .filter((slot) => slot.day === start.day)
      .sort((a, b) => ms(a.start) - ms(b.start) || ms(a.end) - ms(b.end) || instance.slots.indexOf(a) - instance.slots.indexOf(b));
    const at = sameDay.indexOf(start);
    const run = [start];
    for (let k = 1; k < length; k++) {
      const next = sameDay[at + k];
      const previous = run[run.length - 1]!;
      if (!next) return null;
      const gap = ms(next.start) - ms(previous.end);
      if (gap < 0 || gap > 20 * 60_000) return null;
      run.push(next);
    }
    return run.map((slot) => slot.id);
  };
  const slotsOverlap = (a: string, b: string): boolean => {
    const x = slotById.get(a)!;
    const y = slotById.get(b)!;
    return ms(x.start) < ms(y.end) && ms(y.start) < ms(x.end);
  };
  const runsOverlap = (a: string[], b: string[]): boolean => a.some((x) => b.some((y) => slotsOverlap(x, y)));

  const placed = new Map<string, { room: string; first: string; run: string[] }>();
  for (const a of assignments) {
    const s = sessionById.get(a.session);
    const r = roomById.get(a.room);
    if (!s || !r || !slotById.has(a.slot) || placed.has(a.session)) {
      broken.add(0);
      continue;
    }
    const run = runFrom(a.slot, s.length ?? 1);
    if (!run) broken.add(6);
    const used = run ?? [a.slot];
    if ((s.needs ?? []).some((need) => !(r.features ?? []).includes(need))) broken.add(3);
    if (used.some((slot) => (r.unavailable ?? []).includes(slot))) broken.add(1);
    if (used.some((slot) => (s.unavailable ?? []).includes(slot))) broken.add(4);
    if (s.pin && (s.pin.room !== a.room || s.pin.slot !== a.slot)) broken.add(5);
    placed.set(a.session, { room: a.room, first: a.slot, run: used });
  }
  for (const s of instance.sessions) if (s.pin && !placed.has(s.id)) broken.add(5);
  const entries = [...placed.entries()];
  for (const [i, [idA, a]] of entries.entries()) {
    for (const [idB, b] of entries.slice(i + 1)) {
      if (!runsOverlap(a.run, b.run)) continue;
      if (a.room === b.room) broken.add(1);
      const people = sessionById.get(idA)!.facilitators;
      if (sessionById.get(idB)!.facilitators.some((p) => people.includes(p))) broken.add(2);
    }
  }

  let missed = 0;
  for (const attendee of instance.attendees) {
    const own = [...placed.entries()].filter(([id]) => sessionById.get(id)!.facilitators.includes(attendee.id));
    const wants = [...new Set(attendee.wants)];
    const possible = wants
      .filter((id) => placed.has(id))
      .filter((id) => !own.some(([ownId, o]) => ownId !== id && runsOverlap(o.run, placed.get(id)!.run)));
    missed += wants.length - largestCompatibleSet(possible.map((id) => placed.get(id)!.run), runsOverlap);
  }
  let overflow = 0;
  for (const [id, p] of placed) {
    const wanters = instance.attendees.filter((a) => a.wants.includes(id)).length; // once each, however often listed
    const expected = Math.max(sessionById.get(id)!.audience ?? 0, wanters);
    overflow += Math.max(0, expected - roomById.get(p.room)!.capacity);
  }
  let moves = 0;
  for (const before of instance.previous ?? []) {
    const now = placed.get(before.session);
    if (!now || now.room !== before.room || now.first !== before.slot) moves++;
  }
  const score = missed + overflow + 10 * moves;
  const withPreference = instance.sessions.filter((s) => s.preferredDays !== undefined);
  if (withPreference.length === 0) return { missed, overflow, moves, score, broken: [...broken].sort() };
  // Half a vote for each session with preferred days that does not start on one of them.
  const offDay = withPreference.filter((s) => {
    const p = placed.get(s.id);
    return !p || !s.preferredDays!.includes(slotById.get(p.first)!.day);
  }).length;
  return { missed, overflow, moves, offDay, score: score + offDay / 2, broken: [...broken].sort() };
}

/** Brute force over every subset: fine for the handful of sessions one person wants. */
function largestCompatibleSet<T>(items: T[], clash: (a: T, b: T) => boolean): number {
  let best = 0;
  for (let mask = 0; mask < 1 << items.length; mask++) {
    const chosen = items.filter((_, k) => mask & (1 << k));
    if (chosen.length <= best) continue;
    if (chosen.every((a, i) => chosen.every((b, j) => i >= j || !clash(a, b)))) best = chosen.length;
  }
  return best;
}

/** Every grid of a tiny instance, tried one by one: the true optimum score. */
export function bruteForceOptimum(instance: Instance): number {
  const places = instance.rooms.flatMap((r) => instance.slots.map((s) => ({ room: r.id, slot: s.id })));
  let best = Infinity;
  const chosen: Placement[] = [];
  const visit = (k: number): void => {
    if (k === instance.sessions.length) {
      const result = recompute(instance, chosen);
      if (result.broken.length === 0) best = Math.min(best, result.score);
      return;
    }
    const id = instance.sessions[k]!.id;
    visit(k + 1);
    for (const place of places) {
      if (chosen.some((c) => c.room === place.room && c.slot === place.slot)) continue;
      chosen.push({ session: id, ...place });
      visit(k + 1);
      chosen.pop();
    }
  };
  visit(0);
  return best;
}
