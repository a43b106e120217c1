import { DateTime } from 'luxon';
import type { PublishedGrid, PublishedSession } from '../../src/grid/published.ts';

/** The UTC instant of a wall-clock time in London: the camp's own clock. */
export const london = (date: string, time: string): number => DateTime.fromISO(`${date}T${time}`, { zone: 'Europe/London' }).toMillis();

export const baseUrl = 'https://camp.example.org';

/** When each version was published. */
export const firstPublish = Date.parse('2026-10-20T18:00:00Z');
export const secondPublish = Date.parse('2026-10-24T12:30:00Z');

/** A session as the first publish wrote it; override what a test cares about. */
export function publishedSession(overrides: Partial<PublishedSession> = {}): PublishedSession {
  return {
    pitchId: 101,
    title: 'Opening circle',
    description: 'Introductions and the shape of the day.',
    format: 'discussion',
    facilitators: [{ key: 'u1', name: 'Ada Okafor' }],
    roomId: 1,
    roomName: 'Main Hall',
    roomFeatures: ['step-free', 'hearing-loop'],
    date: '2026-10-24',
    startsAt: london('2026-10-24', '10:00'),
    endsAt: london('2026-10-24', '10:45'),
    sequence: 0,
    changedAt: firstPublish,
    cancelled: false,
    ...overrides,
  };
}

export function publishedGrid(overrides: Partial<PublishedGrid> = {}): PublishedGrid {
  return {
    event: {
      id: 7,
      slug: 'localgovcamp-2026',
      name: 'LocalGovCamp 2026',
      summary: 'The unconference for local government',
      timeZone: 'Europe/London',
      venueName: 'Civic Hall',
      venueAddress: '1 Market Street\nLeeds LS1 1AA',
    },
    version: 1,
    publishedAt: firstPublish,
    note: '',
    sessions: [],
    changes: [],
    ...overrides,
  };
}

/**
 * LocalGovCamp 2026: Saturday 24 and Sunday 25 October in London, the weekend the clocks go
 * back (10:00 BST on Saturday is 09:00Z; 10:00 GMT on Sunday is 10:00Z). Three rooms, the
 * Garden Room empty.
 */
export const camp = {
  rooms: [
    { id: 1, name: 'Main Hall' },
    { id: 2, name: 'Committee Room 1' },
    { id: 3, name: 'Garden Room' },
  ],
  days: [
    { date: '2026-10-24', startsAt: london('2026-10-24', '09:30'), endsAt: london('2026-10-24', '17:00') },
    { date: '2026-10-25', startsAt: london('2026-10-25', '09:30'), endsAt: london('2026-10-25', '16:00') },
  ],
};

/** The first publish: four sessions over the two days. */
export function campV1(): PublishedGrid {
  return publishedGrid({
    sessions: [
      publishedSession(),
      publishedSession({
        pitchId: 102,
        title: 'Open data, maps; and other things',
        description: 'Bring a laptop.',
        format: 'workshop',
        facilitators: [{ key: 'u2', name: 'Bo Lind' }, { key: 'w1', name: 'Cy Morgan' }],
        roomId: 2,
        roomName: 'Committee Room 1',
        roomFeatures: [],
        startsAt: london('2026-10-24', '11:00'),
        endsAt: london('2026-10-24', '12:00'),
      }),
      publishedSession({
        pitchId: 103,
        title: 'Digital inclusion',
        facilitators: [{ key: 'u3', name: 'Dee Patel' }],
        date: '2026-10-25',
        startsAt: london('2026-10-25', '10:00'),
        endsAt: london('2026-10-25', '11:00'),
      }),
      publishedSession({
        pitchId: 104,
        title: 'Procurement clinic',
        facilitators: [{ key: 'u4', name: 'Eve Shaw' }],
        roomId: 2,
        roomName: 'Committee Room 1',
        roomFeatures: [],
        date: '2026-10-25',
        startsAt: london('2026-10-25', '11:30'),
        endsAt: london('2026-10-25', '12:30'),
      }),
    ],
    changes: [],
  });
}

/** The second publish, on Saturday lunchtime: open data moves to Sunday afternoon in the Main Hall, the procurement clinic is cancelled. */
export function campV2(): PublishedGrid {
  const v1 = campV1();
  const moved = v1.sessions.find((s) => s.pitchId === 102)!;
  const dropped = v1.sessions.find((s) => s.pitchId === 104)!;
  const to = { roomName: 'Main Hall', startsAt: london('2026-10-25', '14:00'), endsAt: london('2026-10-25', '15:00') };
  return {
    ...v1,
    version: 2,
    publishedAt: secondPublish,
    note: 'Open data moves to Sunday.',
    sessions: v1.sessions.map((s) => {
      if (s === moved) return { ...s, roomId: 1, roomFeatures: ['step-free', 'hearing-loop'], date: '2026-10-25', ...to, sequence: 1, changedAt: secondPublish };
      if (s === dropped) return { ...s, cancelled: true, sequence: 1, changedAt: secondPublish };
      return s;
    }),
    changes: [
      { kind: 'moved', pitchId: 102, title: moved.title, from: { roomName: moved.roomName, startsAt: moved.startsAt, endsAt: moved.endsAt }, to },
      { kind: 'cancelled', pitchId: 104, title: dropped.title, from: { roomName: dropped.roomName, startsAt: dropped.startsAt, endsAt: dropped.endsAt } },
    ],
  };
}
