import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/csv.ts';
import { errorSummary } from '../helpers/agent.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { eachCampOfTwelve } from './camp.ts';
import { readMap } from './svg.ts';

describe('/organise/insights/councils: the never-reached list', () => {
  const camp = eachCampOfTwelve();
  const teamMember = (role: 'organiser' | 'helper') => camp.teamMember(role);
  const rowsOf = (html: string) => [...html.matchAll(/<th scope="row" class="govuk-table__header">([^<]+)<\/th>/g)].map((m) => m[1]);

  it('shows an administrator the filtered list, its map with one dot per council, and its CSV', async () => {
    const admin = await signedInAgent(camp.t.app, person(camp.t.db, 'owner@example.org', { administrator: true }));
    expect((await admin.get('/organise')).body).toContain('href="/organise/insights/councils"');
    const page = await admin.get('/organise/insights/councils?nation=Wales&reach=never');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('0 of 21 councils in this list reached; 21 never reached');
    expect(rowsOf(page.body)).toHaveLength(21);
    expect(rowsOf(page.body)).not.toContain('City of Cardiff Council');
    expect(page.body).toContain('<option value="Wales" selected>Wales</option>');
    expect(readMap(page.body)).toMatchObject({ role: 'img', reached: 0, neverReached: 21 });
    expect(page.body).toContain('href="/organise/insights/councils.csv?nation=Wales&amp;reach=never"');

    const csv = await admin.get('/organise/insights/councils.csv?nation=Wales&reach=never');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="councils-never-reached.csv"');
    expect(parseCsv(csv.body).slice(1).map((r) => r[0])).toEqual(rowsOf(page.body));
  });

  it('draws as many reached and never-reached dots as the list has, less those without a location', async () => {
    const admin = await signedInAgent(camp.t.app, person(camp.t.db, 'owner@example.org', { administrator: true }));
    const page = await admin.get('/organise/insights/councils');
    const map = readMap(page.body);
    expect(map.reached).toBe(3);
    expect(map.reached + map.neverReached).toBe(397 - 6);
    expect(page.body).toContain('6 councils have no location in the register, so are not on the map.');
    expect(page.body).toContain('3 of 397 councils in this list reached; 394 never reached');
  });

  it('is open to the organisers of any camp, who run the outreach', async () => {
    const page = await (await teamMember('organiser')).get('/organise/insights/councils?reach=reached');
    expect(rowsOf(page.body)).toEqual(['Bristol City Council', 'City of Cardiff Council', 'London Borough of Camden']);
  });

  it('refuses helpers and attendees (403), and sends visitors to sign in', async () => {
    const helper = await teamMember('helper');
    const attendee = await signedInAgent(camp.t.app, person(camp.t.db, 'camden1@localgovcamp-2027.example.org'));
    for (const url of ['/organise/insights/councils', '/organise/insights/councils.csv']) {
      expect((await helper.get(url)).statusCode).toBe(403);
      expect((await attendee.get(url)).statusCode).toBe(403);
      const visitor = await camp.t.app.inject(url);
      expect(visitor.statusCode).toBe(303);
      expect(visitor.headers.location).toMatch(/^\/sign-in/);
    }
  });

  it('says what is wrong with a filter it does not offer, rather than failing', async () => {
    const admin = await signedInAgent(camp.t.app, person(camp.t.db, 'owner@example.org', { administrator: true }));
    const page = await admin.get('/organise/insights/councils?nation=Narnia&type=%3Cscript%3E');
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)).toEqual(['“Narnia” is not a nation in the register. Choose one from the list', '“<script>” is not a type of council in the register. Choose one from the list']);
    expect(rowsOf(page.body)).toHaveLength(397);
    const csv = await admin.get('/organise/insights/councils.csv?reach=maybe');
    expect(csv.statusCode).toBe(400);
    expect(csv.body).toBe('Choose all councils, never reached or reached');
    expect((await admin.get('/organise/insights/councils?nation=Wales&nation=Scotland')).statusCode).toBe(400);
  });
});
