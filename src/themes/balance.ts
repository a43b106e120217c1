import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { gridPlacements } from '../grid/grid.table.ts';
import { latestPublished } from '../grid/published-versions.ts';
import { pitches } from '../pitches/pitches.table.ts';
import { pitchThemes, themes } from './themes.table.ts';
import { themesOf } from './themes.ts';

export interface ThemeBalance {
  themeId: number;
  name: string;
  /** Pitches on the board (open) that carry the theme. */
  pitched: number;
  /** Sessions on the grid that carry the theme. */
  scheduled: number;
}

/**
 * How a camp's themes balance: per theme, how many open pitches carry it and how many
 * sessions on the grid do. "The grid" is the one people see, the latest published grid; before
 * anything is published, the organisers' draft, so the balance can steer the grid being built.
 * Hidden, withdrawn and merged pitches count for neither. A pitch with two themes counts for both.
 */
export function themeBalance(db: Db, eventId: number): ThemeBalance[] {
  const tagged = db
    .select({ pitchId: pitchThemes.pitchId, themeId: pitchThemes.themeId })
    .from(pitchThemes)
    .innerJoin(themes, eq(themes.id, pitchThemes.themeId))
    .innerJoin(pitches, eq(pitches.id, pitchThemes.pitchId))
    .where(and(eq(themes.eventId, eventId), eq(pitches.status, 'open')))
    .all();
  const onGrid = scheduledPitchIds(db, eventId);
  return themesOf(db, eventId).map((theme) => {
    const carrying = tagged.filter((t) => t.themeId === theme.id);
    return { themeId: theme.id, name: theme.name, pitched: carrying.length, scheduled: carrying.filter((t) => onGrid.has(t.pitchId)).length };
  });
}

function scheduledPitchIds(db: Db, eventId: number): Set<number> {
  const published = latestPublished(db, eventId);
  if (published) return new Set(published.sessions.map((s) => s.pitchId));
  return new Set(db.select({ pitchId: gridPlacements.pitchId }).from(gridPlacements).where(eq(gridPlacements.eventId, eventId)).all().map((r) => r.pitchId));
}
