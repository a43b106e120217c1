import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';
import { people } from '../people/people.table.ts';

/**
 * A random key per person. With the server's secret it derives the secret address of each of
 * their agenda feeds, so the addresses are never stored; replacing the key stops every old one.
 */
export const calendarFeedKeys = sqliteTable('calendar_feed_keys', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  key: text('key').notNull(),
  createdAt: integer('created_at').notNull(),
});
