import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { RuleViolation } from '../rules.ts';
import { sessionNotes } from './grid.table.ts';
import type { PublishedGrid, PublishedSession } from './published.ts';

export type SessionNote = typeof sessionNotes.$inferSelect;

export function notesOf(db: Db, pitchId: number): SessionNote[] {
  return db.select().from(sessionNotes).where(eq(sessionNotes.pitchId, pitchId)).orderBy(asc(sessionNotes.createdAt), asc(sessionNotes.id)).all();
}

export function publishedSessionOf(grid: PublishedGrid | null, pitchId: number): PublishedSession | null {
  return grid?.sessions.find((s) => s.pitchId === pitchId) ?? null;
}

/** Only web addresses people can follow safely: http or https, no credentials. */
export function safeWebAddress(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    return url.toString();
  } catch {
    return null;
  }
}

/**
 * Adds a link to notes, slides or a write-up. Only once the session has started, so the record
 * of the day is made by the people who were there.
 */
export function addSessionNote(db: Db, now: Date, args: { session: PublishedSession | null; personId: number; title: string; url: string }): SessionNote {
  if (!args.session || args.session.cancelled) throw new RuleViolation({ title: 'Notes can be added to sessions on the published grid' });
  if (now.getTime() < args.session.startsAt) throw new RuleViolation({ title: 'Notes can be added once the session has started' });
  const url = safeWebAddress(args.url);
  if (!url) throw new RuleViolation({ url: 'Enter a web address starting with https:// or http://' });
  return db
    .insert(sessionNotes)
    .values({ pitchId: args.session.pitchId, title: args.title, url, addedBy: args.personId, createdAt: now.getTime() })
    .returning()
    .get();
}

export function removeSessionNote(db: Db, pitchId: number, noteId: number): void {
  db.delete(sessionNotes).where(and(eq(sessionNotes.id, noteId), eq(sessionNotes.pitchId, pitchId))).run();
}
