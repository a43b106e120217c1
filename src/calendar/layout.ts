import { DateTime } from 'luxon';
import type { PublishedGrid, PublishedSession } from '../grid/published.ts';

/** The rooms and days of a camp, as exports list them (empty rooms and days included). */
export interface CampLayout {
  rooms: Array<{ id: number; name: string }>;
  /** `date` is YYYY-MM-DD in the event's zone; `startsAt`/`endsAt` are UTC instants (ms). */
  days: Array<{ date: string; startsAt: number; endsAt: number }>;
}

/**
 * The layout as far as the snapshot alone shows it: the rooms and days that have sessions,
 * each day from its first start to its last end. Used when the caller has no fuller layout.
 */
export function layoutFromGrid(grid: PublishedGrid): CampLayout {
  return completeLayout(grid, { rooms: [], days: [] });
}

/**
 * The given layout plus any room or day that a published session uses but the layout lacks
 * (a room deleted after publishing, say), so no session silently drops out of an export.
 * Days come out sorted by date.
 */
export function completeLayout(grid: PublishedGrid, layout: CampLayout): CampLayout {
  const sessions = grid.sessions.filter((s) => !s.cancelled);
  const rooms = [...layout.rooms];
  for (const s of sessions) if (!rooms.some((r) => r.id === s.roomId)) rooms.push({ id: s.roomId, name: s.roomName });
  const days = [...layout.days];
  const byDate = new Map<string, PublishedSession[]>();
  for (const s of sessions) if (!days.some((d) => d.date === s.date)) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
  for (const [date, onDay] of byDate) {
    days.push({ date, startsAt: Math.min(...onDay.map((s) => s.startsAt)), endsAt: Math.max(...onDay.map((s) => s.endsAt)) });
  }
  // The format needs at least one day; a grid published empty gets the day it was published.
  if (days.length === 0) {
    const day = DateTime.fromMillis(grid.publishedAt, { zone: grid.event.timeZone }).startOf('day');
    days.push({ date: day.toISODate()!, startsAt: day.toMillis(), endsAt: day.plus({ days: 1 }).toMillis() });
  }
  days.sort((a, b) => a.date.localeCompare(b.date));
  return { rooms, days };
}
