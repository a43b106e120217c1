import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inviteOrganiser } from '../../src/events/organisers.ts';
import { findEventBySlug } from '../../src/events/events.ts';
import { Agent, errorSummary, inputValue } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { publishedCamp } from '../helpers/tickets.ts';

describe('“Copy this camp” over HTTP', () => {
  let t: TestApp;
  let owner: Agent;
  const eventPage = '/organise/events/localgovcamp-2027';
  beforeEach(async () => {
    t = await makeApp();
    publishedCamp(t.db, t.clock.now());
    owner = await signedInAgent(t.app, person(t.db, 'owner@example.org'));
  });
  afterEach(async () => t.close());

  it('makes next year’s draft in two clicks from the event page, which then says where it came from', async () => {
    const page = await owner.get(eventPage);
    expect(page.body).toContain(`href="${eventPage}/copy">Copy this camp</a>`);
    const form = await owner.get(`${eventPage}/copy`);
    expect([inputValue(form.body, 'weeks'), inputValue(form.body, 'name'), inputValue(form.body, 'slug')]).toEqual(['52', 'LocalGovCamp 2028', 'localgovcamp-2028']);

    const copied = await owner.post(`${eventPage}/copy`, { weeks: '52', name: 'LocalGovCamp 2028', slug: 'localgovcamp-2028' });
    expect(copied.statusCode).toBe(303);
    expect(copied.headers.location).toBe('/organise/events/localgovcamp-2028?done=copied');
    const copy = await owner.get('/organise/events/localgovcamp-2028?done=copied');
    expect(copy.body).toContain('Camp copied.');
    expect(copy.body).toContain(`Copied from <a class="govuk-link" href="${eventPage}">LocalGovCamp 2027</a>.`);
    expect(copy.body).toContain('Saturday 17 June 2028');
    expect(findEventBySlug(t.db, 'localgovcamp-2028')).toMatchObject({ status: 'draft', copiedFromId: findEventBySlug(t.db, 'localgovcamp-2027')!.id });
  });

  it('says what is wrong, keeping what was typed, in the error summary', async () => {
    const response = await owner.post(`${eventPage}/copy`, { weeks: 'next year', name: '', slug: 'LocalGovCamp 2028!' });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Weeks must be a whole number, like 52',
      'Enter the event’s name',
      'Web address can only use lower-case letters, numbers and single hyphens, like localgovcamp-2027',
    ]);
    expect(inputValue(response.body, 'weeks')).toBe('next year');
    const taken = await owner.post(`${eventPage}/copy`, { weeks: '52', name: 'Again', slug: 'localgovcamp-2027' });
    expect(errorSummary(taken.body)).toEqual(['Another event already uses this web address; choose another']);
    const tooFar = await owner.post(`${eventPage}/copy`, { weeks: '0', name: 'Again', slug: 'again' });
    expect(errorSummary(tooFar.body)).toEqual(['Weeks must be between 1 and 520']);
  });

  it('is for owners and organisers: helpers and attendees are refused, visitors sent to sign in', async () => {
    const event = findEventBySlug(t.db, 'localgovcamp-2027')!;
    const inviter = person(t.db, 'owner@example.org');
    for (const [email, role] of [['helper@example.org', 'helper'], ['organiser@example.org', 'organiser']] as const) {
      inviteOrganiser(t.db, t.clock.now(), { event, email, role, invitedBy: inviter, baseUrl: '' });
    }
    const organiser = await signedInAgent(t.app, person(t.db, 'organiser@example.org'));
    const helper = await signedInAgent(t.app, person(t.db, 'helper@example.org'));
    const attendee = await signedInAgent(t.app, registeredAttendee(t.db, event, 'ana@example.org'));
    const visitor = new Agent(t.app);
    await visitor.get('/sign-in');
    const fields = { weeks: '52', name: 'LocalGovCamp 2028', slug: 'localgovcamp-2028' };
    expect((await helper.get(eventPage)).body).not.toContain('Copy this camp');
    for (const agent of [helper, attendee]) {
      expect((await agent.get(`${eventPage}/copy`)).statusCode).toBe(403);
      expect((await agent.post(`${eventPage}/copy`, fields)).statusCode).toBe(403);
    }
    expect((await visitor.get(`${eventPage}/copy`)).headers.location).toMatch(/^\/sign-in\?next=/);
    expect((await visitor.post(`${eventPage}/copy`, fields)).headers.location).toMatch(/^\/sign-in\?next=/);
    expect(findEventBySlug(t.db, 'localgovcamp-2028')).toBeUndefined();
    expect((await organiser.post(`${eventPage}/copy`, fields)).statusCode).toBe(303);
  });
});
