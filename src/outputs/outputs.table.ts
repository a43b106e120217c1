import { sqliteTable, integer, text, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { events } from '../events/events.table.ts';
import { people } from '../people/people.table.ts';
import { pitches } from '../pitches/pitches.table.ts';

export const outputKinds = ['notes', 'link', 'action'] as const;
export type OutputKind = (typeof outputKinds)[number];

/** The licences a camp can choose for what its sessions make; the first is the default. */
export const outputLicences = ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'OGL-UK-3.0'] as const;
export type OutputLicence = (typeof outputLicences)[number];

/**
 * What a session made: written notes, a link (slides, a document, a video) or an action (what
 * happens next, and who said they would do it). Added by the people who were there, shown
 * openly under the camp's licence.
 */
export const outputs = sqliteTable(
  'outputs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    pitchId: integer('pitch_id')
      .notNull()
      .references(() => pitches.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: outputKinds }).notNull(),
    title: text('title').notNull(),
    // Notes' text or the action's "what happens next"; plain text, web addresses become links.
    body: text('body').notNull().default(''),
    url: text('url'),
    // Who said they would do an action: a name as typed, never an account.
    owner: text('owner').notNull().default(''),
    licence: text('licence', { enum: outputLicences }).notNull().default('CC-BY-4.0'),
    // Gone when the author deletes their details: the output stays, by "a participant".
    authorId: integer('author_id').references(() => people.id, { onDelete: 'set null' }),
    credited: integer('credited', { mode: 'boolean' }).notNull().default(true),
    hiddenAt: integer('hidden_at'),
    hiddenReason: text('hidden_reason'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('outputs_pitch').on(t.pitchId, t.createdAt),
    index('outputs_event_created').on(t.eventId, t.createdAt),
    // /outputs' council filter finds a council's people's outputs by author (finding-filters.ts).
    index('outputs_author').on(t.authorId, t.eventId),
    // A camp's outputs newest first without sorting them all: /outputs?camp= (bench/outputs-search.ts).
    index('outputs_event_newest').on(t.eventId, t.id, t.hiddenAt),
  ],
);

/** Why an output was hidden or shown again, and by whom: the organisers' record. */
export const outputModeration = sqliteTable('output_moderation', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  outputId: integer('output_id')
    .notNull()
    .references(() => outputs.id, { onDelete: 'cascade' }),
  action: text('action', { enum: ['hidden', 'restored'] }).notNull(),
  reason: text('reason').notNull(),
  byPersonId: integer('by_person_id').references(() => people.id, { onDelete: 'set null' }),
  createdAt: integer('created_at').notNull(),
});

/** A camp's own choices for its outputs; a camp without a row has the defaults. */
export const outputSettings = sqliteTable('output_settings', {
  eventId: integer('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  licence: text('licence', { enum: outputLicences }).notNull().default('CC-BY-4.0'),
  // How many days after the camp's last day the digest email goes to the people who came.
  digestDaysAfter: integer('digest_days_after').notNull().default(7),
});

/** A person at a camp, for the digest's records: both go when the camp or the person does. */
const campAndPerson = () => ({
  eventId: integer('event_id')
    .notNull()
    .references(() => events.id, { onDelete: 'cascade' }),
  personId: integer('person_id')
    .notNull()
    .references(() => people.id, { onDelete: 'cascade' }),
});

/**
 * Who was sent a camp's digest: written in the transaction that queues the email, so each
 * person gets it once however often the job runs. `outboxId` is null for someone who had
 * nothing in it (no outputs from their sessions), opted out, or stopped announcements.
 */
export const outputDigestsSent = sqliteTable(
  'output_digests_sent',
  { ...campAndPerson(), outboxId: integer('outbox_id'), decidedAt: integer('decided_at').notNull() },
  (t) => [primaryKey({ columns: [t.eventId, t.personId] })],
);

/** People who asked, from a digest's link, not to get this camp's digest. */
export const outputDigestOptOuts = sqliteTable('output_digest_opt_outs', { ...campAndPerson(), stoppedAt: integer('stopped_at').notNull() }, (t) => [
  primaryKey({ columns: [t.eventId, t.personId] }),
]);
