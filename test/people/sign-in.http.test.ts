import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, errorSummary, inputValue } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { lastLinkTo, outboxMessages, pathOf } from '../helpers/outbox.ts';
import { sessionCookie } from '../../src/web/sessions.ts';
import { createAdministratorLink } from '../../src/people/sign-in.ts';

describe('signing in through the website', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
  });
  afterEach(async () => t.close());

  it('emails a link; following it and pressing the button signs the person in and goes to their page', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const sent = await agent.post('/sign-in', { email: 'Zoe@Example.org' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/sign-in/sent');
    const path = pathOf(lastLinkTo(t.db, 'zoe@example.org'));

    const confirm = await agent.get(path);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('You are signing in as <strong>zoe@example.org</strong>');
    expect(confirm.headers['cache-control']).toBe('no-store');

    const signedIn = await agent.post(path);
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/me');
    const cookie = signedIn.cookies.find((c) => c.name === sessionCookie)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await agent.get('/me');
    expect(me.body).toContain('You are signed in as <strong>zoe@example.org</strong>');
  });

  it('goes back to the page that asked for sign-in, but never off the site', async () => {
    const agent = new Agent(t.app);
    const gate = await agent.get('/organise');
    expect(gate.statusCode).toBe(303);
    expect(gate.headers.location).toBe('/sign-in?next=%2Forganise');
    const form = await agent.get(gate.headers.location as string);
    expect(inputValue(form.body, 'next')).toBe('/organise');
    await agent.post('/sign-in', { email: 'sam@example.org', next: '/organise' });
    const done = await agent.post(pathOf(lastLinkTo(t.db, 'sam@example.org')));
    expect(done.headers.location).toBe('/organise');

    const other = new Agent(t.app);
    await other.post('/sign-in', { email: 'rhys@example.org', next: '//evil.example/' });
    const elsewhere = await other.post(pathOf(lastLinkTo(t.db, 'rhys@example.org')));
    expect(elsewhere.headers.location).toBe('/me');
  });

  it('follows a link whose next page holds characters a header cannot, percent-encoded, instead of failing and using the link up', async () => {
    const agent = new Agent(t.app);
    await agent.post('/sign-in', { email: 'sam@example.org', next: '/\u2028' });
    const done = await agent.post(pathOf(lastLinkTo(t.db, 'sam@example.org')));
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/%E2%80%A8');
  });

  it('counts the per-address allowance per requester, so strangers asking for someone’s links cannot lock them out', async () => {
    for (const ip of ['203.0.113.1', '203.0.113.2']) {
      const stranger = new Agent(t.app, ip);
      for (let i = 0; i < 5; i++) expect((await stranger.post('/sign-in', { email: 'sam@example.org' })).statusCode).toBe(303);
      expect((await stranger.post('/sign-in', { email: 'sam@example.org' })).statusCode).toBe(429);
    }
    const agent = new Agent(t.app);
    const own = await agent.post('/sign-in', { email: 'sam@example.org' });
    expect(own.headers.location).toBe('/sign-in/sent');
  });

  it('gives a new session identifier at every sign-in, and signing out ends the session', async () => {
    const agent = new Agent(t.app);
    await agent.post('/sign-in', { email: 'sam@example.org' });
    const first = (await agent.post(pathOf(lastLinkTo(t.db, 'sam@example.org')))).cookies.find((c) => c.name === sessionCookie)!.value;
    t.clock.advance(61 * 60 * 1000);
    await agent.post('/sign-in', { email: 'sam@example.org' });
    const second = (await agent.post(pathOf(lastLinkTo(t.db, 'sam@example.org')))).cookies.find((c) => c.name === sessionCookie)!.value;
    expect(second).not.toBe(first);

    const out = await agent.post('/sign-out');
    expect(out.headers.location).toBe('/');
    expect((await agent.get('/me')).statusCode).toBe(303);
    const replay = await t.app.inject({ url: '/me', headers: { cookie: `${sessionCookie}=${second}` } });
    expect(replay.statusCode).toBe(303);
  });

  it('re-renders the form with what was typed and a message when the address is not an email address', async () => {
    const agent = new Agent(t.app);
    const response = await agent.post('/sign-in', { email: 'not an email <script>' });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Enter an email address in the correct format, like name@example.org']);
    expect(inputValue(response.body, 'email')).toBe('not an email <script>');
    expect(response.body).not.toContain('<script>');
    expect(response.body).toContain('<title>Error: Sign in – Campgrid</title>');

    const empty = await agent.post('/sign-in', { email: '   ' });
    expect(errorSummary(empty.body)).toEqual(['Enter your email address']);
    expect(outboxMessages(t.db)).toHaveLength(0);
  });

  it('says when an address has asked too often, without sending more mail', async () => {
    const agent = new Agent(t.app);
    for (let i = 0; i < 5; i++) expect((await agent.post('/sign-in', { email: 'sam@example.org' })).statusCode).toBe(303);
    const refused = await agent.post('/sign-in', { email: 'sam@example.org' });
    expect(refused.statusCode).toBe(429);
    expect(errorSummary(refused.body)).toEqual(['Too many sign-in links have been asked for. Wait an hour, or use a link already sent.']);
    expect(outboxMessages(t.db)).toHaveLength(5);
  });

  it('limits sign-in requests per network address with a friendly page', async () => {
    const agent = new Agent(t.app);
    let last = 0;
    for (let i = 0; i < 21; i++) last = (await agent.post('/sign-in', { email: `person${i}@example.org` })).statusCode;
    expect(last).toBe(429);
    const page = await agent.post('/sign-in', { email: 'one.more@example.org' });
    expect(page.body).toContain('Too many attempts');
    expect(page.headers['retry-after']).toBeDefined();
  });

  it('explains a used, expired or unknown link', async () => {
    const agent = new Agent(t.app);
    await agent.post('/sign-in', { email: 'sam@example.org' });
    const path = pathOf(lastLinkTo(t.db, 'sam@example.org'));
    await agent.post(path);
    const used = await agent.get(path);
    expect(used.statusCode).toBe(410);
    expect(used.body).toContain('This sign-in link has already been used.');
    const unknown = await agent.get('/sign-in/made-up');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This sign-in link is not valid.');
  });

  it('refuses a sign-in form posted without its CSRF token', async () => {
    const agent = new Agent(t.app);
    const response = await agent.post('/sign-in', { email: 'sam@example.org' }, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired');
    expect(outboxMessages(t.db)).toHaveLength(0);
  });

  it('sets up the first administrator from the console link, asking for name and email', async () => {
    const path = pathOf(createAdministratorLink(t.db, t.clock, { email: '', baseUrl: t.config.baseUrl }));
    const agent = new Agent(t.app);
    const page = await agent.get(path);
    expect(page.body).toContain('Set up the first administrator');
    const bad = await agent.post(path, { name: '', email: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Enter an email address in the correct format, like name@example.org', 'Enter your name']);
    const ok = await agent.post(path, { name: 'Ana Organiser', email: 'ana@example.org' });
    expect(ok.statusCode).toBe(303);
    const organise = await agent.get('/organise');
    expect(organise.body).toContain('Create an event');
  });

  it('lets a signed-in person change their name, and says when it is too long', async () => {
    const agent = new Agent(t.app);
    await agent.post('/sign-in', { email: 'sam@example.org' });
    await agent.post(pathOf(lastLinkTo(t.db, 'sam@example.org')));
    const tooLong = await agent.post('/me', { name: 'x'.repeat(101) });
    expect(tooLong.statusCode).toBe(400);
    expect(errorSummary(tooLong.body)).toEqual(['Name must be 100 characters or fewer']);
    expect((await agent.post('/me', { name: 'Sam Ng' })).statusCode).toBe(303);
    expect(inputValue((await agent.get('/me')).body, 'name')).toBe('Sam Ng');
  });
});
