import type { PublishedSession } from '../grid/published.ts';
import { renderCalendar, type CalendarEntry } from './ics.ts';
import { sessionUid } from './guids.ts';
import { eventUrl, sessionUrl } from './links.ts';
import { outputLines, outputsOfSession, sessionChangedAt, type GridWithOutputs } from './session-outputs.ts';

/**
 * Calendar feeds of a published grid: the whole camp, one room, one session, and a person's own
 * agenda. Pure: the same snapshot always gives the same bytes, because every timestamp in a
 * feed (DTSTAMP, LAST-MODIFIED) comes from the session's `changedAt`, never from the clock.
 * Subscribed calendars poll these; the routes in calendar.routes.ts serve them.
 */

/** Subscribers are asked to refresh hourly (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
export const FEED_REFRESH_SECONDS = 3600;

/** Every session in the camp, cancelled ones included so calendars can drop their copy. */
export function eventFeed(grid: GridWithOutputs, baseUrl: string): string {
  return feed(grid, baseUrl, grid.event.name, grid.sessions);
}

/**
 * The sessions in one room. A room with no sessions gives an empty calendar when its name is
 * known (so a subscription made before the grid fills it stays valid), otherwise null.
 */
export function roomFeed(grid: GridWithOutputs, roomId: number, baseUrl: string, roomName?: string): string | null {
  const inRoom = grid.sessions.filter((s) => s.roomId === roomId);
  // The snapshot's name, as in each session's LOCATION; the caller's only for an empty room.
  const name = (inRoom.find((s) => !s.cancelled) ?? inRoom[0])?.roomName ?? roomName;
  if (name === undefined) return null;
  return feed(grid, baseUrl, `${grid.event.name}: ${name}`, inRoom);
}

/** One session, for "add to my calendar"; null if the grid never had it. */
export function sessionFeed(grid: GridWithOutputs, pitchId: number, baseUrl: string): string | null {
  const session = grid.sessions.find((s) => s.pitchId === pitchId);
  if (!session) return null;
  return feed(grid, baseUrl, `${grid.event.name}: ${session.title}`, [session]);
}

/**
 * A person's own agenda. `pitchIds` is every session that is theirs: the ones they marked and
 * the ones they facilitate (the loader knows both; the snapshot names facilitators only by key).
 * Ids not in the grid (pitches never scheduled) are left out.
 */
export function personalFeed(grid: GridWithOutputs, pitchIds: number[], personName: string, baseUrl: string): string {
  const theirs = new Set(pitchIds);
  return feed(grid, baseUrl, `${grid.event.name}: ${personName}`, grid.sessions.filter((s) => theirs.has(s.pitchId)), `Your sessions at ${grid.event.name}`);
}

function feed(grid: GridWithOutputs, baseUrl: string, name: string, sessions: PublishedSession[], description = grid.event.summary): string {
  const ordered = [...sessions].sort((a, b) => a.startsAt - b.startsAt || a.pitchId - b.pitchId);
  return renderCalendar(
    { name, description, refreshSeconds: FEED_REFRESH_SECONDS, url: eventUrl(baseUrl, grid.event.slug) },
    ordered.map((s) => sessionEntry(grid, s, baseUrl)),
  );
}

/** What a calendar says about one session. */
export function sessionEntry(grid: GridWithOutputs, session: PublishedSession, baseUrl: string): CalendarEntry {
  const url = sessionUrl(baseUrl, grid.event.slug, session.pitchId);
  return {
    uid: sessionUid(session.pitchId, baseUrl),
    sequence: session.sequence,
    start: session.startsAt,
    end: session.endsAt,
    // Google and Outlook keep showing a cancelled event from a subscription, so the title says so too.
    summary: session.cancelled ? `Cancelled: ${session.title}` : session.title,
    description: [sessionDescription(session, url), ...outputLines(outputsOfSession(grid, session.pitchId), url)].join('\n'),
    location: sessionLocation(grid, session),
    url,
    cancelled: session.cancelled,
    changedAt: sessionChangedAt(grid, session.pitchId, session.changedAt),
  };
}

/** Room, venue and address on one line: calendar apps show LOCATION as a single line and map it. */
export function sessionLocation(grid: GridWithOutputs, session: PublishedSession): string {
  const address = grid.event.venueAddress.split(/\s*(?:\r\n|\r|\n)\s*/).filter(Boolean).join(', ');
  return [session.roomName, grid.event.venueName, address].filter((part) => part.trim() !== '').join(', ');
}

function sessionDescription(session: PublishedSession, url: string): string {
  const lines: string[] = [];
  if (session.cancelled) lines.push('This session has been cancelled.', '');
  if (session.description.trim()) lines.push(session.description.trim(), '');
  if (session.facilitators.length) lines.push(`Facilitated by ${listOfNames(session.facilitators.map((f) => f.name))}`);
  if (session.roomFeatures.length) lines.push(`${session.roomName}: ${session.roomFeatures.join(', ')}`);
  lines.push(url);
  return lines.join('\n');
}

/** "Ann", "Ann and Bo", "Ann, Bo and Cy". */
function listOfNames(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
