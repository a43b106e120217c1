import ICAL from 'ical.js';
import * as nodeIcal from 'node-ical';
import { expect } from 'vitest';

/** What a calendar app reads from one VEVENT. Times as ISO instants. */
export interface SeenEvent {
  uid: string;
  sequence: number;
  start: string;
  end: string;
  stamp: string;
  lastModified: string;
  summary: string;
  location: string;
  description: string;
  url: string;
  status: string;
}

export interface SeenCalendar {
  name: string;
  description: string;
  refreshInterval: string;
  ttl: string;
  events: SeenEvent[];
}

/** ical.js leaves X- and RFC 7986 properties as raw text; decode them as TEXT, as an app would. */
const icalText = (raw: unknown): string => ICAL.design.icalendar.value.text!.fromICAL!(String(raw)) as string;

function viaIcalJs(ics: string): SeenCalendar {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    name: icalText(calendar.getFirstPropertyValue('x-wr-calname')),
    description: icalText(calendar.getFirstPropertyValue('x-wr-caldesc')),
    refreshInterval: String(calendar.getFirstPropertyValue('refresh-interval')),
    ttl: String(calendar.getFirstPropertyValue('x-published-ttl')),
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      const instant = (name: string) => (component.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
      return {
        uid: event.uid,
        sequence: event.sequence,
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
        stamp: instant('dtstamp'),
        lastModified: instant('last-modified'),
        summary: event.summary,
        location: event.location,
        description: event.description,
        url: String(component.getFirstPropertyValue('url')),
        status: String(component.getFirstPropertyValue('status')),
      };
    }),
  };
}

function viaNodeIcal(ics: string): SeenCalendar {
  const parsed = nodeIcal.sync.parseICS(ics);
  const calendar = parsed.vcalendar as unknown as Record<string, string>;
  const refresh = (parsed as unknown as Record<string, { val: string }>)['refresh-interval'];
  const text = (value: unknown) => (typeof value === 'object' && value && 'val' in value ? String((value as { val: unknown }).val) : String(value));
  return {
    name: calendar['WR-CALNAME']!,
    description: calendar['WR-CALDESC']!,
    refreshInterval: refresh!.val,
    ttl: calendar['PUBLISHED-TTL']!,
    events: Object.values(parsed)
      .filter((c): c is nodeIcal.VEvent => c?.type === 'VEVENT')
      .map((e) => ({
        uid: e.uid,
        sequence: Number(e.sequence),
        start: new Date(e.start).toISOString(),
        end: new Date(e.end!).toISOString(),
        stamp: new Date(e.dtstamp).toISOString(),
        lastModified: new Date(e.lastmodified!).toISOString(),
        summary: text(e.summary),
        location: text(e.location),
        description: text(e.description),
        url: text(e.url),
        status: String(e.status),
      })),
  };
}

/** Reads a feed with two independent parsers, which must agree; returns what they read. */
export function readCalendar(ics: string): SeenCalendar {
  const fromIcalJs = viaIcalJs(ics);
  expect(viaNodeIcal(ics)).toEqual(fromIcalJs);
  return fromIcalJs;
}
