import type { PlaceHeld } from './places-held.ts';

const weekMs = 7 * 86_400_000;

/** Registrations so far, a number of weeks before a camp's first day. */
export interface WeekPoint {
  weeksBefore: number;
  registered: number;
}

export interface RegistrationsOverTime {
  points: WeekPoint[];
  /** Registrations brought in from another system: they have no date of their own here, so are left out. */
  imported: number;
}

/**
 * Registrations over time, cumulative: at each whole week before the camp's first day, how
 * many people had registered by then (week 0 counts everyone, on the day and after too). A
 * person counts once, from their first registration; released places count, since people did
 * register. Weeks still to come are left out: the last week shown counts everyone so far.
 */
export function registrationsOverTime(places: PlaceHeld[], startsAt: number | null, now: Date): RegistrationsOverTime {
  const own = places.filter((p) => !p.imported);
  if (startsAt === null) return { points: [], imported: places.length - own.length };
  const firstAt = new Map<string, number>();
  for (const p of own) firstAt.set(p.mailbox, Math.min(firstAt.get(p.mailbox) ?? Infinity, p.createdAt));
  const weeksBefore = [...firstAt.values()].map((at) => Math.max(0, Math.floor((startsAt - at) / weekMs)));
  const earliest = Math.max(0, ...weeksBefore);
  const points: WeekPoint[] = [];
  const latest = Math.min(earliest, Math.max(0, Math.floor((startsAt - now.getTime()) / weekMs)));
  for (let w = earliest; w >= latest; w--) points.push({ weeksBefore: w, registered: weeksBefore.filter((b) => b >= w).length });
  return { points: weeksBefore.length ? points : [], imported: places.length - own.length };
}

/**
 * Two camps' registrations on one scale of weeks before: every week either has. Before a
 * camp's first registration it had none (0); after its last point (weeks still to come) it
 * has no figure yet (null).
 */
export function sideBySide(camp: WeekPoint[], other: WeekPoint[]): Array<{ weeksBefore: number; camp: number | null; other: number | null }> {
  const earliest = Math.max(camp[0]?.weeksBefore ?? 0, other[0]?.weeksBefore ?? 0);
  const at = (points: WeekPoint[], w: number): number | null =>
    points.length === 0 || w < points.at(-1)!.weeksBefore ? null : (points.find((p) => p.weeksBefore === w)?.registered ?? 0);
  const latest = Math.min(camp.at(-1)?.weeksBefore ?? 0, other.at(-1)?.weeksBefore ?? 0);
  const weeks = Array.from({ length: earliest - latest + 1 }, (_, i) => earliest - i);
  return weeks.map((w) => ({ weeksBefore: w, camp: at(camp, w), other: at(other, w) }));
}
