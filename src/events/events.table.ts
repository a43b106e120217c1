import { sqliteTable, integer, text, index, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { people } from '../people/people.table.ts';

export const eventStatuses = ['draft', 'published', 'archived'] as const;
export type EventStatus = (typeof eventStatuses)[number];

export const events = sqliteTable('events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  summary: text('summary').notNull().default(''),
  description: text('description').notNull().default(''),
  timeZone: text('time_zone').notNull().default('Europe/London'),
  venueName: text('venue_name').notNull().default(''),
  venueAddress: text('venue_address').notNull().default(''),
  travelInformation: text('travel_information').notNull().default(''),
  accessInformation: text('access_information').notNull().default(''),
  codeOfConduct: text('code_of_conduct').notNull().default(''),
  status: text('status', { enum: eventStatuses }).notNull().default('draft'),
  // Days before the event when confirmed attendees are asked "still coming?"; null: never.
  reconfirmDaysBefore: integer('reconfirm_days_before'),
  // Access and dietary needs are deleted this many days after the event's last day.
  needsKeptForDays: integer('needs_kept_for_days').notNull().default(30),
  // The camp this one was copied from ("next year in two clicks"), so the two can be compared.
  copiedFromId: integer('copied_from_id').references((): AnySQLiteColumn => events.id, { onDelete: 'set null' }),
  // First-timers who asked are given a buddy this many days before the first day.
  buddiesPairedDaysBefore: integer('buddies_paired_days_before').notNull().default(7),
  // The share of people coming whose first camp it is that the organisers aim for, in percent (insights).
  firstTimerTargetPercent: integer('first_timer_target_percent').notNull().default(50),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const organiserRoles = ['owner', 'organiser', 'helper'] as const;
export type OrganiserRole = (typeof organiserRoles)[number];

export const eventOrganisers = sqliteTable(
  'event_organisers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role', { enum: organiserRoles }).notNull(),
    invitedBy: integer('invited_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('event_organisers_event_person').on(t.eventId, t.personId), index('event_organisers_person').on(t.personId)],
);

/** A date within the event. Start and end are UTC instants of the day's local opening hours. */
export const days = sqliteTable(
  'days',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    label: text('label').notNull().default(''),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
  },
  (t) => [uniqueIndex('days_event_date').on(t.eventId, t.date)],
);

export const roomFeatures = ['step-free', 'hearing-loop', 'projector', 'quiet'] as const;
export type RoomFeature = (typeof roomFeatures)[number];

export const rooms = sqliteTable(
  'rooms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    // JSON array of RoomFeature.
    features: text('features', { mode: 'json' }).$type<RoomFeature[]>().notNull().default([]),
    notes: text('notes').notNull().default(''),
    displayOrder: integer('display_order').notNull().default(0),
  },
  (t) => [uniqueIndex('rooms_event_name').on(t.eventId, t.name)],
);

export const slotKinds = ['session', 'break', 'lunch', 'pitching', 'plenary'] as const;
export type SlotKind = (typeof slotKinds)[number];

export const slots = sqliteTable(
  'slots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dayId: integer('day_id')
      .notNull()
      .references(() => days.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: slotKinds }).notNull(),
    label: text('label').notNull().default(''),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
  },
  (t) => [index('slots_day_start').on(t.dayId, t.startsAt)],
);
