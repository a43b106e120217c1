import { and, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { events } from '../events/events.table.ts';
import { people } from '../people/people.table.ts';
import { pitches } from '../pitches/pitches.table.ts';
import { aboutTheme, fromCouncil } from './finding-filters.ts';
import { outputs } from './outputs.table.ts';
import { shown, type ShownOutput } from './outputs.ts';

/** An output found across camps, with where it came from. */
export interface FoundOutput extends ShownOutput {
  sessionTitle: string;
  eventSlug: string;
  eventName: string;
}

/**
 * What a person typed as an FTS5 query: each word must appear (as a prefix), taken as
 * quoted text, so quotes, brackets and operators typed are searched for, never obeyed.
 */
export function searchQuery(typed: string): string | null {
  const words = typed.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.slice(0, 12).map((w) => `"${w}"*`).join(' ') : null;
}

/**
 * Outputs the public may see (not hidden, of camps that are not drafts), newest first; filtered
 * by a search over titles, notes and actions, by camp, by theme and by council (finding-filters.ts).
 */
export function findOutputs(db: Db, args: { q?: string; eventId?: number; themeKey?: string; councilId?: number; limit: number; offset?: number }): { outputs: FoundOutput[]; total: number } {
  const match = args.q ? searchQuery(args.q) : null;
  const where: SQL[] = [isNull(outputs.hiddenAt), ne(events.status, 'draft')];
  if (args.eventId !== undefined) where.push(eq(outputs.eventId, args.eventId));
  if (args.themeKey !== undefined) where.push(aboutTheme(args.themeKey));
  if (args.councilId !== undefined) where.push(fromCouncil(args.councilId));
  if (match) where.push(inArray(outputs.id, sql`(select rowid from outputs_search where outputs_search match ${match})`));
  const condition = and(...where);
  const rows = db
    .select({ output: outputs, name: people.name, sessionTitle: pitches.title, eventSlug: events.slug, eventName: events.name })
    .from(outputs)
    .innerJoin(events, eq(events.id, outputs.eventId))
    .innerJoin(pitches, eq(pitches.id, outputs.pitchId))
    .leftJoin(people, eq(people.id, outputs.authorId))
    .where(condition)
    // Newest first by id (ids rise with time): SQLite walks the rows backwards and stops at the
    // page's end, instead of sorting every match (bench/outputs-search.ts).
    .orderBy(desc(outputs.id))
    .limit(args.limit)
    .offset(args.offset ?? 0)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(outputs).innerJoin(events, eq(events.id, outputs.eventId)).where(condition).get()!.n;
  return { outputs: rows.map((r) => ({ ...shown(r.output, r.name), sessionTitle: r.sessionTitle, eventSlug: r.eventSlug, eventName: r.eventName })), total };
}

/** Camps that have outputs the public may see, for the filter. */
export function campsWithOutputs(db: Db): Array<{ id: number; slug: string; name: string }> {
  return db
    .selectDistinct({ id: events.id, slug: events.slug, name: events.name })
    .from(outputs)
    .innerJoin(events, eq(events.id, outputs.eventId))
    .where(and(isNull(outputs.hiddenAt), ne(events.status, 'draft')))
    .orderBy(desc(events.id))
    .all();
}
