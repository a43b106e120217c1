import { createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { sameSecret } from '../people/tokens.ts';
import { calendarFeedKeys } from './calendar.table.ts';

function keyOf(db: Db, now: Date, personId: number): string {
  const existing = db.select({ key: calendarFeedKeys.key }).from(calendarFeedKeys).where(eq(calendarFeedKeys.personId, personId)).get();
  if (existing) return existing.key;
  const key = randomBytes(32).toString('base64url');
  db.insert(calendarFeedKeys).values({ personId, key, createdAt: now.getTime() }).onConflictDoNothing().run();
  return db.select({ key: calendarFeedKeys.key }).from(calendarFeedKeys).where(eq(calendarFeedKeys.personId, personId)).get()!.key;
}

const signature = (secret: string, eventId: number, personId: number, key: string): string =>
  createHmac('sha256', secret).update(`feed:${eventId}:${personId}:${key}`).digest('base64url');

/** The secret token of a person's agenda feed for one event (256 bits of signature). */
export function feedTokenFor(db: Db, now: Date, secret: string, eventId: number, personId: number): string {
  return `${eventId}-${personId}-${signature(secret, eventId, personId, keyOf(db, now, personId))}`;
}

/** Who a feed token belongs to, if it is genuine and current; compared in constant time. */
export function ownerOfFeedToken(db: Db, secret: string, token: string): { eventId: number; personId: number } | null {
  const m = /^(\d{1,12})-(\d{1,12})-([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const [eventId, personId] = [Number(m[1]), Number(m[2])];
  const row = db.select({ key: calendarFeedKeys.key }).from(calendarFeedKeys).where(eq(calendarFeedKeys.personId, personId)).get();
  if (!row || !sameSecret(signature(secret, eventId, personId, row.key), m[3]!)) return null;
  return { eventId, personId };
}

/** A new key: every agenda feed address the person had stops working. */
export function replaceFeedKey(db: Db, now: Date, personId: number): void {
  const key = randomBytes(32).toString('base64url');
  db.insert(calendarFeedKeys)
    .values({ personId, key, createdAt: now.getTime() })
    .onConflictDoUpdate({ target: calendarFeedKeys.personId, set: { key, createdAt: now.getTime() } })
    .run();
}
