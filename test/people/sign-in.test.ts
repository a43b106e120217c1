import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db/open.ts';
import { signInLinks } from '../../src/people/people.table.ts';
import { findPersonByEmail } from '../../src/people/people.ts';
import {
  checkSignInLink,
  createAdministratorLink,
  personForSession,
  redeemSignInLink,
  requestSignInLink,
} from '../../src/people/sign-in.ts';
import { safeSameSitePath } from '../../src/web/redirects.ts';
import { hashToken } from '../../src/people/tokens.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';

const limits = { signInPerAddressPerHour: 3, signInPerIpPerHour: 5 };
const baseUrl = 'http://campgrid.test';
const tokenOf = (link: string) => link.split('/sign-in/')[1]!;

describe('sign-in links', () => {
  let db: Database;
  let clock: FixedClock;
  beforeEach(() => {
    db = freshDatabase().db;
    clock = new FixedClock(testNow);
  });
  afterEach(() => db.$client.close());

  it('are emailed, and only a hash of the token is stored', () => {
    const outcome = requestSignInLink(db, clock, { email: ' Zoe.Okafor@Example.org ', baseUrl, ip: '10.0.0.1', limits });
    if (!outcome.ok) throw new Error('refused');
    const token = tokenOf(outcome.link);
    expect(Buffer.from(token, 'base64url').length).toBe(32);
    const [stored] = db.select().from(signInLinks).all();
    expect(stored!.email).toBe('zoe.okafor@example.org');
    expect(stored!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const [mail] = outboxMessages(db);
    expect(mail!.toAddress).toBe('zoe.okafor@example.org');
    expect(mail!.subject).toBe('Your Campgrid sign-in link');
    expect(mail!.textBody).toContain(outcome.link);
    expect(mail!.htmlBody).toContain(`href="${outcome.link}"`);
  });

  it('sign a new person in once, creating them, and never again', () => {
    const outcome = requestSignInLink(db, clock, { email: 'sam@example.org', baseUrl, ip: null, limits });
    if (!outcome.ok) throw new Error('refused');
    const first = redeemSignInLink(db, clock, tokenOf(outcome.link));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.person.email).toBe('sam@example.org');
    expect(personForSession(db, clock, first.sessionToken)?.id).toBe(first.person.id);
    expect(redeemSignInLink(db, clock, tokenOf(outcome.link))).toEqual({ ok: false, reason: 'used' });
  });

  it('expire 20 minutes after they are sent', () => {
    const outcome = requestSignInLink(db, clock, { email: 'sam@example.org', baseUrl, ip: null, limits });
    if (!outcome.ok) throw new Error('refused');
    clock.advance(20 * 60 * 1000 - 1);
    expect(checkSignInLink(db, clock, tokenOf(outcome.link)).ok).toBe(true);
    clock.advance(1);
    expect(redeemSignInLink(db, clock, tokenOf(outcome.link))).toEqual({ ok: false, reason: 'expired' });
    expect(findPersonByEmail(db, 'sam@example.org')).toBeUndefined();
  });

  it('are refused once one requester has asked too often for an address in an hour, and allowed again after it', () => {
    for (let i = 0; i < limits.signInPerAddressPerHour; i++) {
      expect(requestSignInLink(db, clock, { email: 'sam@example.org', baseUrl, ip: '10.0.0.1', limits }).ok).toBe(true);
    }
    expect(requestSignInLink(db, clock, { email: 'SAM@example.org', baseUrl, ip: '10.0.0.1', limits })).toEqual({ ok: false, reason: 'too-many-for-address' });
    expect(outboxMessages(db)).toHaveLength(3);
    clock.advance(60 * 60 * 1000 + 1);
    expect(requestSignInLink(db, clock, { email: 'sam@example.org', baseUrl, ip: '10.0.0.1', limits }).ok).toBe(true);
  });

  it('cannot be spent by someone else: requests from other network addresses leave the person’s own allowance whole', () => {
    for (let i = 0; i < 5; i++) {
      for (let n = 0; n < limits.signInPerAddressPerHour; n++) requestSignInLink(db, clock, { email: 'sam@example.org', baseUrl, ip: `203.0.113.${i}`, limits });
    }
    expect(requestSignInLink(db, clock, { email: 'sam@example.org', baseUrl, ip: '10.0.0.1', limits }).ok).toBe(true);
  });

  it('are refused once one network address has asked too often for different addresses', () => {
    for (let i = 0; i < limits.signInPerIpPerHour; i++) {
      expect(requestSignInLink(db, clock, { email: `person${i}@example.org`, baseUrl, ip: '192.0.2.7', limits }).ok).toBe(true);
    }
    expect(requestSignInLink(db, clock, { email: 'another@example.org', baseUrl, ip: '192.0.2.7', limits })).toEqual({ ok: false, reason: 'too-many-from-ip' });
  });

  it('an unknown token is simply unknown', () => {
    expect(checkSignInLink(db, clock, 'not-a-real-token')).toEqual({ ok: false, reason: 'unknown' });
    expect(redeemSignInLink(db, clock, 'not-a-real-token')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('the first administrator’s link asks who they are and makes them an administrator', () => {
    const link = createAdministratorLink(db, clock, { email: '', baseUrl });
    expect(checkSignInLink(db, clock, tokenOf(link))).toEqual({ ok: true, email: '', purpose: 'administrator' });
    const outcome = redeemSignInLink(db, clock, tokenOf(link), { email: 'Ana@Example.org', name: 'Ana' });
    expect(outcome.ok && outcome.person).toMatchObject({ email: 'ana@example.org', name: 'Ana', isAdministrator: true });
  });

  it('an administrator link for a named address makes that person an administrator', () => {
    const link = createAdministratorLink(db, clock, { email: 'rhys@example.org', baseUrl });
    const outcome = redeemSignInLink(db, clock, tokenOf(link));
    expect(outcome.ok && outcome.person.isAdministrator).toBe(true);
    const stored = db.select().from(signInLinks).where(eq(signInLinks.purpose, 'administrator')).get();
    expect(stored?.usedAt).toBe(testNow.getTime());
  });
});

describe('where a sign-in link may send you afterwards', () => {
  it.each([
    ['/organise/events/camp', '/organise/events/camp'],
    ['/me?x=1', '/me?x=1'],
    ['https://evil.example/', null],
    ['//evil.example/', null],
    ['/\\evil.example', null],
    ['javascript:alert(1)', null],
    ['/me\r\nSet-Cookie: x=1', null],
    ['/\t/evil.example', null],
    ['/\u2028', '/%E2%80%A8'],
    ['/events/camp/pitches/日本', '/events/camp/pitches/%E6%97%A5%E6%9C%AC'],
    ['/me?q=a b', '/me?q=a%20b'],
    ['/\ud800', null],
    [42, null],
  ])('%j → %j', (next, expected) => {
    expect(safeSameSitePath(next)).toBe(expected);
  });
});
