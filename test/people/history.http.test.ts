import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPersonByEmail } from '../../src/people/people.ts';
import { decodeEntities } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { campOf, importedYear, registerFor } from '../helpers/history.ts';
import { person, signedInAgent } from '../helpers/people.ts';

const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

describe('first camp and history, as organisers and attendees see them', () => {
  let t: TestApp;
  beforeEach(async () => (t = await makeApp()));
  afterEach(async () => t.close());

  it('the organiser sees both what people said and what check-ins say, on the list, each attendee and the CSV', async () => {
    importedYear(t.db, t.clock.now(), 2025, [['returner@example.org', 'Checked In']]);
    const camp = campOf(t.db, t.clock.now(), 2027);
    const said = registerFor(t.db, t.clock.now(), camp, 'returner@example.org', true);
    registerFor(t.db, t.clock.now(), camp, 'newcomer@example.org', true);
    const organiser = await signedInAgent(t.app, person(t.db, 'owner@example.org'));
    const list = text((await organiser.get(`/organise/events/${camp.slug}/attendees`)).body);
    expect(list).toContain('Said this is their first camp , but they checked in at LocalGovCamp 2025');
    expect(list).toContain('First camp here: never checked in at an earlier camp');
    const one = text((await organiser.get(`/organise/events/${camp.slug}/attendees/${said.id}`)).body);
    expect(one).toContain('First camp Said this is their first camp , but they checked in at LocalGovCamp 2025');
    const csv = (await organiser.get(`/organise/events/${camp.slug}/attendees.csv`)).body;
    expect(csv).toContain('First camp here (from check-ins)');
    expect(csv).toMatch(/returner@example\.org,.*,yes,.*,no: LocalGovCamp 2025\r\n/);
  });

  it('where the site has no earlier camps, says that only their word exists', async () => {
    const camp = campOf(t.db, t.clock.now(), 2027);
    const r = registerFor(t.db, t.clock.now(), camp, 'someone@example.org', true);
    const organiser = await signedInAgent(t.app, person(t.db, 'owner@example.org'));
    const one = text((await organiser.get(`/organise/events/${camp.slug}/attendees/${r.id}`)).body);
    expect(one).toContain('Said this is their first camp (only their word: no earlier camps here to check)');
  });

  it('/me lists the person’s camps, earlier years’ imports included, and where their answer and the records differ', async () => {
    importedYear(t.db, t.clock.now(), 2025, [['returner@example.org', 'Checked In']]);
    const camp = campOf(t.db, t.clock.now(), 2027);
    registerFor(t.db, t.clock.now(), camp, 'returner@example.org', true);
    const me = await signedInAgent(t.app, findPersonByEmail(t.db, 'returner@example.org')!);
    const page = text((await me.get('/me')).body);
    expect(page).toContain('Your camps');
    expect(page).toContain('LocalGovCamp 2025 (Thursday 19 June 2025): you came (checked in), from the organisers’ earlier records');
    expect(page).toContain('LocalGovCamp 2027 (Saturday 19 June 2027): registered');
    expect(page).toContain('First camp: You said this is your first camp , but you checked in at LocalGovCamp 2025');
  });
});
