import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { events, rooms, slots } from '../events/events.table.ts';
import { people } from '../people/people.table.ts';
import { pitches } from '../pitches/pitches.table.ts';
import type { PublishedGrid } from './published.ts';

/** The draft grid: where each placed pitch sits (its first slot, for double sessions). */
export const gridPlacements = sqliteTable(
  'grid_placements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    pitchId: integer('pitch_id')
      .notNull()
      .unique()
      .references(() => pitches.id, { onDelete: 'cascade' }),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    slotId: integer('slot_id')
      .notNull()
      .references(() => slots.id, { onDelete: 'cascade' }),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
  },
  // One session per room and slot, whatever the application does (a double's second slot is checked by the editor).
  (t) => [index('grid_placements_event').on(t.eventId), uniqueIndex('grid_placements_room_slot').on(t.roomId, t.slotId)],
);

export interface UndoStep {
  description: string;
  placements: Array<{ pitchId: number; roomId: number; slotId: number; pinned: boolean }>;
}

export interface SchedulerProposal {
  basedOnVersion: number;
  mode: 'replan' | 'fill';
  assignments: Array<{ pitchId: number; roomId: number; slotId: number }>;
  unscheduled: Array<{ pitchId: number; reason: string }>;
  metrics: { missed: number; overflow: number; moves: number; score: number; lowerBound?: number };
  elapsedMs: number;
}

/**
 * Per event: the draft's version (every edit carries the version it was made on, and a stale
 * one is refused), the one step that undo restores, and the scheduler's latest proposal.
 */
export const gridDrafts = sqliteTable('grid_drafts', {
  eventId: integer('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  version: integer('version').notNull().default(0),
  undo: text('undo', { mode: 'json' }).$type<UndoStep | null>(),
  proposal: text('proposal', { mode: 'json' }).$type<SchedulerProposal | null>(),
  updatedAt: integer('updated_at').notNull(),
});

/** Each publish: a numbered version whose snapshot is all the public ever sees. */
export const gridVersions = sqliteTable(
  'grid_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    publishedAt: integer('published_at').notNull(),
    publishedBy: integer('published_by').references(() => people.id, { onDelete: 'set null' }),
    snapshot: text('snapshot', { mode: 'json' }).$type<PublishedGrid>().notNull(),
  },
  (t) => [uniqueIndex('grid_versions_event_number').on(t.eventId, t.number)],
);

