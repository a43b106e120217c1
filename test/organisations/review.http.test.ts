import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inviteOrganiser } from '../../src/events/organisers.ts';
import { organisationFor } from '../../src/organisations/names.ts';
import { unmatchedOrganisations } from '../../src/organisations/review.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import { importAttendees } from '../../src/tickets/import.ts';
import { Agent, errorSummary } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { attendee, links, publishedCamp, ticketType } from '../helpers/tickets.ts';

describe('/organise/organisations: reviewing what matches no council', () => {
  let t: TestApp;
  let event: ReturnType<typeof publishedCamp>['event'];
  beforeEach(async () => {
    t = await makeApp();
    event = publishedCamp(t.db, t.clock.now()).event;
    const type = ticketType(t.db, t.clock.now(), event, { capacity: 100 });
    for (const organisation of ['Brizzle Council', 'brizzle council', 'Acme Digital Ltd', 'Bristol City Council']) {
      registerAttendee(t.db, t.clock.now(), links, { event, type, details: attendee({ organisation }) });
    }
  });
  afterEach(async () => t.close());

  const teamMember = async (role: 'owner' | 'organiser' | 'helper') => {
    const owner = person(t.db, 'owner@example.org');
    const email = `${role}-member@example.org`;
    if (role !== 'owner') inviteOrganiser(t.db, t.clock.now(), { event, email, role, invitedBy: owner, baseUrl: 'http://campgrid.test' });
    return signedInAgent(t.app, person(t.db, role === 'owner' ? 'owner@example.org' : email));
  };

  it('lists each unmatched spelling once, with its registrations, for an event’s organiser', async () => {
    const organiser = await teamMember('organiser');
    const page = await organiser.get('/organise/organisations');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Brizzle Council');
    expect(page.body).toContain('2 registrations');
    expect(page.body).toContain('Acme Digital Ltd');
    expect(page.body).not.toContain('>Bristol City Council<');
    expect(page.body).toContain('<datalist id="councils">');
    expect(page.body).toContain('CC BY 4.0');
    expect((await organiser.get('/organise')).body).toContain('href="/organise/organisations"');
  });

  it('assigns ticked names to a council in one go, and says so', async () => {
    const organiser = await teamMember('owner');
    await organiser.get('/organise/organisations');
    const keys = unmatchedOrganisations(t.db).filter((u) => u.text.startsWith('Brizzle')).map((u) => u.key);
    const done = await organiser.post('/organise/organisations', { keys, decision: 'council', council: 'Bristol City Council' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/organise/organisations?decided=1');
    expect((await organiser.get(done.headers.location as string)).body).toContain('1 organisation decided');
    expect(organisationFor(t.db, 'BRIZZLE council')?.name).toBe('Bristol City Council');
    expect(unmatchedOrganisations(t.db).map((u) => u.text)).toEqual(['Acme Digital Ltd']);
  });

  it('lists what organisers decided, a town or parish council with the council it is within', async () => {
    const organiser = await teamMember('organiser');
    await organiser.get('/organise/organisations');
    const acme = unmatchedOrganisations(t.db).find((u) => u.text === 'Acme Digital Ltd')!.key;
    await organiser.post('/organise/organisations', { keys: [acme], decision: 'town-or-parish-council', council: 'City of Bristol' });
    const page = (await organiser.get('/organise/organisations')).body;
    expect(page).toContain('<td class="govuk-table__cell">Acme Digital Ltd</td><td class="govuk-table__cell">A town or parish council within Bristol City Council</td>');
  });

  it('shows what was wrong, with what was chosen, and decides nothing', async () => {
    const organiser = await teamMember('organiser');
    await organiser.get('/organise/organisations');
    const nothing = await organiser.post('/organise/organisations', { council: 'Bristol' });
    expect(nothing.statusCode).toBe(400);
    expect(errorSummary(nothing.body)).toEqual(['Choose at least one organisation', 'Choose what they are']);
    const key = unmatchedOrganisations(t.db)[0]!.key;
    const unknown = await organiser.post('/organise/organisations', { keys: [key], decision: 'town-or-parish-council', council: 'Narnia' });
    expect(unknown.statusCode).toBe(400);
    expect(errorSummary(unknown.body)).toEqual(['No council in the register is called “Narnia”. Choose one of the suggestions']);
    expect(unknown.body).toContain('value="Narnia"');
    expect(unmatchedOrganisations(t.db)).toHaveLength(2);
  });

  it('is refused (403) to helpers and attendees, sends visitors to sign in, and needs the form’s token', async () => {
    const helper = await teamMember('helper');
    expect((await helper.get('/organise/organisations')).statusCode).toBe(403);
    expect((await helper.post('/organise/organisations', { keys: ['acme digital'], decision: 'not-a-council' })).statusCode).toBe(403);
    const attendeeAgent = await signedInAgent(t.app, person(t.db, 'someone@example.org'));
    expect((await attendeeAgent.get('/organise/organisations')).statusCode).toBe(403);
    const visitor = new Agent(t.app);
    const signIn = await visitor.get('/organise/organisations');
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/sign-in?next=%2Forganise%2Forganisations');
    const organiser = await teamMember('organiser');
    expect((await organiser.post('/organise/organisations', { _csrf: 'forged', keys: ['acme digital'], decision: 'not-a-council' })).statusCode).toBe(403);
    expect(unmatchedOrganisations(t.db)).toHaveLength(2);
  });

  it('the registration form suggests councils as you type, without JavaScript', async () => {
    const page = await new Agent(t.app).get(`/events/${event.slug}/register`);
    expect(page.body).toContain('list="councils"');
    expect(page.body).toContain('<option value="Aberdeen City Council"></option>');
  });

  it('the Eventbrite import matches organisations the same way', () => {
    const camp = publishedCamp(t.db, t.clock.now(), 'localgovcamp-2026').event;
    ticketType(t.db, t.clock.now(), camp, { name: 'Camp day', capacity: 10 });
    const csv = 'First Name,Last Name,Email,Ticket Type,Attendee Status,Company\nAda,One,ada@example.org,Camp day,Checked In,London Borough of Camden\nBo,Two,bo@example.org,Camp day,Attending,Anytown Parish Council\n';
    expect(importAttendees(t.db, t.clock.now(), camp, csv).registrations).toBe(2);
    expect(organisationFor(t.db, 'London Borough of Camden')?.code).toBe('CMD');
    expect(unmatchedOrganisations(t.db).map((u) => u.text)).toContain('Anytown Parish Council');
  });
});
