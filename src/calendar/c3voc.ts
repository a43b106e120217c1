import { openSchedule, type OpenSession, type ScheduleOptions } from './open-schedule.ts';
import type { GridWithOutputs, ScheduleReference } from './session-outputs.ts';

/**
 * The frab/c3voc schedule formats (`schedule.json`, `schedule.xml`) that pretalx and frab
 * publish and that conference apps (Giggity, EventFahrplan, ConfClerk) and video teams read.
 * Both are checked in tests against the format's own JSON Schema and XSD.
 */

export type { ScheduleOptions } from './open-schedule.ts';

/** The schedule as a c3voc `schedule.json` object: serialise it with JSON.stringify. */
export function scheduleJson(grid: GridWithOutputs, options: ScheduleOptions): Record<string, unknown> {
  const schedule = openSchedule(grid, options);
  return {
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: { name: 'Campgrid' },
    schedule: {
      version: schedule.version,
      base_url: schedule.baseUrl,
      conference: {
        acronym: schedule.acronym,
        title: schedule.title,
        ...(schedule.description ? { description: schedule.description } : {}),
        start: schedule.start,
        end: schedule.end,
        daysCount: schedule.days.length,
        timeslot_duration: schedule.timeslotDuration,
        // The schema only knows Area/City names (and UTC); leave out a zone it would reject.
        ...(/^([A-Z][a-z]+\/[A-Z][a-z]+)|UTC$/.test(schedule.timeZone) ? { time_zone_name: schedule.timeZone } : {}),
        url: schedule.url,
        rooms: schedule.rooms,
        days: schedule.days.map((day) => ({
          index: day.index,
          date: day.date,
          day_start: day.start,
          day_end: day.end,
          // Keyed by name, as the format is; two rooms that share a name share a column.
          rooms: day.rooms.reduce<Record<string, unknown[]>>((byName, room) => {
            byName[room.name] = [...(byName[room.name] ?? []), ...room.sessions.map(jsonSession)];
            return byName;
          }, {}),
        })),
      },
    },
  };
}

function jsonSession(s: OpenSession): Record<string, unknown> {
  return {
    guid: s.guid,
    id: s.id,
    date: s.date,
    start: s.start,
    end: s.end,
    duration: s.duration,
    room: s.room,
    slug: s.slug,
    url: s.url,
    title: s.title,
    subtitle: '',
    track: null,
    type: s.type,
    language: null,
    abstract: s.abstract,
    description: null,
    persons: s.persons,
    links: s.links,
    ...(s.attachments.length ? { attachments: s.attachments } : {}),
  };
}

/** The schedule as a c3voc `schedule.xml` document. */
export function scheduleXml(grid: GridWithOutputs, options: ScheduleOptions): string {
  const schedule = openSchedule(grid, options);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<schedule>',
    '  <generator name="Campgrid"/>',
    `  <version>${text(schedule.version)}</version>`,
    '  <conference>',
    `    <title>${text(schedule.title)}</title>`,
    `    <acronym>${text(schedule.acronym)}</acronym>`,
    `    <start>${schedule.start}</start>`,
    `    <end>${schedule.end}</end>`,
    `    <days>${schedule.days.length}</days>`,
    `    <timeslot_duration>${schedule.timeslotDuration}</timeslot_duration>`,
    `    <base_url>${text(schedule.baseUrl)}</base_url>`,
    `    <url>${text(schedule.url)}</url>`,
    `    <time_zone_name>${text(schedule.timeZone)}</time_zone_name>`,
    '  </conference>',
    ...schedule.days.flatMap((day) => [
      `  <day index="${day.index}" date="${day.date}" start="${day.start}" end="${day.end}">`,
      ...day.rooms.flatMap((room) => [
        `    <room name="${attribute(room.name)}" guid="${room.guid}">`,
        ...room.sessions.flatMap(xmlSession),
        '    </room>',
      ]),
      '  </day>',
    ]),
    '</schedule>',
  ];
  return lines.join('\n') + '\n';
}

function xmlSession(s: OpenSession): string[] {
  return [
    `      <event id="${s.id}" guid="${s.guid}">`,
    `        <room>${text(s.room)}</room>`,
    `        <title>${text(s.title)}</title>`,
    `        <subtitle></subtitle>`,
    `        <type>${text(s.type)}</type>`,
    `        <date>${s.date}</date>`,
    `        <start>${s.start}</start>`,
    `        <duration>${s.duration}</duration>`,
    `        <abstract>${text(s.abstract)}</abstract>`,
    `        <slug>${s.slug}</slug>`,
    `        <track></track>`,
    `        <persons>`,
    ...s.persons.map((p) => `          <person guid="${p.guid}">${text(p.name)}</person>`),
    `        </persons>`,
    `        <url>${text(s.url)}</url>`,
    ...references('links', 'link', s.links),
    ...references('attachments', 'attachment', s.attachments),
    `      </event>`,
  ];
}

function references(list: string, item: string, references: ScheduleReference[]): string[] {
  if (!references.length) return [];
  return [`        <${list}>`, ...references.map((r) => `          <${item} href="${attribute(r.url)}" type="${r.type}">${text(r.title)}</${item}>`), `        </${list}>`];
}

/** Characters XML 1.0 cannot carry at all (most control characters, lone surrogates) are dropped. */
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value: string): string {
  return value.replace(notXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Line breaks and tabs as references, so attribute normalisation does not turn them into spaces. */
function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
