
import { sqliteTable, integer, text, index, uniqueIndex, real } from 'drizzle-orm/sqlite-core';
import { events, type RoomFeature } from '../events/events.table.ts';
import { people } from '../people/people.table.ts';

export const allocations = ['first-come', 'ballot'] as const;
export type Allocation = (typeof allocations)[number];

export const visibilities = ['public', 'hidden'] as const;

/** What people register for: "Camp day", "Makers day". */
export const ticketTypes = sqliteTable(
  'ticket_types',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    // JSON array of day ids the ticket covers.
    dayIds: text('day_ids', { mode: 'json' }).$type<number[]>().notNull().default([]),
    capacity: integer('capacity').notNull(),
    opensAt: integer('opens_at').notNull(),
    closesAt: integer('closes_at').notNull(),
    visibility: text('visibility', { enum: visibilities }).notNull().default('public'),
    accessCode: text('access_code'),
    allocation: text('allocation', { enum: allocations }).notNull().default('first-come'),
    drawAt: integer('draw_at'),
    drawSeed: text('draw_seed'),
    drawnAt: integer('drawn_at'),
    drawSummary: text('draw_summary', { mode: 'json' }).$type<Record<string, number> | null>(),
    perOrganisationCap: integer('per_organisation_cap'),
    reservedForFirstTimers: integer('reserved_for_first_timers').notNull().default(0),
    reservedForCouncillors: integer('reserved_for_councillors').notNull().default(0),
    reservedUntil: integer('reserved_until'),
    offerHours: integer('offer_hours').notNull().default(48),
    lastMinuteOfferHours: integer('last_minute_offer_hours').notNull().default(4),
    displayOrder: integer('display_order').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('ticket_types_event').on(t.eventId)],
);

/** Part of a ticket type's capacity released at a set time ("100 at 12:00 on 1 November"). */
export const releaseWaves = sqliteTable(
  'release_waves',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketTypeId: integer('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id, { onDelete: 'cascade' }),
    releasesAt: integer('releases_at').notNull(),
    places: integer('places').notNull(),
  },
  (t) => [index('release_waves_type').on(t.ticketTypeId, t.releasesAt)],
);

export const registrationStatuses = ['entered', 'waiting', 'offered', 'confirmed', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const attendeeRoles = ['council-officer', 'councillor', 'supplier', 'charity', 'citizen', 'other'] as const;
export type AttendeeRole = (typeof attendeeRoles)[number];

/** Which pool a held place came from, so reserved shares can be counted. */
export const placePools = ['general', 'first-timers', 'councillors'] as const;
export type PlacePool = (typeof placePools)[number];

/**
 * A person's place on a ticket type. `status` moves entered (ballot) → confirmed or waiting;
 * waiting → offered → confirmed; anything → cancelled. Check-in is a time, not a status, so
 * undoing it is just clearing it.
 */
export const registrations = sqliteTable(
  'registrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketTypeId: integer('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    status: text('status', { enum: registrationStatuses }).notNull(),
    pool: text('pool', { enum: placePools }),
    name: text('name').notNull(),
    organisation: text('organisation').notNull().default(''),
    // The organisation's matching key (see organisationNames); null until worked out on start.
    organisationKey: text('organisation_key'),
    role: text('role', { enum: attendeeRoles }).notNull(),
    firstCamp: integer('first_camp', { mode: 'boolean' }).notNull().default(false),
    noPhotos: integer('no_photos', { mode: 'boolean' }).notNull().default(false),
    showOnAttendeeList: integer('show_on_attendee_list', { mode: 'boolean' }).notNull().default(false),
    agreedToCodeOfConductAt: integer('agreed_to_code_of_conduct_at').notNull(),
    // Place in the queue: registration order, or draw order after a ballot.
    queueOrder: real('queue_order').notNull(),
    offerExpiresAt: integer('offer_expires_at'),
    cancelledReason: text('cancelled_reason'),
    // Random per registration. With the server's secret it derives the manage link sent in
    // every email, so the link itself is never stored; replacing the key revokes old links.
    manageKey: text('manage_key').notNull().unique(),
    // iTIP SEQUENCE for the calendar invitation of this registration.
    invitationSequence: integer('invitation_sequence').notNull().default(0),
    reconfirmAskedAt: integer('reconfirm_asked_at'),
    reconfirmedAt: integer('reconfirmed_at'),
    checkedInAt: integer('checked_in_at'),
    importedFrom: text('imported_from'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('registrations_type_person').on(t.ticketTypeId, t.personId),
    // With the pool, counting a type's held places per pool (every registration asks) reads
    // only this index, not each held registration's row.
    index('registrations_type_status').on(t.ticketTypeId, t.status, t.queueOrder, t.pool),
    // The end of a type's queue (its largest queue order) in a few page reads, not a walk over
    // every registration of the type: each new registration asks for it.
    index('registrations_type_queue').on(t.ticketTypeId, t.queueOrder),
    index('registrations_person').on(t.personId),
    index('registrations_organisation_key').on(t.organisationKey),
  ],
);

/**
 * Access and dietary needs are special-category data: kept apart from the registration, shown
 * only to those who need them, and deleted on a schedule.
 */
export const registrationNeeds = sqliteTable('registration_needs', {
  registrationId: integer('registration_id')
    .primaryKey()
    .references(() => registrations.id, { onDelete: 'cascade' }),
  accessNeeds: text('access_needs').notNull().default(''),
  dietaryNeeds: text('dietary_needs').notNull().default(''),
  deleteAfter: integer('delete_after').notNull(),
});


/** Access needs a person can tick, in the rooms' own feature words so the scheduler can match them. */
export const accessNeedChoices = ['step-free', 'hearing-loop', 'quiet'] as const satisfies readonly RoomFeature[];
export type AccessNeed = (typeof accessNeedChoices)[number];

/**
 * The access needs a registration ticked, beside the free text in `registration_needs`: they
 * are deleted with it, on the same schedule.
 */
export const registrationAccessNeeds = sqliteTable(
  'registration_access_needs',
  {
    registrationId: integer('registration_id')
      .primaryKey()
      .references(() => registrationNeeds.registrationId, { onDelete: 'cascade' }),
    stepFree: integer('step_free', { mode: 'boolean' }).notNull().default(false),
    hearingLoop: integer('hearing_loop', { mode: 'boolean' }).notNull().default(false),
    quietRoom: integer('quiet_room', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('registration_access_needs_step_free').on(t.stepFree)],
);
