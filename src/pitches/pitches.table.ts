import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { days, events, type RoomFeature } from '../events/events.table.ts';
import { people } from '../people/people.table.ts';

export const pitchFormats = ['discussion', 'show-and-tell', 'workshop', 'makers', 'other'] as const;
export type PitchFormat = (typeof pitchFormats)[number];

/** Room features a session can need: the same words as the rooms' features. */
export type PitchNeed = RoomFeature;

/**
 * open: on the board. hidden: taken off the board by organisers, with a reason the facilitators
 * see. withdrawn: taken back by its facilitators. merged: folded into another pitch, whose
 * page its address now redirects to.
 */
export const pitchStatuses = ['open', 'hidden', 'withdrawn', 'merged'] as const;
export type PitchStatus = (typeof pitchStatuses)[number];

/** Where a pitch came from: typed by an attendee before the day, or taken at the morning's pitch desk. */
export const pitchSources = ['online', 'desk'] as const;

export const countVisibilities = ['while-open', 'after-close'] as const;
export type CountVisibility = (typeof countVisibilities)[number];

/** Per-event pitch settings, kept apart from `events` so the two areas change independently. */
export const pitchSettings = sqliteTable('pitch_settings', {
  eventId: integer('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  // Null: interest is open from the start / never closes.
  interestOpensAt: integer('interest_opens_at'),
  interestClosesAt: integer('interest_closes_at'),
  // 'after-close' hides counts until interest closes, so early pitches don't snowball.
  counts: text('counts', { enum: countVisibilities }).notNull().default('while-open'),
  // Set when the grid is published (and by organisers by hand): facilitators' edits wait for approval.
  changesNeedApproval: integer('changes_need_approval', { mode: 'boolean' }).notNull().default(false),
  updatedAt: integer('updated_at').notNull(),
});

export const pitches = sqliteTable(
  'pitches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    format: text('format', { enum: pitchFormats }).notNull(),
    // JSON array of PitchNeed.
    needs: text('needs', { mode: 'json' }).$type<PitchNeed[]>().notNull().default([]),
    doubleLength: integer('double_length', { mode: 'boolean' }).notNull().default(false),
    preferredDayId: integer('preferred_day_id').references(() => days.id, { onDelete: 'set null' }),
    // Organisers' pin: a hard rule for the scheduler, unlike the facilitator's preference.
    pinnedDayId: integer('pinned_day_id').references(() => days.id, { onDelete: 'set null' }),
    // JSON array of slot ids the facilitators cannot do.
    unavailableSlotIds: text('unavailable_slot_ids', { mode: 'json' }).$type<number[]>().notNull().default([]),
    needsBiggerRoom: integer('needs_bigger_room', { mode: 'boolean' }).notNull().default(false),
    showOfHands: integer('show_of_hands'),
    status: text('status', { enum: pitchStatuses }).notNull().default('open'),
    hiddenReason: text('hidden_reason'),
    mergedIntoId: integer('merged_into_id'),
    source: text('source', { enum: pitchSources }).notNull(),
    createdBy: integer('created_by').references(() => people.id, { onDelete: 'set null' }),
    // A random key sent with the form that created the pitch: the same form sent twice makes one pitch.
    submissionKey: text('submission_key'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('pitches_event_status').on(t.eventId, t.status),
    index('pitches_created_by').on(t.createdBy, t.createdAt),
    uniqueIndex('pitches_submission_key').on(t.createdBy, t.submissionKey),
  ],
);

/**
 * Who runs a pitch: a person (co-facilitators are invited and confirm) or, at the pitch desk,
 * just a name typed for a walk-in without an account.
 */
export const pitchFacilitators = sqliteTable(
  'pitch_facilitators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pitchId: integer('pitch_id')
      .notNull()
      .references(() => pitches.id, { onDelete: 'cascade' }),
    personId: integer('person_id').references(() => people.id, { onDelete: 'cascade' }),
    walkInName: text('walk_in_name'),
    confirmed: integer('confirmed', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('pitch_facilitators_pitch_person').on(t.pitchId, t.personId), index('pitch_facilitators_person').on(t.personId)],
);

/** An attendee's "I'd go". One row per person and pitch, so marking twice is marking once. */
export const interest = sqliteTable(
  'interest',
  {
    pitchId: integer('pitch_id')
      .notNull()
      .references(() => pitches.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pitchId, t.personId] }), index('interest_person').on(t.personId)],
);

/** What a facilitator's edit would change, held for organisers while changes need approval. */
export interface ProposedChange {
  title: string;
  description: string;
  format: PitchFormat;
  needs: PitchNeed[];
  doubleLength: boolean;
  preferredDayId: number | null;
  unavailableSlotIds: number[];
  coFacilitators: string[];
  /** The camp's themes the pitch carries; left out (changes waiting from before themes), its themes stay. */
  themeIds?: number[];
}

export const pitchChanges = sqliteTable(
  'pitch_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pitchId: integer('pitch_id')
      .notNull()
      .references(() => pitches.id, { onDelete: 'cascade' }),
    proposedBy: integer('proposed_by').references(() => people.id, { onDelete: 'set null' }),
    proposed: text('proposed', { mode: 'json' }).$type<ProposedChange>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  // One waiting change per pitch: a newer edit replaces the one not yet looked at.
  (t) => [uniqueIndex('pitch_changes_pitch').on(t.pitchId)],
);
