import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/** One VEVENT: everything a feed or an invitation says about a session or a day. */
export interface CalendarEntry {
  uid: string;
  /** Rises each time the time, place or title changes, so calendar apps replace their copy. */
  sequence: number;
  start: number;
  end: number;
  summary: string;
  description: string;
  location: string;
  url?: string;
  cancelled?: boolean;
  /** When the entry last changed: DTSTAMP and LAST-MODIFIED come from the data, never from "now". */
  changedAt: number;
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
}

export interface CalendarDetails {
  name: string;
  description: string;
  /** How often subscribers should refresh, in seconds (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
  refreshSeconds?: number;
  /** For iTIP invitations by email: REQUEST or CANCEL. Feeds have none. */
  method?: 'REQUEST' | 'CANCEL';
  url?: string;
}

/**
 * ical-generator escapes event text but writes the calendar's own name and description as
 * given, so a comma, semicolon, backslash or line break typed by an organiser is escaped here.
 */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** A name safe inside a quoted CN parameter, where a double quote cannot be escaped. */
const parameterSafe = (name: string): string => name.replace(/["\r\n]/g, '').trim();

/** Renders a calendar. Pure: the same entries always give the same bytes. */
export function renderCalendar(details: CalendarDetails, entries: CalendarEntry[]): string {
  const calendar = ical({
    name: escapeText(details.name),
    description: escapeText(details.description),
    prodId: { company: 'Campgrid', product: 'Campgrid', language: 'EN' },
    ...(details.refreshSeconds ? { ttl: details.refreshSeconds } : {}),
    ...(details.method ? { method: details.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL } : {}),
    ...(details.url ? { url: details.url } : {}),
  });
  for (const entry of entries) {
    calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      // Instants in UTC (with Z): never floating, and no VTIMEZONE to get wrong.
      start: new Date(entry.start),
      end: new Date(entry.end),
      stamp: new Date(entry.changedAt),
      lastModified: new Date(entry.changedAt),
      summary: entry.summary,
      description: entry.description,
      location: entry.location,
      ...(entry.url ? { url: entry.url } : {}),
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(entry.organizer ? { organizer: { name: parameterSafe(entry.organizer.name), email: entry.organizer.email } } : {}),
      ...(entry.attendee ? { attendees: [{ name: parameterSafe(entry.attendee.name), email: entry.attendee.email, rsvp: false }] } : {}),
    });
  }
  return withQuickFolding(() => calendar.toString());
}

/**
 * ical-generator 10 folds long lines by making a new TextEncoder for every character of the
 * calendar, to count its bytes: 0.7 ms for one ticket's invitation, most of what a confirmed
 * registration cost in a release-day rush, and most of rendering a feed. (Version 11 fixes it
 * but needs Node 22.) While it folds, and only then, TextEncoder is this one, which answers an
 * ASCII character's length without building anything, and any other character's as before; the
 * bytes come out the same (test/calendar/ics-folding.test.ts).
 */
const encoder = new TextEncoder();
const oneByte = new Uint8Array(1);
class CharacterBytes {
  encode(text: string): Uint8Array {
    return text.length === 1 && text.charCodeAt(0) < 0x80 ? oneByte : encoder.encode(text);
  }
}

/** Runs `render` (synchronous, so nothing else can run meanwhile) with the quick TextEncoder. */
export function withQuickFolding<T>(render: () => T): T {
  const global = globalThis as { TextEncoder: unknown };
  const saved = global.TextEncoder;
  global.TextEncoder = CharacterBytes;
  try {
    return render();
  } finally {
    global.TextEncoder = saved;
  }
}
