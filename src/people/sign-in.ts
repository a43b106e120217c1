import { and, count, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/open.ts';
import { preparedQuery } from '../db/prepared.ts';
import { composeMail } from '../mail/compose.ts';
import { queueMail } from '../mail/outbox.ts';
import { browserSessions, people, signInLinks } from './people.table.ts';
import { findOrCreatePerson, normaliseEmail, type Person } from './people.ts';
import { hashToken, newSecretToken } from './tokens.ts';
import { safeSameSitePath } from '../web/redirects.ts';

export const signInLinkLifetimeMs = 20 * 60 * 1000;
export const administratorLinkLifetimeMs = 7 * 24 * 60 * 60 * 1000;
export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

export interface SignInLimits {
  signInPerAddressPerHour: number;
  signInPerIpPerHour: number;
}

export type SignInRequestOutcome = { ok: true; link: string } | { ok: false; reason: 'too-many-for-address' | 'too-many-from-ip' };

/**
 * Emails a single-use sign-in link valid for 20 minutes, unless this requester (network
 * address) has asked too often in the last hour, for this email address or for any. The
 * address's allowance is counted per requester, so requests from elsewhere cannot spend the
 * person's own and lock them out.
 */
export function requestSignInLink(
  db: Db,
  clock: Clock,
  args: { email: string; baseUrl: string; ip: string | null; next?: string | null; limits: SignInLimits },
): SignInRequestOutcome {
  const now = clock.now();
  const email = normaliseEmail(args.email);
  const hourAgo = now.getTime() - 3_600_000;
  const fromRequester = args.ip === null ? isNull(signInLinks.requestedFromIp) : eq(signInLinks.requestedFromIp, args.ip);
  const askedFor = (db: Db, ...conditions: SQL[]) =>
    db
      .select({ n: count() })
      .from(signInLinks)
      .where(and(fromRequester, gt(signInLinks.createdAt, hourAgo), ...conditions))
      .get()!.n;
  return db.transaction((tx) => {
    if (askedFor(tx, eq(signInLinks.email, email)) >= args.limits.signInPerAddressPerHour) return { ok: false, reason: 'too-many-for-address' } as const;
    if (args.ip && askedFor(tx) >= args.limits.signInPerIpPerHour) return { ok: false, reason: 'too-many-from-ip' } as const;
    const link = createLink(tx, now, {
      email,
      purpose: 'sign-in',
      lifetimeMs: signInLinkLifetimeMs,
      baseUrl: args.baseUrl,
      ip: args.ip,
      next: safeSameSitePath(args.next),
    });
    queueMail(tx, now, {
      to: email,
      ...composeMail('sign-in-link', 'Your Campgrid sign-in link', { link, minutes: signInLinkLifetimeMs / 60_000 }),
    });
    return { ok: true, link } as const;
  });
}

/** A one-time link that makes whoever follows it an administrator (first setup, `npm run admin`). */
export function createAdministratorLink(db: Db, clock: Clock, args: { email: string; baseUrl: string }): string {
  return createLink(db, clock.now(), {
    email: normaliseEmail(args.email),
    purpose: 'administrator',
    lifetimeMs: administratorLinkLifetimeMs,
    baseUrl: args.baseUrl,
    ip: null,
    next: '/organise',
  });
}

/**
 * A sign-in link created as part of another change (an invitation, a registration), whose
 * email the caller composes and queues in the same transaction.
 */
export function createSignInLink(db: Db, now: Date, args: { email: string; baseUrl: string; next: string | null; lifetimeMs?: number }): string {
  return createLink(db, now, {
    email: normaliseEmail(args.email),
    purpose: 'sign-in',
    lifetimeMs: args.lifetimeMs ?? signInLinkLifetimeMs,
    baseUrl: args.baseUrl,
    ip: null,
    next: safeSameSitePath(args.next),
  });
}

const insertLink = preparedQuery((db) =>
  db
    .insert(signInLinks)
    .values({
      tokenHash: sql.placeholder('tokenHash'),
      email: sql.placeholder('email'),
      purpose: sql.placeholder('purpose'),
      nextPath: sql.placeholder('nextPath'),
      requestedFromIp: sql.placeholder('requestedFromIp'),
      createdAt: sql.placeholder('createdAt'),
      expiresAt: sql.placeholder('expiresAt'),
    })
    .prepare(),
);

function createLink(
  db: Db,
  now: Date,
  args: { email: string; purpose: 'sign-in' | 'administrator'; lifetimeMs: number; baseUrl: string; ip: string | null; next: string | null },
): string {
  const token = newSecretToken();
  insertLink(db).run({
    tokenHash: hashToken(token),
    email: args.email,
    purpose: args.purpose,
    nextPath: args.next,
    requestedFromIp: args.ip,
    createdAt: now.getTime(),
    expiresAt: now.getTime() + args.lifetimeMs,
  });
  return `${args.baseUrl}/sign-in/${token}`;
}

export type LinkCheck =
  | { ok: true; email: string; purpose: 'sign-in' | 'administrator' }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Tells whether a link could be used now, without using it (the confirm page). */
export function checkSignInLink(db: Db, clock: Clock, token: string): LinkCheck {
  const row = db.select().from(signInLinks).where(eq(signInLinks.tokenHash, hashToken(token))).get();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.usedAt !== null) return { ok: false, reason: 'used' };
  if (row.expiresAt <= clock.now().getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, email: row.email, purpose: row.purpose };
}

export type RedeemOutcome = { ok: true; person: Person; sessionToken: string; next: string | null } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/**
 * Uses a sign-in link once: finds or creates the person, grants administrator where the link
 * says so, and starts a new browser session (a fresh identifier at every sign-in).
 */
export function redeemSignInLink(db: Db, clock: Clock, token: string, given?: { email: string; name: string }): RedeemOutcome {
  const now = clock.now();
  return db.transaction((tx) => {
    const row = tx.select().from(signInLinks).where(eq(signInLinks.tokenHash, hashToken(token))).get();
    if (!row) return { ok: false, reason: 'unknown' } as const;
    if (row.expiresAt <= now.getTime()) return { ok: false, reason: 'expired' } as const;
    // The conditional update is what makes the link single-use, even if two tabs race.
    const used = tx
      .update(signInLinks)
      .set({ usedAt: now.getTime() })
      .where(and(eq(signInLinks.id, row.id), isNull(signInLinks.usedAt)))
      .run();
    if (used.changes === 0) return { ok: false, reason: 'used' } as const;
    // The first administrator's link is printed before anyone is known: they say who they are.
    const email = row.email || given?.email;
    if (!email) return { ok: false, reason: 'unknown' } as const;
    let person = findOrCreatePerson(tx, now, email, given?.name ?? '');
    if (row.purpose === 'administrator' && !person.isAdministrator) {
      person = tx.update(people).set({ isAdministrator: true }).where(eq(people.id, person.id)).returning().get();
    }
    const sessionToken = startBrowserSession(tx, now, person.id);
    return { ok: true, person, sessionToken, next: row.nextPath } as const;
  });
}

export function startBrowserSession(db: Db, now: Date, personId: number): string {
  const token = newSecretToken();
  db.insert(browserSessions)
    .values({ tokenHash: hashToken(token), personId, createdAt: now.getTime(), expiresAt: now.getTime() + sessionLifetimeMs })
    .run();
  return token;
}

/** The person a session cookie belongs to, if the session is still current. */
export function personForSession(db: Db, clock: Clock, token: string): Person | undefined {
  const row = db
    .select({ person: people })
    .from(browserSessions)
    .innerJoin(people, eq(people.id, browserSessions.personId))
    .where(and(eq(browserSessions.tokenHash, hashToken(token)), gt(browserSessions.expiresAt, clock.now().getTime())))
    .get();
  return row?.person;
}

export function endBrowserSession(db: Db, token: string): void {
  db.delete(browserSessions).where(eq(browserSessions.tokenHash, hashToken(token))).run();
}
