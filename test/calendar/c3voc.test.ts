import { describe, expect, it } from 'vitest';
import { scheduleJson, scheduleXml } from '../../src/calendar/c3voc.ts';
import { sessionGuid, uuidV5 } from '../../src/calendar/guids.ts';
import { acronymOf } from '../../src/calendar/open-schedule.ts';
import { baseUrl, camp, campV1, campV2, london, publishedGrid, publishedSession } from '../helpers/published-grid.ts';
import { jsonScheduleErrors, xmllint, xmlScheduleErrors } from '../helpers/schedule-schemas.ts';

type Json = { schedule: { version: string; base_url: string; conference: Record<string, unknown> & { days: JsonDay[] } } };
type JsonDay = { index: number; date: string; day_start: string; day_end: string; rooms: Record<string, Array<Record<string, unknown>>> };

const options = { ...camp, baseUrl };
const json = (grid = campV2()) => scheduleJson(grid, options) as unknown as Json;

const guids = {
  opening: '89a6991f-82d0-5783-ad72-8380ae20d782',
  ada: 'a806a4f4-8b33-5eda-bcf7-a7482eefc707',
  mainHall: '4efbe99a-917e-564a-8b58-67dabb744919',
};

describe('guids', () => {
  it('are RFC 9562 version 5 UUIDs (the published test vector)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('follow the session, not its place or version, and differ between hosts', () => {
    const v1 = json(campV1()).schedule.conference.days[0]!.rooms['Committee Room 1']![0]!;
    const v2 = json(campV2()).schedule.conference.days[1]!.rooms['Main Hall']![1]!;
    expect([v1.id, v2.id]).toEqual([102, 102]);
    expect(v2.guid).toBe(v1.guid);
    expect(sessionGuid(102, 'https://other.example.org')).not.toBe(v1.guid);
  });
});

describe('schedule.json', () => {
  it('is valid against the c3voc JSON Schema', () => {
    expect(jsonScheduleErrors(json())).toEqual([]);
  });

  it('describes the camp: version per publish, acronym without hyphens, days on the camp’s clock, every room', () => {
    const { schedule } = json();
    expect(schedule.version).toBe('v2');
    expect(schedule.base_url).toBe('https://camp.example.org/');
    const { days, ...conference } = schedule.conference;
    expect(conference).toEqual({
      acronym: 'localgovcamp2026',
      title: 'LocalGovCamp 2026',
      description: 'The unconference for local government',
      start: '2026-10-24',
      end: '2026-10-25',
      daysCount: 2,
      timeslot_duration: '00:15',
      time_zone_name: 'Europe/London',
      url: 'https://camp.example.org/events/localgovcamp-2026',
      rooms: [
        { name: 'Main Hall', guid: guids.mainHall },
        { name: 'Committee Room 1', guid: '71e2bed3-9d0b-5b77-a4c2-890b08b32586' },
        { name: 'Garden Room', guid: '116beffd-ba5e-5a5d-820a-81c4468bf9cd' },
      ],
    });
    // Saturday is in British Summer Time, Sunday in GMT: the clocks go back overnight.
    expect(days.map((d) => [d.index, d.date, d.day_start, d.day_end])).toEqual([
      [1, '2026-10-24', '2026-10-24T09:30:00+01:00', '2026-10-24T17:00:00+01:00'],
      [2, '2026-10-25', '2026-10-25T09:30:00+00:00', '2026-10-25T16:00:00+00:00'],
    ]);
  });

  it('puts each session in its day and room at its local time, and leaves cancelled ones out', () => {
    const days = json().schedule.conference.days;
    const titles = days.map((d) => Object.fromEntries(Object.entries(d.rooms).map(([room, list]) => [room, list.map((s) => `${s.start} ${s.title}`)])));
    expect(titles).toEqual([
      { 'Main Hall': ['10:00 Opening circle'], 'Committee Room 1': [], 'Garden Room': [] },
      { 'Main Hall': ['10:00 Digital inclusion', '14:00 Open data, maps; and other things'], 'Committee Room 1': [], 'Garden Room': [] },
    ]);
    expect(days[0]!.rooms['Main Hall']![0]).toEqual({
      guid: guids.opening,
      id: 101,
      date: '2026-10-24T10:00:00+01:00',
      start: '10:00',
      end: '2026-10-24T10:45:00+01:00',
      duration: '00:45',
      room: 'Main Hall',
      slug: 'localgovcamp2026-101-opening-circle',
      url: 'https://camp.example.org/events/localgovcamp-2026/pitches/101',
      title: 'Opening circle',
      subtitle: '',
      track: null,
      type: 'discussion',
      language: null,
      abstract: 'Introductions and the shape of the day.',
      description: null,
      persons: [{ guid: guids.ada, name: 'Ada Okafor' }],
      links: [],
    });
    expect(days[1]!.rooms['Main Hall']![0]!.date).toBe('2026-10-25T10:00:00+00:00');
  });

  it('still lists a session whose room and day the layout no longer has', () => {
    const grid = publishedGrid({
      sessions: [publishedSession({ pitchId: 7, title: 'Late addition', roomId: 9, roomName: 'Marquee', date: '2026-10-26', startsAt: london('2026-10-26', '09:00'), endsAt: london('2026-10-26', '10:30') })],
    });
    const schedule = scheduleJson(grid, options) as unknown as Json;
    expect(jsonScheduleErrors(schedule)).toEqual([]);
    const last = schedule.schedule.conference.days[2]!;
    expect([last.date, last.day_start, last.day_end, last.rooms['Marquee']!.map((s) => [s.title, s.duration])]).toEqual([
      '2026-10-26', '2026-10-26T09:00:00+00:00', '2026-10-26T10:30:00+00:00', [['Late addition', '01:30']],
    ]);
  });

  it('stays valid with hostile text and a slug that is only hyphens and digits', () => {
    const grid = campV2();
    grid.event = { ...grid.event, slug: 'lgc-26', name: 'Camp "<b>&</b>"' };
    grid.sessions[0] = { ...grid.sessions[0]!, title: '日本 🎪', facilitators: [{ key: 'w9', name: 'Zoë; <script>alert(1)</script>' }] };
    const schedule = scheduleJson(grid, options) as unknown as Json;
    expect(jsonScheduleErrors(schedule)).toEqual([]);
    const opening = schedule.schedule.conference.days[0]!.rooms['Main Hall']![0]!;
    expect([schedule.schedule.conference.acronym, opening.slug, opening.title]).toEqual(['lgc26', 'lgc26-101-session', '日本 🎪']);
  });
});

describe('acronyms', () => {
  it('drop hyphens and anything else the format forbids, padding very short slugs', () => {
    expect(['localgovcamp-2026', 'UKGovcamp-26', 'lgc', 'camp.2026'].map(acronymOf)).toEqual(['localgovcamp2026', 'ukgovcamp26', 'lgc_', 'camp2026']);
  });
});

describe('schedule.xml', () => {
  it('is valid against the c3voc XSD (xmllint)', async () => {
    expect(await xmlScheduleErrors(scheduleXml(campV2(), options))).toBe('');
  });

  it('holds the same schedule as the JSON: days, rooms, sessions, persons', async () => {
    const xml = scheduleXml(campV2(), options);
    const read = async (xpath: string) => (await xmllint(xml, ['--xpath', xpath])).stdout.trim();
    expect(await read('string(/schedule/version)')).toBe('v2');
    expect(await read('string(/schedule/conference/acronym)')).toBe('localgovcamp2026');
    expect(await read('count(//event)')).toBe('3');
    expect(await read('string(//day[@index="2"]/@start)')).toBe('2026-10-25T09:30:00+00:00');
    expect(await read(`string(//event[@guid="${guids.opening}"]/date)`)).toBe('2026-10-24T10:00:00+01:00');
    expect(await read(`string(//event[@guid="${guids.opening}"]/persons/person[@guid="${guids.ada}"])`)).toBe('Ada Okafor');
    expect(await read('string(//day[@index="2"]/room[@name="Main Hall"]/event[2]/title)')).toBe('Open data, maps; and other things');
    expect(await read('count(//event[@id="104"])')).toBe('0');
  });

  it('escapes hostile text so it stays valid and reads back exactly', async () => {
    const hostile = 'A & B <script>alert("x")</script> \'quoted\' ]]> Zoë 🎪';
    const grid = campV2();
    grid.event = { ...grid.event, name: hostile };
    grid.sessions[0] = { ...grid.sessions[0]!, title: `${hostile}\u0007`, roomName: `Hall "${hostile}"\nfloor 2`, facilitators: [{ key: 'u1', name: hostile }] };
    const xml = scheduleXml(grid, { ...options, rooms: [{ id: 1, name: `Hall "${hostile}"\nfloor 2` }] });
    expect(await xmlScheduleErrors(xml)).toBe('');
    // xmllint ends what it prints with one line break of its own.
    const read = async (xpath: string) => (await xmllint(xml, ['--xpath', xpath])).stdout.replace(/\n$/, '');
    expect(await read('string(/schedule/conference/title)')).toBe(hostile);
    // The bell character cannot be carried by XML 1.0 at all, so it is dropped.
    expect(await read('string(//event[@id="101"]/title)')).toBe(hostile);
    expect(await read('string(//event[@id="101"]/persons/person)')).toBe(hostile);
    expect(await read('string(//day[@index="1"]/room[1]/@name)')).toBe(`Hall "${hostile}"\nfloor 2`);
  });
});
