import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampEvent } from '../../src/events/events.ts';
import { solidPng } from '../../src/sponsors/logos.ts';
import { findPackage, type SponsorPackage } from '../../src/sponsors/packages.ts';
import { approveSponsor } from '../../src/sponsors/sponsor-changes.ts';
import { sponsorsOf } from '../../src/sponsors/sponsors.ts';
import { Agent, decodeEntities, errorSummary, inputValue } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { offer, publishedCamp, signUpFields } from './factories.ts';

const png = (w = 240, h = 80) => ({ filename: 'acme.png', contentType: 'image/png', data: solidPng(w, h, [20, 90, 160]) });

describe('the sponsor’s own page', () => {
  let t: TestApp;
  let event: CampEvent;
  let lunch: SponsorPackage;
  let visitor: Agent;
  const page = '/events/localgovcamp-2027/sponsor';

  beforeEach(async () => {
    t = await makeApp();
    event = publishedCamp(t.db, person(t.db, 'dee@example.org', { administrator: true }));
    visitor = new Agent(t.app);
  });
  afterEach(async () => t.close());

  const signUpAs = async (agent: Agent, overrides: Record<string, string>) => {
    await agent.get(page);
    const response = await agent.post(page, signUpFields(lunch.id, overrides));
    return response.headers.location!.split('?')[0]!;
  };
  beforeEach(() => {
    lunch = offer(t.db, event, { name: 'Creche sponsor', available: 5 });
  });

  it('lets the sponsor change their details and logo until approved, then not', async () => {
    const own = await signUpAs(visitor, {});
    const edit = await visitor.get(`${own}/edit`);
    expect(inputValue(edit.body, 'organisationName')).toBe('Acme Digital');
    const bad = await visitor.postMultipart(`${own}/edit`, { ...signUpFields(lunch.id), website: '' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Enter your organisation’s website']);
    const saved = await visitor.postMultipart(`${own}/edit`, { ...signUpFields(lunch.id), organisationName: 'Acme Digital Ltd' }, { logoFile: png(100, 100) });
    expect(saved.statusCode).toBe(303);
    const [sponsor] = sponsorsOf(t.db, event.id);
    expect(sponsor).toMatchObject({ organisationName: 'Acme Digital Ltd', logoWidth: 100 });
    approveSponsor(t.db, t.clock.now(), { event, sponsorId: sponsor!.id, by: { person: person(t.db, 'dee@example.org') }, baseUrl: '' });
    expect((await visitor.get(`${own}/edit`)).statusCode).toBe(303);
    const late = await visitor.postMultipart(`${own}/edit`, { ...signUpFields(lunch.id), organisationName: 'Sneaky rename' });
    expect(errorSummary(late.body)).toEqual(['Your details can only be changed until your sponsorship is approved']);
  });

  it('lets the sponsor withdraw, releasing the package', async () => {
    const own = await signUpAs(visitor, {});
    expect((await visitor.get(`${own}/withdraw`)).body).toContain('Withdraw from sponsoring LocalGovCamp 2027?');
    const response = await visitor.post(`${own}/withdraw`);
    expect(response.headers.location).toBe(`${own}?done=withdrawn`);
    expect(findPackage(t.db, event.id, lunch.id)!.unitsHeld).toBe(0);
    expect(outboxMessages(t.db).at(-1)!.subject).toBe('You have withdrawn from sponsoring LocalGovCamp 2027');
    expect(decodeEntities((await visitor.get(`${own}?done=withdrawn`)).body)).toContain('You have withdrawn. The package is free for someone else.');
  });

  it('is reachable from /me by the contact, and never by another sponsor', async () => {
    await signUpAs(visitor, {});
    await signUpAs(new Agent(t.app), { organisationName: 'Beta Ltd', contactEmail: 'bo@beta.example' });
    const [acmeSponsor, beta] = sponsorsOf(t.db, event.id);
    const ada = await signedInAgent(t.app, person(t.db, 'ada@acme.example'));
    const me = await ada.get('/me');
    expect(me.body).toContain(`<a class="govuk-link" href="/me/sponsorships/${acmeSponsor!.id}">Acme Digital: LocalGovCamp 2027</a> (waiting for approval)`);
    expect(me.body).not.toContain('Beta Ltd');
    expect((await ada.get(`/me/sponsorships/${acmeSponsor!.id}`)).statusCode).toBe(200);
    for (const url of [`/me/sponsorships/${beta!.id}`, `/me/sponsorships/${beta!.id}/edit`, `/me/sponsorships/${beta!.id}/withdraw`, '/me/sponsorships/999999', '/me/sponsorships/abc']) {
      expect((await ada.get(url)).statusCode, url).toBe(404);
    }
    expect((await ada.post(`/me/sponsorships/${beta!.id}/withdraw`)).statusCode).toBe(404);
    expect(beta!.status).toBe('applied');
    expect((await new Agent(t.app).get(`/me/sponsorships/${acmeSponsor!.id}`)).headers.location).toMatch(/^\/sign-in\?next=/);
    expect((await ada.get('/sponsorships/guessed-token-guessed-token-guessed-token-12')).statusCode).toBe(404);
  });
});
