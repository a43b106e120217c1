import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { pitches } from '../pitches/pitches.table.ts';
import { NotFound, RuleViolation } from '../rules.ts';
import { pitchThemes, themes } from './themes.table.ts';

export type Theme = typeof themes.$inferSelect;
export interface ThemeTag {
  id: number;
  name: string;
}

/** Enough themes to sort a camp's sessions by; beyond that they stop helping anyone choose. */
export const themesPerCamp = 20;

const keyOf = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** A camp's themes, in alphabetical order. */
export function themesOf(db: Db, eventId: number): Theme[] {
  return db.select().from(themes).where(eq(themes.eventId, eventId)).orderBy(asc(themes.nameKey)).all();
}

/** A theme of this camp, or a 404. */
export function themeAt(db: Db, eventId: number, themeId: number): Theme {
  const theme = db.select().from(themes).where(and(eq(themes.id, themeId), eq(themes.eventId, eventId))).get();
  if (!theme) throw new NotFound();
  return theme;
}

function assertNameFree(db: Db, eventId: number, name: string, exceptId?: number): void {
  const same = db.select({ id: themes.id }).from(themes).where(and(eq(themes.eventId, eventId), eq(themes.nameKey, keyOf(name)))).get();
  if (same && same.id !== exceptId) throw new RuleViolation({ name: `This camp already has a theme called “${name}”` });
}

/** Organisers add a theme; names are unique in a camp whatever their case, and a camp has at most 20. */
export function defineTheme(db: Db, now: Date, eventId: number, name: string): Theme {
  return db.transaction((tx) => {
    assertNameFree(tx, eventId, name);
    const count = tx.select({ n: sql<number>`count(*)` }).from(themes).where(eq(themes.eventId, eventId)).get()!.n;
    if (count >= themesPerCamp) throw new RuleViolation({ name: `A camp can have at most ${themesPerCamp} themes. Remove one before adding another.` });
    return tx.insert(themes).values({ eventId, name, nameKey: keyOf(name), createdAt: now.getTime() }).returning().get();
  });
}

/** Renaming keeps every pitch's tag: pitches carry the theme, not its name. */
export function renameTheme(db: Db, eventId: number, themeId: number, name: string): void {
  db.transaction((tx) => {
    themeAt(tx, eventId, themeId);
    assertNameFree(tx, eventId, name, themeId);
    tx.update(themes).set({ name, nameKey: keyOf(name) }).where(eq(themes.id, themeId)).run();
  });
}

/** Removing a theme untags its pitches; the pitches themselves stay as they are. */
export function removeTheme(db: Db, eventId: number, themeId: number): void {
  themeAt(db, eventId, themeId);
  db.delete(themes).where(eq(themes.id, themeId)).run();
}

/** Tags must be themes of the pitch's own camp. */
export function checkThemes(db: Db, eventId: number, themeIds: number[]): void {
  if (themeIds.length === 0) return;
  const known = db.select({ id: themes.id }).from(themes).where(and(eq(themes.eventId, eventId), inArray(themes.id, themeIds))).all();
  if (known.length !== new Set(themeIds).size) throw new RuleViolation({ themes: 'Choose from the camp’s themes' });
}

/** Sets a pitch's themes to exactly these (checked with checkThemes first). */
export function tagPitch(db: Db, pitchId: number, themeIds: number[]): void {
  db.delete(pitchThemes).where(eq(pitchThemes.pitchId, pitchId)).run();
  for (const themeId of new Set(themeIds)) db.insert(pitchThemes).values({ pitchId, themeId }).run();
}

/** A pitch's themes, alphabetical. */
export function themesOfPitch(db: Db, pitchId: number): ThemeTag[] {
  return db
    .select({ id: themes.id, name: themes.name })
    .from(pitchThemes)
    .innerJoin(themes, eq(themes.id, pitchThemes.themeId))
    .where(eq(pitchThemes.pitchId, pitchId))
    .orderBy(asc(themes.nameKey))
    .all();
}

/** Every tagged pitch's themes at a camp, in one query: pitch id → its themes, alphabetical. */
export function themesByPitch(db: Db, eventId: number): Map<number, ThemeTag[]> {
  const rows = db
    .select({ pitchId: pitchThemes.pitchId, id: themes.id, name: themes.name })
    .from(pitchThemes)
    .innerJoin(themes, eq(themes.id, pitchThemes.themeId))
    .where(eq(themes.eventId, eventId))
    .orderBy(asc(themes.nameKey))
    .all();
  const byPitch = new Map<number, ThemeTag[]>();
  for (const r of rows) byPitch.set(r.pitchId, [...(byPitch.get(r.pitchId) ?? []), { id: r.id, name: r.name }]);
  return byPitch;
}

/** A condition on pitches: carries this theme. */
export function carriesTheme(themeId: number): SQL {
  return sql`exists(select 1 from ${pitchThemes} where ${pitchThemes.pitchId} = ${pitches.id} and ${pitchThemes.themeId} = ${themeId})`;
}

/** Next year's camp starts with this year's themes (and no pitches to carry them). */
export function copyThemes(tx: Db, now: Date, fromId: number, toId: number): void {
  for (const theme of themesOf(tx, fromId)) tx.insert(themes).values({ eventId: toId, name: theme.name, nameKey: theme.nameKey, createdAt: now.getTime() }).run();
}
