import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';
import { events } from '../events/events.table.ts';
import { people } from '../people/people.table.ts';

/** When a camp's reach page is public: once its last day is over (the default), from now, or never. */
export const reachPublications = ['after-the-event', 'now', 'never'] as const;
export type ReachPublication = (typeof reachPublications)[number];

/** A camp's choice of when its reach figures go public; a camp without a row publishes after the event. */
export const reachSettings = sqliteTable('reach_settings', {
  eventId: integer('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  publication: text('publication', { enum: reachPublications }).notNull().default('after-the-event'),
  changedBy: integer('changed_by').references(() => people.id, { onDelete: 'set null' }),
  changedAt: integer('changed_at').notNull(),
});
