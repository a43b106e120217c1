import { count } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { events } from '../events/events.table.ts';
import type { Db } from '../db/open.ts';
import { barChart, lineChart } from './charts.ts';
import { eventNames, eventStarts, placesHeldAt } from './places-held.ts';

/** One year of camps across the site. */
export interface YearFigures {
  year: number;
  camps: number;
  /** People with a confirmed place at any camp that year, once each. */
  people: number;
  /** Of them, people at a camp here for the first time (no confirmed place at an earlier year's camp). */
  newPeople: number;
  /** Councils represented at any camp that year. */
  councils: number;
  /** Councils represented at any camp up to and including that year. */
  councilsSoFar: number;
}

export interface SiteInsights {
  years: YearFigures[];
  totals: { camps: number; people: number; councils: number };
  /** Camps with no days yet have no year, so are left out of the figures. */
  campsWithoutDays: number;
}

/**
 * Camps by year across the whole site (a camp's year is its first day's, in its own time zone):
 * how many camps, people and councils, and councils reached so far. A person is one inbox.
 */
export function siteInsights(db: Db): SiteInsights {
  const starts = eventStarts(db);
  const places = placesHeldAt(db).filter((p) => p.status === 'confirmed');
  const allEvents = eventNames(db, [...new Set([...starts.keys(), ...places.map((p) => p.eventId)])]);
  const zones = new Map([...allEvents.values()].map((e) => [e.id, e.timeZone]));
  const yearOf = new Map([...starts].map(([id, at]) => [id, DateTime.fromMillis(at, { zone: zones.get(id) ?? 'UTC' }).year]));
  const years = [...new Set(yearOf.values())].sort((a, b) => a - b);
  const seenPeople = new Set<string>();
  const seenCouncils = new Set<number>();
  const figures = years.map((year) => {
    const camps = [...yearOf].filter(([, y]) => y === year).map(([id]) => id);
    const held = places.filter((p) => yearOf.get(p.eventId) === year);
    const people = new Set(held.map((p) => p.mailbox));
    const councils = new Set(held.flatMap((p) => (p.council ? [p.council.id] : [])));
    const newPeople = [...people].filter((m) => !seenPeople.has(m)).length;
    for (const m of people) seenPeople.add(m);
    for (const c of councils) seenCouncils.add(c);
    return { year, camps: camps.length, people: people.size, newPeople, councils: councils.size, councilsSoFar: seenCouncils.size };
  });
  const eventCount = db.select({ n: count() }).from(events).get()?.n ?? 0;
  return { years: figures, totals: { camps: yearOf.size, people: seenPeople.size, councils: seenCouncils.size }, campsWithoutDays: eventCount - yearOf.size };
}

/** The site-wide page's charts, as SVG strings. */
export function siteCharts(site: SiteInsights) {
  const last = site.years.at(-1);
  return {
    people: barChart(
      { id: 'chart-people', title: 'People by year', description: site.years.map((y) => `${y.year}: ${y.people} people at ${y.camps} ${y.camps === 1 ? 'camp' : 'camps'}, ${y.newPeople} new.`).join(' ') },
      { bars: site.years.flatMap((y) => [{ label: 'People', value: y.people, group: String(y.year) }, { label: 'New to the camps', value: y.newPeople, group: String(y.year) }]), x: { label: 'People' } },
    ),
    councils: lineChart(
      {
        id: 'chart-councils',
        title: 'Councils reached, each year and so far',
        description: last ? `By ${last.year}, ${last.councilsSoFar} councils reached; ${site.years.map((y) => `${y.year}: ${y.councils}`).join(', ')} in each year.` : 'No camps yet.',
      },
      {
        series: [
          { name: 'So far', points: site.years.map((y) => ({ x: y.year, y: y.councilsSoFar })) },
          { name: 'That year', dashed: true, points: site.years.map((y) => ({ x: y.year, y: y.councils })) },
        ],
        x: { label: 'Year', integer: true },
        y: { label: 'Councils' },
      },
    ),
  };
}
