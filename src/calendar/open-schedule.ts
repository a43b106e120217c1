import { DateTime } from 'luxon';
import type { PublishedSession } from '../grid/published.ts';
import { personGuid, roomGuid, sessionGuid } from './guids.ts';
import { completeLayout, type CampLayout } from './layout.ts';
import { eventUrl, sessionUrl, trimBase } from './links.ts';
import { outputsOfSession, scheduleReferences, type GridWithOutputs, type ScheduleReference } from './session-outputs.ts';

/**
 * A published grid as the open schedule formats see it: days, then rooms, then sessions, with
 * local times in the event's zone and stable guids. c3voc.ts writes it as JSON and as XML.
 * Cancelled sessions are left out: these are timetables, not update feeds.
 */
export interface OpenSchedule {
  /** Changes with every publish, so apps know to reload. */
  version: string;
  acronym: string;
  title: string;
  description: string;
  /** First and last day, YYYY-MM-DD. */
  start: string;
  end: string;
  timeslotDuration: string;
  timeZone: string;
  url: string;
  baseUrl: string;
  rooms: Array<{ name: string; guid: string }>;
  days: Array<{ index: number; date: string; start: string; end: string; rooms: Array<{ name: string; guid: string; sessions: OpenSession[] }> }>;
}

export interface OpenSession {
  guid: string;
  id: number;
  /** Local date-times with the zone's offset, e.g. 2026-10-24T10:00:00+01:00. */
  date: string;
  end: string;
  /** Local clock time, HH:MM. */
  start: string;
  duration: string;
  room: string;
  slug: string;
  url: string;
  title: string;
  type: string;
  abstract: string;
  persons: Array<{ guid: string; name: string }>;
  /** What the session made: links, and notes' and actions' places on its page. */
  links: ScheduleReference[];
  /** Links to files the session made (slides, papers). */
  attachments: ScheduleReference[];
}

export interface ScheduleOptions extends CampLayout {
  baseUrl: string;
}

export function openSchedule(grid: GridWithOutputs, options: ScheduleOptions): OpenSchedule {
  const { baseUrl } = options;
  const zone = grid.event.timeZone;
  const layout = completeLayout(grid, options);
  const acronym = acronymOf(grid.event.slug);
  const sessions = grid.sessions.filter((s) => !s.cancelled).sort((a, b) => a.startsAt - b.startsAt || a.pitchId - b.pitchId);
  const toOpen = (s: PublishedSession): OpenSession => {
    const url = sessionUrl(baseUrl, grid.event.slug, s.pitchId);
    return {
      guid: sessionGuid(s.pitchId, baseUrl),
      id: s.pitchId,
      date: localDateTime(s.startsAt, zone),
      end: localDateTime(s.endsAt, zone),
      start: DateTime.fromMillis(s.startsAt, { zone }).toFormat('HH:mm'),
      duration: hoursAndMinutes(s.endsAt - s.startsAt),
      room: s.roomName,
      slug: `${acronym}-${s.pitchId}-${slugOf(s.title)}`,
      url,
      title: s.title,
      type: s.format || 'other',
      abstract: s.description,
      persons: s.facilitators.map((f) => ({ guid: personGuid(f.key, baseUrl), name: f.name })),
      ...scheduleReferences(outputsOfSession(grid, s.pitchId), url),
    };
  };
  const rooms = layout.rooms.map((r) => ({ id: r.id, name: r.name, guid: roomGuid(r.id, baseUrl) }));
  return {
    version: `v${grid.version}`,
    acronym,
    title: grid.event.name,
    description: grid.event.summary,
    start: layout.days[0]!.date,
    end: layout.days[layout.days.length - 1]!.date,
    timeslotDuration: hoursAndMinutes(timeslotMinutes(sessions, zone) * 60_000),
    timeZone: zone,
    url: eventUrl(baseUrl, grid.event.slug),
    baseUrl: `${trimBase(baseUrl)}/`,
    rooms: rooms.map(({ name, guid }) => ({ name, guid })),
    days: layout.days.map((day, i) => ({
      index: i + 1,
      date: day.date,
      start: localDateTime(day.startsAt, zone),
      end: localDateTime(day.endsAt, zone),
      rooms: rooms.map((room) => ({
        name: room.name,
        guid: room.guid,
        sessions: sessions.filter((s) => s.date === day.date && s.roomId === room.id).map(toOpen),
      })),
    })),
  };
}

/** The slug without hyphens or anything else the format's acronym pattern forbids, at least 4 characters. */
export function acronymOf(slug: string): string {
  return slug.toLowerCase().replace(/[^a-z0-9_]/g, '').padEnd(4, '_');
}

/** "Zoë's open data, maps!" → "zoes-open-data-maps"; "session" when a title has too little to slug. */
function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  // The XML schema wants at least four characters after the acronym's hyphen: "1-ab" is the shortest.
  return slug.length >= 2 ? slug : 'session';
}

function localDateTime(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toISO({ suppressMilliseconds: true })!;
}

/** 90 minutes → "01:30". */
function hoursAndMinutes(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The grid's granularity for apps that draw it: the largest step (dividing an hour) that every
 * start and every length is a whole number of.
 */
function timeslotMinutes(sessions: PublishedSession[], zone: string): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let step = 60;
  for (const s of sessions) {
    const start = DateTime.fromMillis(s.startsAt, { zone });
    step = gcd(step, start.hour * 60 + start.minute);
    step = gcd(step, Math.round((s.endsAt - s.startsAt) / 60_000));
  }
  return Math.max(step, 1);
}
