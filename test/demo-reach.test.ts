import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoCamp } from '../src/demo/seed.ts';
import { findPersonByEmail } from '../src/people/people.ts';
import { campHistoryOf, firstCampFacts } from '../src/people/history.ts';
import { organisationFor } from '../src/organisations/names.ts';
import { unmatchedOrganisations } from '../src/organisations/review.ts';
import { daysOf, findEventBySlug } from '../src/events/events.ts';
import { eventInsights } from '../src/insights/event-insights.ts';
import { attendeeList } from '../src/tickets/organiser-view.ts';
import { makeApp, testNow, type TestApp } from './helpers/app.ts';

describe('the demo camp’s organisations and history', () => {
  let t: TestApp;
  beforeEach(async () => (t = await makeApp()));
  afterEach(async () => t.close());

  it('has organisations matched to real councils, and some left for organisers to review', () => {
    seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
    expect(organisationFor(t.db, 'camden council')?.name).toBe('London Borough of Camden');
    expect(organisationFor(t.db, 'Derry City & Strabane District Council')?.code).toBe('DRS');
    expect(unmatchedOrganisations(t.db).map((u) => u.text).sort()).toEqual(['Civic Code Ltd', 'Digital Inclusion Trust', 'Frome Town Council', 'Leeds Citty Council', 'Open Data Anytown', 'Riverside Housing Association']);
  });

  it('has three earlier camps, so first-timers and returners are facts', () => {
    const event = seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
    const rows = attendeeList(t.db, event.id, {}, 1000);
    const facts = firstCampFacts(t.db, event.id, rows.map((r) => r.registration.personId));
    const firstHere = rows.map((r) => facts(r.registration.personId, r.registration.firstCamp).firstHere);
    expect(firstHere.filter((f) => f === true).length).toBeGreaterThan(100);
    expect(firstHere.filter((f) => f === false).length).toBeGreaterThan(50);
    const history = campHistoryOf(t.db, findPersonByEmail(t.db, rows.find((_r, i) => firstHere[i] === false)!.email)!);
    expect(history.filter((c) => c.attended && c.imported).length).toBeGreaterThan(0);
  });

  it('was rolled over from last year’s camp, so its insights compare with it by default', () => {
    const event = findEventBySlug(t.db, seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir).slug)!;
    const insights = eventInsights(t.db, testNow, event, findPersonByEmail(t.db, 'organiser@demo.campgrid.example')!);
    // The most recent of the three earlier camps.
    const lastYear = Number(daysOf(t.db, event.id)[0]!.date.slice(0, 4)) - 1;
    expect(insights.comparison).toMatchObject({ isCopiedFrom: true, event: { slug: `anytown-localgovcamp-${lastYear}` } });
    expect(insights.comparison!.figures.people).toBeGreaterThan(50);
    expect(insights.themes.length).toBeGreaterThan(0);
  });
});
