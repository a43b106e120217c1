import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { mailboxOf } from '../people/mailbox.ts';
import { findPerson, type Person } from '../people/people.ts';
import { sameSecret } from '../people/tokens.ts';
import { announcementOptOuts } from './messages.table.ts';

const signature = (secret: string, personId: number) => createHmac('sha256', secret).update(`announcements:${personId}`).digest('base64url');

/**
 * The secret part of a person's "stop announcements" link: their id and a signature only the
 * server can make, so nothing is stored and every announcement carries a working link.
 */
export function unsubscribeToken(secret: string, personId: number): string {
  // A hyphen, not a dot: the log's redaction of secret path parts stops at a dot (for .ics).
  return `${personId}-${signature(secret, personId)}`;
}

export function unsubscribeLink(baseUrl: string, secret: string, personId: number): string {
  return `${baseUrl}/unsubscribe/${unsubscribeToken(secret, personId)}`;
}

/** The person a token from a "stop announcements" link belongs to, or undefined (compared in constant time). */
export function personForUnsubscribeToken(db: Db, secret: string, token: string): Person | undefined {
  const [, id, given] = /^(\d{1,12})-([A-Za-z0-9_-]{43})$/.exec(token) ?? [];
  if (!id || !given || !sameSecret(signature(secret, Number(id)), given)) return undefined;
  return findPerson(db, Number(id));
}

const mailboxOfPerson = (p: Person) => p.mailbox || mailboxOf(p.email);

export function hasStoppedAnnouncements(db: Db, person: Person): boolean {
  return db.select({ mailbox: announcementOptOuts.mailbox }).from(announcementOptOuts).where(eq(announcementOptOuts.mailbox, mailboxOfPerson(person))).get() !== undefined;
}

/** No more messages from organisers to this mailbox. Tickets, offers and sign-in links still come. */
export function stopAnnouncements(db: Db, now: Date, person: Person): void {
  db.insert(announcementOptOuts).values({ mailbox: mailboxOfPerson(person), stoppedAt: now.getTime() }).onConflictDoNothing().run();
}

export function restartAnnouncements(db: Db, person: Person): void {
  db.delete(announcementOptOuts).where(eq(announcementOptOuts.mailbox, mailboxOfPerson(person))).run();
}
