import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/csv.ts';
import { decodeEntities } from '../helpers/agent.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { afterTheCamp, eachCampOfTwelve } from './camp.ts';
import { readMap } from './svg.ts';

describe('/events/:slug/reach and /reach: open figures in which no one can be picked out', () => {
  const camp = eachCampOfTwelve();
  const teamMember = (role: 'organiser' | 'helper') => camp.teamMember(role);
  const visitorGets = (url: string) => camp.t.app.inject(url);

  it('gives 3 councillors as “fewer than 5” and 7 first-timers as 7 on the page, in JSON and in CSV, with no names or emails', async () => {
    camp.t.clock.set(afterTheCamp);
    const page = await visitorGets('/events/localgovcamp-2027/reach');
    expect(page.statusCode).toBe(200);
    const text = decodeEntities(page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
    expect(text).toContain('Councillors fewer than 5');
    expect(text).toContain('First-timers 7 (58% of those we know about)');
    expect(text).toContain('People with a confirmed place 12');
    expect(text).toContain('London Borough of Camden');

    const json = await visitorGets('/events/localgovcamp-2027/reach.json');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const figures = json.json();
    expect(figures.councillors).toEqual({ count: null, fewerThan: 5 });
    expect(figures.firstTimers).toEqual({ count: 7 });
    expect(figures.licence).toMatchObject({ figures: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(figures.licence.councilsData).toContain('mySociety');

    const csv = await visitorGets('/events/localgovcamp-2027/reach.csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(csv.body);
    const value = (figure: string) => rows.find((r) => r[0] === figure && r[2] === '')![4];
    expect(value('councillors')).toBe('fewer than 5');
    expect(value('first-timers')).toBe('7');
    expect(value('licence')).toContain('CC BY 4.0');

    for (const body of [page.body, json.body, csv.body]) {
      expect(body).not.toMatch(/@|Councillor 1|Camden 1|Supplier/);
      // No count under 5 anywhere: the 3 councillors and 2 from Cardiff are never written as numbers.
      expect(body).not.toMatch(/"count":\s*[0-4]\b/);
    }
    expect(rows.filter((r) => r[0] === 'people' && /^[0-4]$/.test(r[4]!))).toEqual([]);
  });

  it('does not exist for visitors before the event (404) while organisers preview it; helpers are not organisers', async () => {
    for (const url of ['/events/localgovcamp-2027/reach', '/events/localgovcamp-2027/reach.json', '/events/localgovcamp-2027/reach.csv']) {
      expect((await visitorGets(url)).statusCode).toBe(404);
    }
    expect((await visitorGets('/events/localgovcamp-2027')).body).not.toContain('/events/localgovcamp-2027/reach"');
    const organiser = await teamMember('organiser');
    const preview = await organiser.get('/events/localgovcamp-2027/reach');
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('A preview: these figures are not public yet');
    expect(preview.headers['cache-control']).toBe('private, no-store');
    expect((await (await teamMember('helper')).get('/events/localgovcamp-2027/reach')).statusCode).toBe(404);
    expect((await visitorGets('/events/no-such-camp/reach.json')).statusCode).toBe(404);
  });

  it('goes public when the organisers choose, and the event page then links to it', async () => {
    const organiser = await teamMember('organiser');
    const setting = await organiser.get('/organise/events/localgovcamp-2027/reach');
    expect(setting.body).toContain('value="after-the-event" checked');
    const saved = await organiser.post('/organise/events/localgovcamp-2027/reach', { publication: 'now' });
    expect(saved.headers.location).toBe('/organise/events/localgovcamp-2027/reach?done=saved');
    expect((await organiser.get(saved.headers.location as string)).body).toContain('Saved: the reach figures go public as you chose');
    expect((await visitorGets('/events/localgovcamp-2027/reach')).statusCode).toBe(200);
    expect((await visitorGets('/events/localgovcamp-2027')).body).toContain('<a class="govuk-link" href="/events/localgovcamp-2027/reach">Who the camp reached</a>');

    // Taken back: gone at once for visitors, though the public page was kept for them a moment ago.
    await organiser.get('/organise/events/localgovcamp-2027/reach');
    await organiser.post('/organise/events/localgovcamp-2027/reach', { publication: 'never' });
    expect((await visitorGets('/events/localgovcamp-2027/reach')).statusCode).toBe(404);

    const wrong = await organiser.post('/organise/events/localgovcamp-2027/reach', { publication: 'tomorrow' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Choose when the reach figures go public');
  });

  it('lets only owners and organisers choose (403 for helpers and attendees; visitors sign in)', async () => {
    expect((await (await teamMember('helper')).get('/organise/events/localgovcamp-2027/reach')).statusCode).toBe(403);
    const attendee = await signedInAgent(camp.t.app, person(camp.t.db, 'camden1@localgovcamp-2027.example.org'));
    expect((await attendee.get('/organise/events/localgovcamp-2027/reach')).statusCode).toBe(403);
    expect((await attendee.post('/organise/events/localgovcamp-2027/reach', { publication: 'now' })).statusCode).toBe(403);
    const visitor = await visitorGets('/organise/events/localgovcamp-2027/reach');
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/sign-in/);
  });

  it('counts on /reach only the camps whose reach is public, with the map and the licence, linked from every page', async () => {
    const before = await visitorGets('/reach');
    expect(before.body).toContain('No camp has published its reach figures yet');
    expect(before.body).toContain('<a class="govuk-footer__link" href="/reach">Who the camps reached</a>');
    camp.t.clock.set(afterTheCamp);
    const after = await visitorGets('/reach');
    expect(after.body).toContain('<a class="govuk-link" href="/events/localgovcamp-2027/reach">LocalGovCamp 2027</a>');
    const map = readMap(after.body);
    expect(map).toMatchObject({ role: 'img', reached: 3 });
    expect(map.reached + map.neverReached).toBe(391);
    expect(after.body).toContain('Natural Earth');
    const json = (await visitorGets('/reach.json')).json();
    expect(json.people).toEqual({ count: 12 });
    expect(json.camps.map((c: { slug: string }) => c.slug)).toEqual(['localgovcamp-2027']);
    const csv = parseCsv((await visitorGets('/reach.csv')).body);
    expect(csv.find((r) => r[0] === 'councillors' && r[1] === 'LocalGovCamp 2027')![4]).toBe('fewer than 5');
    expect(csv[1]![0]).toBe('licence');
  });
});
