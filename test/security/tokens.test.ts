import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { feedTokenFor, replaceFeedKey } from '../../src/calendar/personal-feeds.ts';
import { createSignInLink, sessionLifetimeMs, startBrowserSession } from '../../src/people/sign-in.ts';
import { sameSecret } from '../../src/people/tokens.ts';
import { newSponsorLink } from '../../src/sponsors/sponsor-mail.ts';
import { sponsorLinkLifetimeMs } from '../../src/sponsors/sponsors.ts';
import { linksFor, manageLink, newManageKey } from '../../src/tickets/manage-links.ts';
import { deletePersonalDetails } from '../../src/tickets/privacy.ts';
import { sessionCookie } from '../../src/web/sessions.ts';
import { Agent } from '../helpers/agent.ts';
import { testNow } from '../helpers/app.ts';
import { lastLinkTo, pathOf } from '../helpers/outbox.ts';
import { securityCamp, type SecurityCamp } from './camp.ts';

// Every comparison of a presented secret with the genuine one is watched, so the test can say
// it went through the constant-time comparison.
vi.mock('../../src/people/tokens.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/people/tokens.ts')>();
  return { ...real, sameSecret: vi.fn(real.sameSecret) };
});

/** A feed token is "<event>-<person>-<signature>"; base64url signatures may contain "-" too. */
const signatureOf = (feedToken: string) => /^\d+-\d+-(.{43})$/.exec(feedToken)![1]!;
const bytesOf = (token: string) => Buffer.from(token, 'base64url');
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** At least `bits` bit positions vary across the samples: a constant or counter-like secret fails. */
function varyingBits(samples: Buffer[]): number {
  const length = Math.min(...samples.map((b) => b.length)) * 8;
  let varying = 0;
  for (let bit = 0; bit < length; bit++) {
    const values = new Set(samples.map((b) => (b[bit >> 3]! >> (7 - (bit & 7))) & 1));
    if (values.size === 2) varying++;
  }
  return varying;
}

describe('secret tokens and links', () => {
  let camp: SecurityCamp;
  beforeAll(async () => {
    camp = await securityCamp();
  });
  afterAll(async () => camp.t.close());

  /** Every text value in every table, to look for a copy of a secret. */
  function databaseText(): string {
    const sql = camp.t.db.$client;
    const tables = sql.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as Array<{ name: string }>;
    return tables
      // Queued mail holds the link it carries until it is sent (and sent mail goes after 90 days).
      .filter((t) => t.name !== 'outbox')
      .map((t) => JSON.stringify(sql.prepare(`select * from "${t.name}"`).all()))
      .join('\n');
  }

  function samplesOfEveryKind(n: number): Record<string, string[]> {
    const { t, people, ids } = camp;
    const links = linksFor(t.config);
    const kinds: Record<string, string[]> = { 'sign-in': [], session: [], sponsor: [], manage: [], feed: [] };
    for (let i = 0; i < n; i++) {
      kinds['sign-in']!.push(createSignInLink(t.db, testNow, { email: `sample${i}@example.org`, baseUrl: '', next: null }).split('/').pop()!);
      kinds.session!.push(startBrowserSession(t.db, testNow, people.attendee.id));
      kinds.sponsor!.push(newSponsorLink(t.db, testNow, ids.sponsorId!, '').split('/').pop()!);
      // A manage link signs the registration's random key; a new key is a new link.
      kinds.manage!.push(manageLink(links, { id: ids.registrationId!, manageKey: newManageKey() }).split('/').pop()!);
      replaceFeedKey(t.db, testNow, people.helper.id);
      kinds.feed!.push(signatureOf(feedTokenFor(t.db, testNow, t.config.sessionSecret, camp.event.id, people.helper.id)));
    }
    return kinds;
  }

  it('carry at least 128 bits of randomness, every kind', () => {
    for (const [kind, tokens] of Object.entries(samplesOfEveryKind(64))) {
      expect(new Set(tokens).size, kind).toBe(64);
      for (const token of tokens) expect(bytesOf(token).length, kind).toBeGreaterThanOrEqual(32);
      // 64 samples of a fair bit are all alike with probability 2^-63: every position varies.
      expect(varyingBits(tokens.map(bytesOf)), kind).toBeGreaterThanOrEqual(256);
    }
  });

  it('are stored only as SHA-256 hashes, or (signed links) not at all', () => {
    const kinds = samplesOfEveryKind(3);
    const text = databaseText();
    for (const [kind, tokens] of Object.entries(kinds)) {
      for (const token of tokens) expect(text.includes(token), `${kind} ${token}`).toBe(false);
    }
    for (const kind of ['sign-in', 'session', 'sponsor']) {
      for (const token of kinds[kind]!) expect(text.includes(sha256(token)), `${kind}: its hash is what is kept`).toBe(true);
    }
    // The real links handed out in the fixture are no more stored than the samples.
    for (const secret of [camp.secrets.manage, camp.secrets.sponsor, signatureOf(camp.secrets.feed)]) expect(text.includes(secret)).toBe(false);
  });

  it('compares signed links in constant time, refusing a wrong one of any length without an error', async () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
    const watched = vi.mocked(sameSecret);
    const visitor = new Agent(camp.t.app);
    const wrong = `${camp.secrets.manage.slice(0, -1)}${camp.secrets.manage.endsWith('A') ? 'B' : 'A'}`;

    watched.mockClear();
    expect((await visitor.get(`/tickets/${camp.ids.registrationId}/${wrong}`)).statusCode).toBe(404);
    expect(watched).toHaveBeenCalledWith(camp.secrets.manage, wrong);
    expect((await visitor.get(`/tickets/${camp.ids.registrationId}/${camp.secrets.manage}`)).statusCode).toBe(200);

    const signature = signatureOf(camp.secrets.feed);
    const forgedSignature = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    const forged = `${camp.secrets.feed.slice(0, -43)}${forgedSignature}`;
    watched.mockClear();
    expect((await visitor.get(`/feeds/${forged}.ics`)).statusCode).toBe(404);
    expect(watched).toHaveBeenCalledWith(signature, forgedSignature);
    expect((await visitor.get(`/feeds/${camp.secrets.feed}.ics`)).statusCode).toBe(200);
    // Sign-in links, sessions and sponsor links are found by the hash of what was presented, so
    // timing can reveal at most a hash prefix, not the secret.
  });

  it('ends a session after 30 days, and ends the old session when someone signs in over it', async () => {
    const { t } = camp;
    const agent = await camp.agent('attendee');
    expect((await agent.get('/me')).statusCode).toBe(200);
    const before = agent.cookieHeader;
    // Signing in as someone else in the same browser: a new identifier, and the old one is dead.
    await agent.post('/sign-in', { email: 'newcomer@example.org' });
    const signedIn = await agent.post(pathOf(lastLinkTo(t.db, 'newcomer@example.org')));
    expect(signedIn.statusCode).toBe(303);
    const oldCookie = before.split('; ').find((c) => c.startsWith(`${sessionCookie}=`))!;
    const newCookie = signedIn.cookies.find((c) => c.name === sessionCookie)!.value;
    expect(`${sessionCookie}=${newCookie}`).not.toBe(oldCookie);
    expect((await t.app.inject({ url: '/me', headers: { cookie: oldCookie } })).statusCode).toBe(303);
    expect((await agent.get('/me')).body).toContain('newcomer@example.org');

    t.clock.advance(sessionLifetimeMs + 1000);
    try {
      expect((await agent.get('/me')).statusCode).toBe(303);
    } finally {
      t.clock.set(testNow);
    }
  });

  it('stops a sponsor link working after 180 days; the contact can still get in by signing in', async () => {
    const { t } = camp;
    const visitor = new Agent(t.app);
    expect((await visitor.get(`/sponsorships/${camp.secrets.sponsor}`)).statusCode).toBe(200);
    t.clock.set(new Date(testNow.getTime() + sponsorLinkLifetimeMs + 1000));
    try {
      expect((await visitor.get(`/sponsorships/${camp.secrets.sponsor}`)).statusCode).toBe(404);
      const contact = await camp.agent('sponsor');
      expect((await contact.get(`/me/sponsorships/${camp.ids.sponsorId}`)).statusCode).toBe(200);
    } finally {
      t.clock.set(testNow);
    }
  });

  it('lets a person replace their feed address, after which the old one is gone', async () => {
    const agent = await camp.agent('attendee');
    const old = `/feeds/${camp.secrets.feed}.ics`;
    expect((await agent.get(old)).statusCode).toBe(200);
    expect((await agent.post('/me/calendar-feed/replace')).statusCode).toBe(303);
    expect((await agent.get(old)).statusCode).toBe(404);
    const fresh = feedTokenFor(camp.t.db, testNow, camp.t.config.sessionSecret, camp.event.id, camp.people.attendee.id);
    expect((await agent.get(`/feeds/${fresh}.ics`)).statusCode).toBe(200);
  });

  it('stops a manage link working once its person deletes their details', async () => {
    const { t } = camp;
    const link = `/tickets/${camp.ids.registrationId}/${camp.secrets.manage}`;
    const visitor = new Agent(t.app);
    expect((await visitor.get(link)).statusCode).toBe(200);
    deletePersonalDetails(t.db, testNow, linksFor(t.config), camp.people.attendee);
    expect((await visitor.get(link)).statusCode).toBe(404);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    '/me\r\nLocation: https://evil.example/',
    ' //evil.example',
    'http:evil.example',
  ])('never redirects off the site after sign-in, whatever ?next= says: %j', async (next) => {
    const { t } = camp;
    const agent = new Agent(t.app);
    const form = await agent.get(`/sign-in?next=${encodeURIComponent(next)}`);
    expect(form.body).not.toContain('evil.example');
    const email = `redirect${Math.random().toString(36).slice(2)}@example.org`;
    await agent.post('/sign-in', { email, next });
    const done = await agent.post(pathOf(lastLinkTo(t.db, email)));
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/me');
  });
});
