import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { events } from '../events/events.table.ts';
import { people } from '../people/people.table.ts';

export const buddyRoles = ['wants', 'offers'] as const;
export type BuddyRole = (typeof buddyRoles)[number];

/** A person's choice at registration: a first-timer asking for a buddy, or someone offering to be one. */
export const buddyChoices = sqliteTable(
  'buddy_choices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role', { enum: buddyRoles }).notNull(),
    // Their address goes to their buddy only when both sides ticked this.
    shareEmail: integer('share_email', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('buddy_choices_event_person').on(t.eventId, t.personId)],
);

/** A first-timer and their buddy at one camp; both were sent an introduction when it was made. */
export const buddyPairs = sqliteTable(
  'buddy_pairs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    firstTimerId: integer('first_timer_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    buddyId: integer('buddy_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('buddy_pairs_event_first_timer').on(t.eventId, t.firstTimerId), index('buddy_pairs_buddy').on(t.buddyId)],
);
