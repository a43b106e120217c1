import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoCamp } from '../src/demo/seed.ts';
import { findPersonByEmail } from '../src/people/people.ts';
import { campHistoryOf, firstCampFacts } from '../src/people/history.ts';
import { organisationFor } from '../src/organisations/names.ts';
import { unmatchedOrganisations } from '../src/organisations/review.ts';
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
});
