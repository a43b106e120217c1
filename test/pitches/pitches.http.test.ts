import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interest, pitches } from '../../src/pitches/pitches.table.ts';
import { findPersonByEmail } from '../../src/people/people.ts';
import { hidePitch } from '../../src/pitches/moderation.ts';
import { pitchSession, withdrawPitch, type PitchDetails } from '../../src/pitches/pitches.ts';
import { savePitchSettings } from '../../src/pitches/settings.ts';
import { Agent, errorSummary, inputValue } from '../helpers/agent.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { twoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { person, signedInAgent } from '../helpers/people.ts';

const board = '/events/localgovcamp-2027/pitches';
const form = { title: 'Open data for parish councils', description: 'No data team? Come anyway.', format: 'discussion', coFacilitators: '', preferredDay: 'any' };
const details = (title: string): PitchDetails => ({ title, description: '', format: 'discussion', needs: [], doubleLength: false, preferredDayId: null, unavailableSlotIds: [], coFacilitators: [] });

describe('attendees pitching and marking interest through the website', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  let ana: Agent;
  beforeEach(async () => {
    t = await makeApp();
    camp = twoDayCamp(t.db, testNow);
    ana = await signedInAgent(t.app, registeredAttendee(t.db, camp.event, 'ana@example.org', { name: 'Ana' }));
  });
  afterEach(async () => t.close());

  it('lists on /me every pitch the person made, whatever its state, not only those on the grid', async () => {
    const me = findPersonByEmail(t.db, 'ana@example.org')!;
    pitchSession(t.db, testNow, { event: camp.event, person: me, details: details('Open data for parish councils'), baseUrl: '' });
    const withdrawn = pitchSession(t.db, testNow, { event: camp.event, person: me, details: details('Second thoughts'), baseUrl: '' });
    withdrawPitch(t.db, testNow, { event: camp.event, pitch: withdrawn, person: me, baseUrl: '' });
    const hidden = pitchSession(t.db, testNow, { event: camp.event, person: me, details: details('Buy our product'), baseUrl: '' });
    hidePitch(t.db, testNow, { event: camp.event, pitchId: hidden.id, reason: 'Sales pitch', baseUrl: '' });
    const page = (await ana.get('/me')).body.replace(/\s+/g, ' ');
    expect(page).toContain('Open data for parish councils</a> (LocalGovCamp 2027): on the board, not on the grid yet');
    expect(page).toContain('Second thoughts</a> (LocalGovCamp 2027): withdrawn');
    expect(page).toContain('Buy our product</a> (LocalGovCamp 2027): taken off the board by the organisers');
  });

  it('pitches a session that appears on the board and on its own page, with a short printable address', async () => {
    const form2 = await ana.get(`${board}/new`);
    expect(form2.statusCode).toBe(200);
    expect(form2.body).toContain('Which day would you prefer?');
    const posted = await ana.post(`${board}/new`, { ...form, format: 'workshop', needs: ['projector', 'double-length'], preferredDay: String(camp.saturday.id), unavailable: [String(camp.saturdaySlots[0]!.id)] });
    expect(posted.statusCode).toBe(303);
    const id = t.db.select().from(pitches).get()!.id;
    expect(posted.headers.location).toBe(`${board}/${id}?done=pitched`);

    const page = await ana.get(posted.headers.location as string);
    expect(page.body).toContain('<h1 class="govuk-heading-xl">Open data for parish councils</h1>');
    expect(page.body).toContain('Projector or screen, Double length');
    expect(page.body).toContain('Camp day, Saturday 19 June 2027');
    expect(page.body).toContain(`campgrid.test/p/${id}`);
    const listed = await new Agent(t.app).get(board);
    expect(listed.body).toContain(`<a class="govuk-link" href="${board}/${id}">Open data for parish councils</a>`);
    expect(listed.body).toContain('Workshop, with Ana. Needs: Projector or screen, Double length');

    const short = await new Agent(t.app).get(`/p/${id}`);
    expect(short.statusCode).toBe(301);
    expect(short.headers.location).toBe(`${board}/${id}`);
  });

  it('re-renders the pitch form with what was typed and every problem in field order', async () => {
    const response = await ana.post(`${board}/new`, { title: 'x'.repeat(121), description: 'd'.repeat(2001), format: 'lecture', coFacilitators: 'bo@example.org, not-an-email', needs: ['jacuzzi'], preferredDay: 'tuesday', unavailable: ['lunch'] });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Title must be 120 characters or fewer',
      'Description must be 2,000 characters or fewer',
      'Choose the session’s format',
      '“not-an-email” is not an email address. Enter each co-facilitator’s address, like name@example.org',
      'Choose from the options given',
      'Choose one of the camp’s days',
      'Choose from the camp’s session slots',
    ]);
    expect(inputValue(response.body, 'title')).toBe('x'.repeat(121));
    expect(response.body).toContain('bo@example.org, not-an-email</textarea>');

    const empty = await ana.post(`${board}/new`, {});
    expect(errorSummary(empty.body)).toEqual(['Enter a title for the session', 'Choose the session’s format']);
  });

  it('shows HTML and script typed into a pitch as text, never as markup', async () => {
    await ana.post(`${board}/new`, { ...form, title: '<script>alert("x")</script>', description: '<img src=x onerror=alert(1)>' });
    const id = t.db.select().from(pitches).get()!.id;
    for (const url of [board, `${board}/${id}`]) {
      const body = (await ana.get(url)).body;
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('<img src=x');
      expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    }
  });

  it('explains to people without a confirmed place that they cannot pitch or mark interest', async () => {
    const stranger = await signedInAgent(t.app, person(t.db, 'stranger@example.org'));
    const page = await stranger.get(`${board}/new`);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Only people with a confirmed place at LocalGovCamp 2027 can pitch a session');
    const refused = await stranger.post(`${board}/new`, form);
    expect(errorSummary(refused.body)).toEqual(['Only people with a confirmed place at LocalGovCamp 2027 can pitch a session']);

    const pitch = pitchSession(t.db, testNow, { event: camp.event, person: registeredAttendee(t.db, camp.event, 'bo@example.org'), details: details('Ethics'), baseUrl: '' });
    const mark = await stranger.post(`${board}/${pitch.id}/interest`, { want: 'yes' });
    expect(mark.statusCode).toBe(403);
    expect(mark.body).toContain('Only people with a confirmed place at LocalGovCamp 2027 can say which sessions they’d go to');
    expect(t.db.select().from(interest).all()).toEqual([]);
    const visitor = await new Agent(t.app).post(`${board}/${pitch.id}/interest`, { want: 'yes', back: board });
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe(`/sign-in?next=${encodeURIComponent(board)}`);
  });

  it('marks and unmarks “I’d go” with plain form posts, returning to the same place on the board', async () => {
    const pitch = pitchSession(t.db, testNow, { event: camp.event, person: registeredAttendee(t.db, camp.event, 'bo@example.org'), details: details('Ethics'), baseUrl: '' });
    const before = await ana.get(board);
    expect(before.body).toMatch(/<span data-label>I’d go<\/span><span class="govuk-visually-hidden" data-suffix> to Ethics<\/span>/);
    const marked = await ana.post(`${board}/${pitch.id}/interest`, { want: 'yes', back: `${board}?format=discussion#pitch-${pitch.id}` });
    expect(marked.statusCode).toBe(303);
    expect(marked.headers.location).toBe(`${board}?format=discussion#pitch-${pitch.id}`);
    const after = await ana.get(board);
    expect(after.body).toContain('<strong>You’d go.</strong> 1 would go');
    expect(after.body).toContain('<input type="hidden" name="want" value="no">');
    const offSite = await ana.post(`${board}/${pitch.id}/interest`, { want: 'no', back: 'https://evil.example/' });
    expect(offSite.headers.location).toBe(`${board}/${pitch.id}`);
    expect(t.db.select().from(interest).all()).toEqual([]);
  });

  it('answers the script with JSON, and stays idempotent when a double click sends the same form twice at once', async () => {
    const pitch = pitchSession(t.db, testNow, { event: camp.event, person: registeredAttendee(t.db, camp.event, 'bo@example.org'), details: details('Ethics'), baseUrl: '' });
    await ana.get(board);
    const post = (want: string) =>
      t.app.inject({
        method: 'POST',
        url: `${board}/${pitch.id}/interest`,
        payload: new URLSearchParams({ want }).toString(),
        headers: { cookie: ana.cookieHeader, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-csrf-token': ana.csrfToken! },
      });
    const clicks = await Promise.all([post('yes'), post('yes'), post('yes')]);
    expect(clicks.map((r) => [r.statusCode, r.json()])).toEqual(Array(3).fill([200, { pitchId: pitch.id, want: true, count: 1 }]));
    expect(t.db.select().from(interest).where(eq(interest.pitchId, pitch.id)).all()).toHaveLength(1);
    const unclicks = await Promise.all([post('no'), post('no')]);
    expect(unclicks.map((r) => r.json().count)).toEqual([0, 0]);
    expect(t.db.select().from(interest).all()).toEqual([]);
  });

  it('refuses interest once it has closed, saying when it closed', async () => {
    const pitch = pitchSession(t.db, testNow, { event: camp.event, person: registeredAttendee(t.db, camp.event, 'bo@example.org'), details: details('Ethics'), baseUrl: '' });
    savePitchSettings(t.db, testNow, camp.event.id, { interestOpensAt: null, interestClosesAt: testNow.getTime() - 60_000, counts: 'while-open', changesNeedApproval: false });
    const late = await ana.post(`${board}/${pitch.id}/interest`, { want: 'yes' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Interest closed at 9:59am on Monday 1 March 2027');
    expect((await ana.get(board)).body).not.toContain('data-interest-form');
  });

  it('says the board’s order, and offers the most wanted first where the numbers are shown', async () => {
    const bo = registeredAttendee(t.db, camp.event, 'bo@example.org');
    const [ethics, maps] = ['Ethics', 'Maps'].map((title) => pitchSession(t.db, testNow, { event: camp.event, person: bo, details: details(title), baseUrl: '' }));
    await ana.post(`${board}/${maps!.id}/interest`, { want: 'yes' });
    const titles = (html: string) => [...html.matchAll(/<h3[^>]*><a class="govuk-link" href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

    const pitched = await ana.get(board);
    expect(pitched.body).toContain('In the order they were pitched, the first at the top.');
    expect(pitched.body).toContain('<option value="wanted">Most wanted first</option>');
    expect(titles(pitched.body)).toEqual(['Ethics', 'Maps']);
    const wanted = await ana.get(`${board}?order=wanted`);
    expect(wanted.body).toContain('Most wanted first: the sessions most people would go to come first.');
    expect(titles(wanted.body)).toEqual(['Maps', 'Ethics']);

    // While the numbers are hidden, the order would give them away: it stays as pitched.
    savePitchSettings(t.db, testNow, camp.event.id, { interestOpensAt: null, interestClosesAt: testNow.getTime() + 3_600_000, counts: 'after-close', changesNeedApproval: false });
    const hidden = await ana.get(`${board}?order=wanted`);
    expect(titles(hidden.body)).toEqual(['Ethics', 'Maps']);
    expect(hidden.body).not.toContain('<option value="wanted">');
    expect(hidden.body).toContain('In the order they were pitched, the first at the top. Most wanted first is offered once the numbers are shown.');
    expect(ethics!.id).toBeLessThan(maps!.id);
  });

  it('hides counts until interest closes when organisers choose so, but still shows people their own mark', async () => {
    const pitch = pitchSession(t.db, testNow, { event: camp.event, person: registeredAttendee(t.db, camp.event, 'bo@example.org'), details: details('Ethics'), baseUrl: '' });
    savePitchSettings(t.db, testNow, camp.event.id, { interestOpensAt: null, interestClosesAt: testNow.getTime() + 3_600_000, counts: 'after-close', changesNeedApproval: false });
    await ana.post(`${board}/${pitch.id}/interest`, { want: 'yes' });
    const page = await ana.get(board);
    expect(page.body).toContain('<strong>You’d go.</strong> </p>');
    expect(page.body).not.toContain('would go</p>');
    expect(page.body).toContain('hidden until interest closes at 11am on Monday 1 March 2027');
    t.clock.advance(3_600_000);
    expect((await ana.get(board)).body).toContain('<strong>You’d go.</strong> 1 would go');
  });

  it('refuses pitch spam: the eleventh pitch in an hour is refused, and a flood of posts is stopped', async () => {
    for (let i = 0; i < 10; i++) expect((await ana.post(`${board}/new`, { ...form, title: `Pitch ${i}` })).statusCode).toBe(303);
    const eleventh = await ana.post(`${board}/new`, { ...form, title: 'One more' });
    expect(eleventh.statusCode).toBe(400);
    expect(errorSummary(eleventh.body)).toEqual(['You have pitched 10 sessions in the last hour. Wait a while before pitching more, or ask an organiser.']);
    for (let i = 0; i < 9; i++) await ana.post(`${board}/new`, {});
    expect((await ana.post(`${board}/new`, form)).statusCode).toBe(429);
  });

  it('lets facilitators change and withdraw their pitch, and nobody else', async () => {
    await ana.post(`${board}/new`, form);
    const id = t.db.select().from(pitches).get()!.id;
    const edit = await ana.get(`${board}/${id}/edit`);
    expect(inputValue(edit.body, 'title')).toBe('Open data for parish councils');
    const saved = await ana.post(`${board}/${id}/edit`, { ...form, title: 'Open data, again' });
    expect(saved.headers.location).toBe(`${board}/${id}?done=saved`);
    const eve = await signedInAgent(t.app, registeredAttendee(t.db, camp.event, 'eve@example.org'));
    expect((await eve.get(`${board}/${id}/edit`)).statusCode).toBe(403);
    expect((await eve.post(`${board}/${id}/withdraw`)).statusCode).toBe(403);
    const withdrawn = await ana.post(`${board}/${id}/withdraw`);
    expect(withdrawn.headers.location).toBe(`${board}?done=withdrawn`);
    expect((await eve.get(`${board}/${id}`)).statusCode).toBe(404);
    expect((await ana.get(`${board}/${id}`)).body).toContain('This pitch has been withdrawn.');
  });

  it('sends a facilitator’s edit to the organisers once changes need approval', async () => {
    await ana.post(`${board}/new`, form);
    const id = t.db.select().from(pitches).get()!.id;
    savePitchSettings(t.db, testNow, camp.event.id, { interestOpensAt: null, interestClosesAt: null, counts: 'while-open', changesNeedApproval: true });
    expect((await ana.get(`${board}/${id}/edit`)).body).toContain('the organisers will approve your changes before they show');
    const saved = await ana.post(`${board}/${id}/edit`, { ...form, title: 'Renamed' });
    expect(saved.headers.location).toBe(`${board}/${id}?done=awaiting-approval`);
    const page = await ana.get(saved.headers.location as string);
    expect(page.body).toContain('A change to this pitch is waiting for the organisers’ approval.');
    expect(page.body).toContain('<h1 class="govuk-heading-xl">Open data for parish councils</h1>');
  });

  it('invites co-facilitators by email; they confirm from the page the email links to', async () => {
    registeredAttendee(t.db, camp.event, 'bo@example.org', { name: 'Bo' });
    await ana.post(`${board}/new`, { ...form, coFacilitators: 'bo@example.org' });
    const id = t.db.select().from(pitches).get()!.id;
    expect(outboxMessages(t.db).at(-1)!.textBody).toContain('http://campgrid.test/events/localgovcamp-2027/pitches/invitations');
    expect((await new Agent(t.app).get(board)).body).toContain('Discussion, with Ana</p>');
    const bo = await signedInAgent(t.app, person(t.db, 'bo@example.org'));
    expect((await bo.get(board)).body).toContain('You have 1 invitation to co-facilitate');
    const invitations = await bo.get(`${board}/invitations`);
    expect(invitations.body).toContain('Open data for parish councils');
    const accepted = await bo.post(`${board}/${id}/invitation`, { answer: 'accept' });
    expect(accepted.headers.location).toBe(`${board}/${id}?done=confirmed`);
    expect((await new Agent(t.app).get(board)).body).toContain('Discussion, with Ana, Bo</p>');
    expect((await bo.post(`${board}/${id}/invitation`, { answer: 'accept' })).statusCode).toBe(404);
  });

  it('answers the pitch form the same for a co-facilitator without a place, who can accept only once they have one', async () => {
    const saved = await ana.post(`${board}/new`, { ...form, coFacilitators: 'cy@example.org' });
    expect(saved.statusCode).toBe(303);
    const id = t.db.select().from(pitches).get()!.id;
    const cy = await signedInAgent(t.app, person(t.db, 'cy@example.org'));
    const refused = await cy.post(`${board}/${id}/invitation`, { answer: 'accept' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('You need a place to co-facilitate');
    registeredAttendee(t.db, camp.event, 'cy@example.org');
    expect((await cy.post(`${board}/${id}/invitation`, { answer: 'accept' })).headers.location).toBe(`${board}/${id}?done=confirmed`);
  });
});
