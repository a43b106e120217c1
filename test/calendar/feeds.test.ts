import { DateTime } from 'luxon';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { eventFeed, personalFeed, roomFeed, sessionFeed } from '../../src/calendar/feeds.ts';
import { readCalendar, type SeenEvent } from '../helpers/calendars.ts';
import { baseUrl, campV1, campV2, publishedGrid, publishedSession } from '../helpers/published-grid.ts';

const place = (room: string) => `${room}, Civic Hall, 1 Market Street, Leeds LS1 1AA`;
const url = (id: number) => `https://camp.example.org/events/localgovcamp-2026/pitches/${id}`;

/** The four sessions as the second publish leaves them, as a calendar app reads them. */
const opening: SeenEvent = {
  uid: 'session-101@camp.example.org',
  sequence: 0,
  start: '2026-10-24T09:00:00.000Z',
  end: '2026-10-24T09:45:00.000Z',
  stamp: '2026-10-20T18:00:00.000Z',
  lastModified: '2026-10-20T18:00:00.000Z',
  summary: 'Opening circle',
  location: place('Main Hall'),
  description: `Introductions and the shape of the day.\n\nFacilitated by Ada Okafor\nMain Hall: step-free, hearing-loop\n${url(101)}`,
  url: url(101),
  status: 'CONFIRMED',
};
const inclusion: SeenEvent = {
  ...opening,
  uid: 'session-103@camp.example.org',
  start: '2026-10-25T10:00:00.000Z',
  end: '2026-10-25T11:00:00.000Z',
  summary: 'Digital inclusion',
  description: `Introductions and the shape of the day.\n\nFacilitated by Dee Patel\nMain Hall: step-free, hearing-loop\n${url(103)}`,
  url: url(103),
};
const procurementCancelled: SeenEvent = {
  uid: 'session-104@camp.example.org',
  sequence: 1,
  start: '2026-10-25T11:30:00.000Z',
  end: '2026-10-25T12:30:00.000Z',
  stamp: '2026-10-24T12:30:00.000Z',
  lastModified: '2026-10-24T12:30:00.000Z',
  summary: 'Cancelled: Procurement clinic',
  location: place('Committee Room 1'),
  description: `This session has been cancelled.\n\nIntroductions and the shape of the day.\n\nFacilitated by Eve Shaw\n${url(104)}`,
  url: url(104),
  status: 'CANCELLED',
};
const openDataMoved: SeenEvent = {
  uid: 'session-102@camp.example.org',
  sequence: 1,
  start: '2026-10-25T14:00:00.000Z',
  end: '2026-10-25T15:00:00.000Z',
  stamp: '2026-10-24T12:30:00.000Z',
  lastModified: '2026-10-24T12:30:00.000Z',
  summary: 'Open data, maps; and other things',
  location: place('Main Hall'),
  description: `Bring a laptop.\n\nFacilitated by Bo Lind and Cy Morgan\nMain Hall: step-free, hearing-loop\n${url(102)}`,
  url: url(102),
  status: 'CONFIRMED',
};

describe('the whole camp’s feed', () => {
  it('lists every session in time order, cancelled ones included, with place, facilitators and link', () => {
    const calendar = readCalendar(eventFeed(campV2(), baseUrl));
    expect(calendar).toEqual({
      name: 'LocalGovCamp 2026',
      description: 'The unconference for local government',
      refreshInterval: 'PT1H',
      ttl: 'PT1H',
      events: [opening, inclusion, procurementCancelled, openDataMoved],
    });
  });

  it('keeps a moved session’s UID and raises its SEQUENCE, so calendars replace their copy', () => {
    const before = readCalendar(eventFeed(campV1(), baseUrl)).events.find((e) => e.uid === 'session-102@camp.example.org')!;
    const after = readCalendar(eventFeed(campV2(), baseUrl)).events.find((e) => e.uid === 'session-102@camp.example.org')!;
    expect([before.sequence, before.start, before.location]).toEqual([0, '2026-10-24T10:00:00.000Z', place('Committee Room 1')]);
    expect([after.sequence, after.start, after.location]).toEqual([1, '2026-10-25T14:00:00.000Z', place('Main Hall')]);
  });

  it('keeps the UID when a session is renamed', () => {
    const renamed = campV2();
    renamed.sessions[0] = { ...renamed.sessions[0]!, title: 'Welcome and opening circle', sequence: 1 };
    const [event] = readCalendar(sessionFeed(renamed, 101, baseUrl)!).events;
    expect([event!.uid, event!.sequence, event!.summary]).toEqual(['session-101@camp.example.org', 1, 'Welcome and opening circle']);
  });

  it('is byte-identical when nothing changed, whatever the publish', () => {
    const republished = { ...campV2(), version: 3, publishedAt: Date.parse('2026-10-24T15:00:00Z'), note: 'No changes', changes: [] };
    expect(eventFeed(republished, baseUrl)).toBe(eventFeed(campV2(), baseUrl));
    // An untouched session's own feed is the same before and after a publish that moved others.
    expect(sessionFeed(campV2(), 101, baseUrl)).toBe(sessionFeed(campV1(), 101, baseUrl));
  });

  it('writes every time in UTC: no floating times and no time zones to get wrong', () => {
    const ics = eventFeed(campV2(), baseUrl);
    const times = ics.match(/^(DTSTART|DTEND|DTSTAMP|LAST-MODIFIED)[;:].*$/gm)!;
    expect(times).toHaveLength(16);
    for (const line of times) expect(line).toMatch(/^[A-Z-]+:\d{8}T\d{6}Z\r?$/);
    expect(ics).not.toContain('TZID');
  });

  it('puts every session of a two-day camp at the right local time across the night the clocks go back', () => {
    const events = readCalendar(eventFeed(campV2(), baseUrl)).events;
    const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toFormat('ccc d LLL HH:mm ZZ');
    expect(events.map((e) => [e.summary, local(e.start), local(e.end)])).toEqual([
      ['Opening circle', 'Sat 24 Oct 10:00 +01:00', 'Sat 24 Oct 10:45 +01:00'],
      ['Digital inclusion', 'Sun 25 Oct 10:00 +00:00', 'Sun 25 Oct 11:00 +00:00'],
      ['Cancelled: Procurement clinic', 'Sun 25 Oct 11:30 +00:00', 'Sun 25 Oct 12:30 +00:00'],
      ['Open data, maps; and other things', 'Sun 25 Oct 14:00 +00:00', 'Sun 25 Oct 15:00 +00:00'],
    ]);
    expect(events.slice(0, 2).map((e) => e.start)).toEqual(['2026-10-24T09:00:00.000Z', '2026-10-25T10:00:00.000Z']);
  });
});

describe('organiser-typed text in a feed', () => {
  const hostile = 'Camp, “north”; C:\\temp\\camp\r\nline two <script>alert(1)</script> Zoë 🎪 日本';

  it('reads back exactly, in the calendar name and description, titles, places, descriptions and names', () => {
    const grid = publishedGrid({
      event: { ...campV2().event, name: hostile, summary: `About: ${hostile}`, venueName: `Hall; ${hostile}`, venueAddress: 'Flat 1, 2 Long Road\\Annex\nLeeds' },
      sessions: [
        publishedSession({
          title: hostile,
          description: `${hostile}\n${'long words that need folding '.repeat(8)}`,
          roomName: `Room, A; ${hostile}`,
          roomFeatures: [],
          facilitators: [{ key: 'u1', name: `O’Brien, Siân; ${hostile}` }],
        }),
      ],
    });
    const ics = eventFeed(grid, baseUrl);
    const typed = hostile.replace('\r\n', '\n');
    const calendar = readCalendar(ics);
    expect(calendar.name).toBe(typed);
    expect(calendar.description).toBe(`About: ${typed}`);
    expect(calendar.events).toHaveLength(1);
    const [event] = calendar.events;
    expect(event!.summary).toBe(typed);
    expect(event!.location).toBe(`Room, A; ${typed}, Hall; ${typed}, Flat 1, 2 Long Road\\Annex, Leeds`);
    expect(event!.description).toBe(`${typed}\n${'long words that need folding '.repeat(8).trim()}\n\nFacilitated by O’Brien, Siân; ${typed}\n${url(101)}`);
    // Folded at 75 octets without splitting a character.
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('keeps a backslash before an n as a backslash and an n (node-ical 0.26 misreads this; ical.js and RFC 5545 agree)', () => {
    const grid = publishedGrid({ event: { ...campV2().event, name: 'C:\\new\\Notes' }, sessions: [publishedSession({ title: 'C:\\new\\Notes' })] });
    const ics = eventFeed(grid, baseUrl);
    // On the wire each backslash is doubled; node-ical unescapes \\n before \\\\ and so reads a line break.
    expect(ics).toContain('\r\nSUMMARY:C:\\\\new\\\\Notes\r\n');
    expect(ics).toContain('\r\nX-WR-CALNAME:C:\\\\new\\\\Notes\r\n');
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(new ICAL.Event(calendar.getFirstSubcomponent('vevent')!).summary).toBe('C:\\new\\Notes');
  });

  it('cannot smuggle in extra events or properties with line breaks', () => {
    const smuggled = 'Fine\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\nSUMMARY:Free beer';
    const grid = publishedGrid({ event: { ...campV2().event, name: smuggled }, sessions: [publishedSession({ title: smuggled })] });
    const calendar = readCalendar(eventFeed(grid, baseUrl));
    expect(calendar.events.map((e) => e.uid)).toEqual(['session-101@camp.example.org']);
    expect(calendar.events[0]!.summary).toBe('Fine\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\nSUMMARY:Free beer');
    expect(calendar.name).toBe(calendar.events[0]!.summary);
  });
});

describe('a room’s feed', () => {
  it('holds the sessions in that room, cancelled ones included, and is named for it', () => {
    const calendar = readCalendar(roomFeed(campV2(), 2, baseUrl)!);
    expect(calendar.name).toBe('LocalGovCamp 2026: Committee Room 1');
    expect(calendar.events).toEqual([procurementCancelled]);
    expect(readCalendar(roomFeed(campV2(), 1, baseUrl)!).events.map((e) => e.summary)).toEqual(['Opening circle', 'Digital inclusion', 'Open data, maps; and other things']);
  });

  it('is a valid empty calendar for a known room with nothing in it yet', () => {
    const calendar = readCalendar(roomFeed(campV2(), 3, baseUrl, 'Garden Room')!);
    expect(calendar).toEqual({ name: 'LocalGovCamp 2026: Garden Room', description: 'The unconference for local government', refreshInterval: 'PT1H', ttl: 'PT1H', events: [] });
  });

  it('does not exist for a room that has no sessions and no name', () => {
    expect(roomFeed(campV2(), 99, baseUrl)).toBeNull();
  });
});

describe('one session’s feed', () => {
  it('holds just that session, named for it', () => {
    const calendar = readCalendar(sessionFeed(campV2(), 102, baseUrl)!);
    expect(calendar.name).toBe('LocalGovCamp 2026: Open data, maps; and other things');
    expect(calendar.events).toEqual([openDataMoved]);
  });

  it('still tells subscribers when the session is cancelled', () => {
    expect(readCalendar(sessionFeed(campV2(), 104, baseUrl)!).events).toEqual([procurementCancelled]);
  });

  it('does not exist for a pitch the grid never had', () => {
    expect(sessionFeed(campV2(), 999, baseUrl)).toBeNull();
  });
});

describe('a person’s own feed', () => {
  it('holds the sessions they marked and the ones they facilitate, and nothing unscheduled', () => {
    const calendar = readCalendar(personalFeed(campV2(), [104, 101, 555], 'Ada Okafor', baseUrl));
    expect(calendar.name).toBe('LocalGovCamp 2026: Ada Okafor');
    expect(calendar.description).toBe('Your sessions at LocalGovCamp 2026');
    expect(calendar.events).toEqual([opening, procurementCancelled]);
  });

  it('escapes the person’s name in the calendar’s name', () => {
    expect(readCalendar(personalFeed(campV2(), [101], 'Siân O’Brien, Jr.; \\ <b>\nII', baseUrl)).name).toBe('LocalGovCamp 2026: Siân O’Brien, Jr.; \\ <b>\nII');
  });

  it('is an empty calendar for someone who has marked nothing', () => {
    expect(readCalendar(personalFeed(campV2(), [], 'Bo Lind', baseUrl)).events).toEqual([]);
  });
});
