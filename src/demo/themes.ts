import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { pitches } from '../pitches/pitches.table.ts';
import { defineTheme, tagPitch } from '../themes/themes.ts';

/** The demo camps' themes: the topics LocalGovCamp boards fall into, and places for the local ones. */
export const demoThemes = ['Data', 'Democracy', 'Design', 'People', 'Places', 'Technology'] as const;
export type DemoTheme = (typeof demoThemes)[number];

const themeOfTopic: Record<string, DemoTheme> = { data: 'Data', digital: 'Technology', design: 'Design', democracy: 'Democracy', people: 'People' };
// Sessions about somewhere in particular are about places too.
const aboutPlaces = /rural|street|parish|welsh|district|postcode|\bbin\b|park|town|high street|flood/i;

/** Defines the demo's themes at a camp; returns each theme's id by name. */
export function defineDemoThemes(db: Db, now: Date, eventId: number): Map<DemoTheme, number> {
  return new Map(demoThemes.map((name) => [name, defineTheme(db, now, eventId, name).id]));
}

/** The themes a demo session carries: its topic's, and Places when it is about somewhere. */
export function demoThemesOf(title: string, topic: string): DemoTheme[] {
  const themes: DemoTheme[] = [themeOfTopic[topic] ?? 'People'];
  if (aboutPlaces.test(title) && !themes.includes('Places')) themes.push('Places');
  return themes;
}

/** The coming camp's themes, with every pitch tagged by its topic (and Places where it fits). */
export function seedDemoThemes(db: Db, now: Date, eventId: number, made: Array<{ id: number; topic: string }>): void {
  const ids = defineDemoThemes(db, now, eventId);
  for (const { id, topic } of made) {
    const title = db.select({ title: pitches.title }).from(pitches).where(eq(pitches.id, id)).get()!.title;
    tagPitch(db, id, demoThemesOf(title, topic).map((name) => ids.get(name)!));
  }
}
