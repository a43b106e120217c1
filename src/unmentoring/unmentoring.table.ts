import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { people } from '../people/people.table.ts';

/** Someone in the UnMentoring scheme. Joining is their consent to share their address with a partner. */
export const unmentoringMembers = sqliteTable('unmentoring_members', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  organisation: text('organisation').notNull().default(''),
  topics: text('topics').notNull().default(''),
  // Left out of the next round only; the round clears it.
  skipNextRound: integer('skip_next_round', { mode: 'boolean' }).notNull().default(false),
  joinedAt: integer('joined_at').notNull(),
});

/** One round of pairings, started by an administrator. */
export const unmentoringRounds = sqliteTable('unmentoring_rounds', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: integer('started_at').notNull(),
  startedBy: integer('started_by').references(() => people.id, { onDelete: 'set null' }),
});

/** Who was in which group of a round, with their organisation as it was then. */
export const unmentoringMeetings = sqliteTable(
  'unmentoring_meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id')
      .notNull()
      .references(() => unmentoringRounds.id, { onDelete: 'cascade' }),
    groupNumber: integer('group_number').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organisation: text('organisation').notNull().default(''),
  },
  (t) => [index('unmentoring_meetings_round_group').on(t.roundId, t.groupNumber), index('unmentoring_meetings_person').on(t.personId)],
);

/**
 * When rounds start by themselves: one row (id 1), or none for "never". A day of the month
 * (1–28, so every month has it) means a round starts on or after that day each month.
 */
export const unmentoringSchedule = sqliteTable('unmentoring_schedule', {
  id: integer('id').primaryKey(),
  dayOfMonth: integer('day_of_month'),
});
