import { inArray } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { toCsv } from '../csv.ts';
import { withDates } from '../events/events.ts';
import { events } from '../events/events.table.ts';
import { nations } from '../organisations/register.ts';
import { confirmedPlaces, currentCouncils, type Council } from './places.ts';

/** A council with the camps here it has been to (none: never reached), latest first. */
export interface CouncilWithCamps extends Council {
  camps: Array<{ name: string; slug: string }>;
}

/** Every current council of the register with the published or past camps someone from it came to. */
export function councilsWithCamps(db: Db): CouncilWithCamps[] {
  const camps = withDates(db, db.select().from(events).where(inArray(events.status, ['published', 'archived'])).all());
  camps.sort((a, b) => (b.dates[0] ?? '').localeCompare(a.dates[0] ?? ''));
  const campsOf = new Map<number, Set<number>>();
  for (const place of confirmedPlaces(db, camps.map((c) => c.event.id))) {
    if (place.councilId !== null) campsOf.set(place.councilId, (campsOf.get(place.councilId) ?? new Set()).add(place.eventId));
  }
  return currentCouncils(db).map((council) => {
    const been = campsOf.get(council.id) ?? new Set<number>();
    return { ...council, camps: camps.filter((c) => been.has(c.event.id)).map((c) => ({ name: c.event.name, slug: c.event.slug })) };
  });
}

export const reachChoices = { all: 'All councils', never: 'Never reached', reached: 'Reached' } as const;
export type ReachChoice = keyof typeof reachChoices;

export interface CouncilFilter {
  nation: string;
  region: string;
  type: string;
  reach: ReachChoice;
}

export interface FilterOptions {
  nations: readonly string[];
  regions: string[];
  types: string[];
}

/** What the filter form offers: the nations, and the regions and types the register has. */
export function filterOptions(councils: Council[]): FilterOptions {
  const distinct = (values: string[]) => [...new Set(values.filter((v) => v !== ''))].sort((a, b) => a.localeCompare(b));
  return { nations, regions: distinct(councils.map((c) => c.region)), types: distinct(councils.map((c) => c.councilType)) };
}

/**
 * Reads the filter from the query string. Empty means "any"; anything the form does not offer
 * (a hand-edited address) is named in an error rather than quietly matching nothing.
 */
export function readCouncilFilter(query: Partial<Record<keyof CouncilFilter, string>>, options: FilterOptions): { filter: CouncilFilter; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const pick = (field: 'nation' | 'region' | 'type', allowed: readonly string[], what: string) => {
    const value = (query[field] ?? '').trim();
    if (value === '' || allowed.includes(value)) return value;
    errors[field] = `“${value.slice(0, 60)}” is not a ${what} in the register. Choose one from the list`;
    return '';
  };
  const filter: CouncilFilter = {
    nation: pick('nation', options.nations, 'nation'),
    region: pick('region', options.regions, 'region'),
    type: pick('type', options.types, 'type of council'),
    reach: 'all',
  };
  const reach = (query.reach ?? '').trim();
  if (reach === '' || Object.hasOwn(reachChoices, reach)) filter.reach = (reach || 'all') as ReachChoice;
  else errors.reach = 'Choose all councils, never reached or reached';
  return { filter, errors };
}

export function filterCouncils(councils: CouncilWithCamps[], f: CouncilFilter): CouncilWithCamps[] {
  return councils.filter(
    (c) =>
      (f.nation === '' || c.nation === f.nation) &&
      (f.region === '' || c.region === f.region) &&
      (f.type === '' || c.councilType === f.type) &&
      (f.reach === 'all' || (f.reach === 'never') === (c.camps.length === 0)),
  );
}

/** The filtered list for outreach: one council a row, with its register code and the camps it came to. */
export function councilsCsv(councils: CouncilWithCamps[]): string {
  return toCsv([
    ['Council', 'Code', 'Nation', 'Region', 'Type', 'Camps been to', 'Camps'],
    ...councils.map((c) => [c.name, c.code, c.nation, c.region, c.councilType, c.camps.length, c.camps.map((k) => k.name).join('; ')]),
  ]);
}

/** The filter as a query string, for the CSV link and the map's caption. */
export function filterQuery(f: CouncilFilter): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== '' && v !== 'all') params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}
