import { DateTime } from 'luxon';
import type { PublishedGrid } from '../grid/published.ts';
import { toCsv } from '../csv.ts';

/**
 * The published grid as a spreadsheet: one row per session in day, start and room order, times
 * on the camp's own clock. Cancelled sessions are not in the grid, so not in the sheet. `toCsv`
 * adds the byte-order mark and CRLFs spreadsheets expect and defuses cells that look like formulas.
 */
export function gridCsv(grid: PublishedGrid): string {
  const zone = grid.event.timeZone;
  const clock = (instant: number) => DateTime.fromMillis(instant, { zone }).toFormat('HH:mm');
  const rows = grid.sessions
    .filter((s) => !s.cancelled)
    .sort((a, b) => a.startsAt - b.startsAt || a.roomName.localeCompare(b.roomName) || a.pitchId - b.pitchId)
    .map((s) => [s.date, clock(s.startsAt), clock(s.endsAt), s.roomName, s.title, s.facilitators.map((f) => f.name).join(', ')]);
  return toCsv([['Day', 'Start', 'End', 'Room', 'Title', 'Facilitators'], ...rows]);
}
