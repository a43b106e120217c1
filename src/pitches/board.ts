import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { carriesTheme, themesByPitch, type ThemeTag } from '../themes/themes.ts';
import { facilitatorNamesByPitch } from './facilitators.ts';
import { interest, pitches, type PitchFormat } from './pitches.table.ts';

export interface BoardFilters {
  dayId?: number;
  format?: PitchFormat;
  /** Words that must all appear in the title or description. */
  words?: string;
  /** Carries this theme of the camp. */
  themeId?: number;
  /** The order pitched (the default), or the most wanted first. */
  order?: 'pitched' | 'wanted';
}

export interface BoardPitch {
  id: number;
  title: string;
  description: string;
  format: PitchFormat;
  needs: (typeof pitches.$inferSelect)['needs'];
  doubleLength: boolean;
  preferredDayId: number | null;
  pinnedDayId: number | null;
  facilitators: string[];
  themes: ThemeTag[];
  count: number;
  mine: boolean;
}

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtersOf(eventId: number, f: BoardFilters): SQL | undefined {
  const conditions: Array<SQL | undefined> = [eq(pitches.eventId, eventId), eq(pitches.status, 'open')];
  if (f.format) conditions.push(eq(pitches.format, f.format));
  if (f.themeId !== undefined) conditions.push(carriesTheme(f.themeId));
  if (f.dayId !== undefined) {
    // A pitch pinned to a day runs that day; otherwise its preference, and with none, any day.
    conditions.push(
      or(
        eq(pitches.pinnedDayId, f.dayId),
        and(isNull(pitches.pinnedDayId), or(eq(pitches.preferredDayId, f.dayId), isNull(pitches.preferredDayId))),
      ),
    );
  }
  for (const word of (f.words ?? '').split(/\s+/).filter(Boolean).slice(0, 10)) {
    conditions.push(sql`(${pitches.title} || ' ' || ${pitches.description}) LIKE ${`%${escapeLike(word)}%`} ESCAPE '\\'`);
  }
  return and(...conditions);
}

/**
 * The pitch board: every open pitch matching the filters, with its confirmed facilitators, how
 * many would go, whether the viewer would, and its themes. Three queries however many pitches there are;
 * counts come from the interest table's primary key, one index lookup per pitch.
 */
export function pitchBoard(db: Db, eventId: number, viewerId: number | null, filters: BoardFilters = {}): BoardPitch[] {
  const rows = db
    .select({
      id: pitches.id,
      title: pitches.title,
      description: pitches.description,
      format: pitches.format,
      needs: pitches.needs,
      doubleLength: pitches.doubleLength,
      preferredDayId: pitches.preferredDayId,
      pinnedDayId: pitches.pinnedDayId,
      count: sql<number>`(select count(*) from ${interest} where ${interest.pitchId} = ${pitches.id})`.mapWith(Number),
      mine: sql<number>`exists(select 1 from ${interest} where ${interest.pitchId} = ${pitches.id} and ${interest.personId} = ${viewerId ?? 0})`.mapWith(Boolean),
    })
    .from(pitches)
    .where(filtersOf(eventId, filters))
    .orderBy(asc(pitches.id))
    .all();
  if (rows.length === 0) return [];
  const names = facilitatorNamesByPitch(db, and(eq(pitches.eventId, eventId), eq(pitches.status, 'open')));
  const tags = themesByPitch(db, eventId);
  const board = rows.map((r) => ({ ...r, mine: Boolean(r.mine), facilitators: names.get(r.id) ?? [], themes: tags.get(r.id) ?? [] }));
  // Sorting is stable: pitches wanted as much stay in the order they were pitched.
  return filters.order === 'wanted' ? board.sort((a, b) => b.count - a.count) : board;
}
