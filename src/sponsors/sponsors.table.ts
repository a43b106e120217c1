import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { events } from '../events/events.table.ts';
import { people } from '../people/people.table.ts';

/** What a package's money pays for, shown beside its sponsors on the event page. */
export const sponsorFunds = ['venue', 'food', 'creche', 'bursaries', 'accessibility'] as const;
export type SponsorFund = (typeof sponsorFunds)[number];

export const logoSizes = ['large', 'medium', 'small'] as const;
export type LogoSize = (typeof logoSizes)[number];

/**
 * A tier sponsors sign up for. `unitsHeld` counts sponsors applied or approved on it; the
 * CHECK is the database's own guarantee that the last unit can never be taken twice.
 */
export const sponsorPackages = sqliteTable(
  'sponsor_packages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // JSON array of benefit lines, in the order the organiser typed them.
    benefits: text('benefits', { mode: 'json' }).$type<string[]>().notNull().default([]),
    pricePence: integer('price_pence').notNull(),
    // null: as many as want it.
    available: integer('available'),
    unitsHeld: integer('units_held').notNull().default(0),
    // The last day sign-ups are taken (YYYY-MM-DD in the event's time zone); null: no deadline.
    signUpDeadline: text('sign_up_deadline'),
    displayOrder: integer('display_order').notNull().default(0),
    logoSize: text('logo_size', { enum: logoSizes }).notNull().default('medium'),
    funds: text('funds', { mode: 'json' }).$type<SponsorFund[]>().notNull().default([]),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('sponsor_packages_event').on(t.eventId, t.displayOrder),
    check('sponsor_packages_units_held', sql`${t.unitsHeld} >= 0 AND (${t.available} IS NULL OR ${t.unitsHeld} <= ${t.available})`),
    check('sponsor_packages_price', sql`${t.pricePence} >= 0`),
  ],
);

export const sponsorStatuses = ['applied', 'approved', 'declined', 'withdrawn'] as const;
export type SponsorStatus = (typeof sponsorStatuses)[number];

export const invoiceStatuses = ['not-invoiced', 'invoiced', 'paid'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

/**
 * An organisation signed up for a package. The package's name, price and benefits are copied
 * here at sign-up: what the sponsor agreed to never changes when the package is edited.
 */
export const sponsors = sqliteTable(
  'sponsors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    packageId: integer('package_id')
      .notNull()
      .references(() => sponsorPackages.id, { onDelete: 'cascade' }),
    status: text('status', { enum: sponsorStatuses }).notNull().default('applied'),
    agreedPackageName: text('agreed_package_name').notNull(),
    agreedPricePence: integer('agreed_price_pence').notNull(),
    agreedBenefits: text('agreed_benefits', { mode: 'json' }).$type<string[]>().notNull(),
    organisationName: text('organisation_name').notNull(),
    website: text('website').notNull(),
    contactName: text('contact_name').notNull(),
    // Stored lower-cased, so /me finds it for the person signed in with that address.
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone').notNull(),
    invoiceAddress: text('invoice_address').notNull(),
    purchaseOrder: text('purchase_order').notNull().default(''),
    vatNumber: text('vat_number').notNull().default(''),
    description: text('description').notNull().default(''),
    // "<sha256>.<ext>" under the data directory's uploads folder.
    logo: text('logo'),
    logoWidth: integer('logo_width'),
    logoHeight: integer('logo_height'),
    agreedToTermsAt: integer('agreed_to_terms_at').notNull(),
    invoiceStatus: text('invoice_status', { enum: invoiceStatuses }).notNull().default('not-invoiced'),
    invoiceReference: text('invoice_reference').notNull().default(''),
    invoicedOn: text('invoiced_on'),
    paidOn: text('paid_on'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('sponsors_event_status').on(t.eventId, t.status), index('sponsors_contact_email').on(t.contactEmail), index('sponsors_package').on(t.packageId)],
);

/**
 * The secret links to a sponsor's own page. Each email carries a fresh one; only the SHA-256
 * of a token is kept, so earlier links keep working and a database copy grants nothing.
 */
export const sponsorLinks = sqliteTable(
  'sponsor_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sponsorId: integer('sponsor_id')
      .notNull()
      .references(() => sponsors.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('sponsor_links_sponsor').on(t.sponsorId)],
);

export const sponsorActions = ['applied', 'changed-details', 'approved', 'declined', 'withdrawn', 'invoiced', 'paid'] as const;
export type SponsorAction = (typeof sponsorActions)[number];

/** Every change to a sponsor: what, when, who (a team member, or null for the sponsor), why. */
export const sponsorHistory = sqliteTable(
  'sponsor_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sponsorId: integer('sponsor_id')
      .notNull()
      .references(() => sponsors.id, { onDelete: 'cascade' }),
    action: text('action', { enum: sponsorActions }).notNull(),
    byPersonId: integer('by_person_id').references(() => people.id, { onDelete: 'set null' }),
    // Who, as shown at the time: kept even if the person is later removed.
    byName: text('by_name').notNull(),
    reason: text('reason').notNull().default(''),
    at: integer('at').notNull(),
  },
  (t) => [index('sponsor_history_sponsor').on(t.sponsorId, t.at)],
);
