import type { GridChange, PublishedGrid } from '../grid/published.ts';
import { sessionEntry } from './feeds.ts';
import { renderCalendar } from './ics.ts';

/**
 * The calendar part of a grid-change email: the changed sessions on the person's agenda, with
 * the same UID and SEQUENCE as their feed, so a calendar that took the session from the feed or
 * an earlier email updates the one entry. iTIP allows one METHOD per message: sessions added,
 * moved or renamed go as a REQUEST; when all that changed for them was cancelled, a CANCEL.
 */
export function gridChangeInvitation(grid: PublishedGrid, changes: GridChange[], baseUrl: string, to: { name: string; email: string }): { method: 'REQUEST' | 'CANCEL'; content: string } | null {
  const ids = new Set(changes.map((c) => c.pitchId));
  const sessions = grid.sessions.filter((s) => ids.has(s.pitchId));
  const live = sessions.filter((s) => !s.cancelled);
  const method = live.length ? 'REQUEST' : 'CANCEL';
  const chosen = live.length ? live : sessions;
  if (chosen.length === 0) return null;
  return {
    method,
    content: renderCalendar({ name: grid.event.name, description: grid.event.summary, method }, chosen.map((s) => ({ ...sessionEntry(grid, s, baseUrl), attendee: to }))),
  };
}
