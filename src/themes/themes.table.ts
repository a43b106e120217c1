import { sqliteTable, integer, text, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { events } from '../events/events.table.ts';
import { pitches } from '../pitches/pitches.table.ts';

/**
 * What a camp's sessions are about, in the organisers' words (people, places, technology,
 * democracy): pitches are tagged with them, the board filters by them, and insights weigh them.
 */
export const themes = sqliteTable(
  'themes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // The name's lower-case form: one camp cannot have "Democracy" and "democracy".
    nameKey: text('name_key').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('themes_event_name').on(t.eventId, t.nameKey)],
);

/** Which themes a pitch carries. A removed theme leaves its pitches untagged, nothing else. */
export const pitchThemes = sqliteTable(
  'pitch_themes',
  {
    pitchId: integer('pitch_id')
      .notNull()
      .references(() => pitches.id, { onDelete: 'cascade' }),
    themeId: integer('theme_id')
      .notNull()
      .references(() => themes.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.pitchId, t.themeId] }), index('pitch_themes_theme').on(t.themeId)],
);
