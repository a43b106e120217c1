import { toCsv } from '../csv.ts';
import type { CampInReach, OverallReach, Reach } from './figures.ts';
import { countText, fewerThan, shareText } from './small-counts.ts';

/** The terms every public reach output carries. */
export const reachLicence = {
  figures: 'CC BY 4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  councilsData: 'Councils: UK Local Authority Names and Codes by mySociety (https://mysociety.github.io/uk_local_authority_names_and_codes/), CC BY 4.0',
  mapData: 'Map outline: Natural Earth (https://www.naturalearthdata.com/), public domain',
  smallCounts: `A count of people under ${fewerThan} is never published: in JSON it is {"count": null, "fewerThan": ${fewerThan}}, in CSV and on the page "fewer than ${fewerThan}". Where hiding one count would let it be worked out from a total, another is hidden too: {"count": null, "withheld": "…"} in JSON, "not published" in CSV and on the page; and a share is published only when both its part and the rest are ${fewerThan} or more.`,
};

const about = (attribution: string) => ({ licence: { ...reachLicence, attribution } });

export function campReachJson(camp: { name: string; slug: string; url: string; dates: string[] }, reach: Reach, attribution: string) {
  return { ...about(attribution), camp, ...reach };
}

export function siteReachJson(url: string, site: { camps: CampInReach[]; overall: OverallReach }, attribution: string) {
  return { ...about(attribution), url, ...site.overall, camps: site.camps.map((c) => ({ name: c.event.name, slug: c.event.slug, dates: c.dates, ...c.reach })) };
}

type Row = [figure: string, camp: string, nation: string, region: string, value: string | number];

function reachRows(reach: Reach | OverallReach, camp: string): Row[] {
  const rows: Row[] = [['people', camp, '', '', countText(reach.people)]];
  if ('firstTimers' in reach) rows.push(['first-timers', camp, '', '', countText(reach.firstTimers)], ['first-timer share', camp, '', '', shareText(reach.firstTimerShare)]);
  rows.push(['councillors', camp, '', '', countText(reach.councillors)], ['people not from a council', camp, '', '', countText(reach.notFromACouncil)], ['councils represented', camp, '', '', reach.councils.length]);
  for (const n of reach.byNation) {
    rows.push(['people', camp, n.nation, '', countText(n.people)], ['councils represented', camp, n.nation, '', n.councils]);
    for (const r of n.regions) rows.push(['people', camp, n.nation, r.region, countText(r.people)], ['councils represented', camp, n.nation, r.region, r.councils]);
  }
  for (const c of reach.councils) rows.push(['council represented', camp, c.nation, c.region, c.name]);
  return rows;
}

/** One figure a row: what, for which camp (blank: all), nation, region, and its value as published; the licence first. */
function csvOf(rows: Row[], attribution: string): string {
  return toCsv([
    ['figure', 'camp', 'nation', 'region', 'value'],
    ['licence', '', '', '', `${reachLicence.figures} ${reachLicence.url}; attribution: ${attribution}`],
    ['source', '', '', '', reachLicence.councilsData],
    ['small counts', '', '', '', `Counts of people under ${fewerThan} are given as “fewer than ${fewerThan}”`],
    ...rows,
  ]);
}

export function campReachCsv(campName: string, reach: Reach, attribution: string): string {
  return csvOf(reachRows(reach, campName), attribution);
}

export function siteReachCsv(site: { camps: CampInReach[]; overall: OverallReach }, attribution: string): string {
  return csvOf([...reachRows(site.overall, ''), ...site.camps.flatMap((c) => reachRows(c.reach, c.event.name))], attribution);
}
