import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { withDates } from '../events/events.ts';
import { nations } from '../organisations/register.ts';
import { firstCampFacts } from '../people/history.ts';
import { confirmedPlaces, currentCouncils, type Council, type PlaceFromCouncil } from './places.ts';
import { published, publishedParts, publishedShare, type PublishedCount, type PublishedShare } from './small-counts.ts';

/** People and councils of one nation, and of each of its regions (England has nine; the others are one region each). */
export interface NationReach {
  nation: string;
  people: PublishedCount;
  councils: number;
  councilsInRegister: number;
  regions: Array<{ region: string; people: PublishedCount; councils: number; councilsInRegister: number }>;
}

/** What a camp, or the site's public camps together, reached: counts of people are published only as the small-count rule allows. */
export interface Reach {
  people: PublishedCount;
  firstTimers: PublishedCount;
  firstTimerShare: PublishedShare;
  councillors: PublishedCount;
  notFromACouncil: PublishedCount;
  /** The councils people came from: organisations, so named, A to Z. */
  councils: Array<Pick<Council, 'name' | 'code' | 'nation' | 'region'>>;
  byNation: NationReach[];
}

interface Person {
  personId: number;
  councillor: boolean;
  councilId: number | null;
  firstTimer: boolean | null;
}

/** One person a mailbox, whatever their number of places: their first place's council; a councillor on any. */
function peopleOf(places: PlaceFromCouncil[]): Map<string, Person & { said: boolean | null }> {
  const found = new Map<string, Person & { said: boolean | null }>();
  for (const p of places) {
    const known = found.get(p.mailbox);
    if (!known) found.set(p.mailbox, { personId: p.personId, councillor: p.councillor, councilId: p.councilId, firstTimer: null, said: p.saidFirstCamp });
    else {
      known.councillor ||= p.councillor;
      known.councilId ??= p.councilId;
      if (p.saidFirstCamp !== null) known.said = (known.said ?? false) || p.saidFirstCamp;
    }
  }
  return found;
}

function reachOf(people: Person[], register: Council[]): Reach {
  const councilById = new Map(register.map((c) => [c.id, c]));
  const fromCouncil = people.map((p) => ({ ...p, council: p.councilId === null ? undefined : councilById.get(p.councilId) }));
  const reached = new Set(fromCouncil.filter((p) => p.council).map((p) => p.council!.id));
  const councils = register.filter((c) => reached.has(c.id));
  const knownFirst = people.filter((p) => p.firstTimer !== null);
  const firstTimers = knownFirst.filter((p) => p.firstTimer).length;

  const peopleIn = (test: (c: Council) => boolean) => fromCouncil.filter((p) => p.council && test(p.council)).length;
  const nationCounts = nations.map((n) => peopleIn((c) => c.nation === n));
  const notFromACouncil = fromCouncil.filter((p) => !p.council).length;
  const nationPublished = publishedParts([...nationCounts, notFromACouncil]);
  const byNation = nations.map((nation, i) => {
    const regionNames = [...new Set(register.filter((c) => c.nation === nation).map((c) => c.region))].sort((a, b) => a.localeCompare(b));
    const regionPublished = publishedParts(regionNames.map((r) => peopleIn((c) => c.nation === nation && c.region === r)));
    return {
      nation,
      people: nationPublished[i]!,
      councils: councils.filter((c) => c.nation === nation).length,
      councilsInRegister: register.filter((c) => c.nation === nation).length,
      // A nation that is one region (Scotland, Wales, Northern Ireland) is not said twice.
      regions:
        regionNames.length === 1 && regionNames[0] === nation
          ? []
          : regionNames.map((region, j) => ({
              region,
              people: nationPublished[i]!.count === null ? published(0) : regionPublished[j]!,
              councils: councils.filter((c) => c.nation === nation && c.region === region).length,
              councilsInRegister: register.filter((c) => c.nation === nation && c.region === region).length,
            })),
    };
  });
  return {
    people: published(people.length),
    firstTimers: published(firstTimers),
    firstTimerShare: publishedShare(firstTimers, knownFirst.length),
    councillors: published(people.filter((p) => p.councillor).length),
    notFromACouncil: nationPublished[nations.length]!,
    councils: councils.map(({ name, code, nation, region }) => ({ name, code, nation, region })),
    byNation,
  };
}

/**
 * A camp's reach: the people with a confirmed place (one a mailbox), how many were first-timers
 * (a fact where the site has earlier camps, their own word where not), councillors, and the
 * councils they came from, by nation and region.
 */
export function campReach(db: Db, event: CampEvent): Reach {
  const people = [...peopleOf(confirmedPlaces(db, [event.id])).values()];
  const fact = firstCampFacts(db, event.id, people.map((p) => p.personId));
  return reachOf(
    people.map((p) => {
      const f = fact(p.personId, p.said);
      return { ...p, firstTimer: f.firstHere ?? f.said };
    }),
    currentCouncils(db),
  );
}

export interface CampInReach {
  event: Pick<CampEvent, 'name' | 'slug'>;
  dates: string[];
  reach: Reach;
}

export type OverallReach = Omit<Reach, 'firstTimers' | 'firstTimerShare'>;

/** The site's public camps together: each camp's reach, and everyone across them once. */
export function siteReach(db: Db, camps: CampEvent[]): { camps: CampInReach[]; overall: OverallReach } {
  const dated = withDates(db, camps).sort((a, b) => (b.dates[0] ?? '').localeCompare(a.dates[0] ?? ''));
  const each = dated.map((d) => ({ event: { name: d.event.name, slug: d.event.slug }, dates: d.dates, reach: campReach(db, d.event) }));
  // Everyone across the camps once; first-timers are a camp's own figure, so given camp by camp.
  const people = [...peopleOf(confirmedPlaces(db, camps.map((c) => c.id))).values()].map((p) => ({ ...p, firstTimer: null }));
  const { firstTimers: _f, firstTimerShare: _s, ...overall } = reachOf(people, currentCouncils(db));
  return { camps: each, overall };
}
