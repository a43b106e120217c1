import { sqliteTable, integer, text, real, index, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { people } from '../people/people.table.ts';

export const organisationKinds = ['council', 'town-or-parish-council', 'other'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/**
 * Who people come from: the principal councils of the register (with its codes, nation, region
 * and type), town and parish councils under their principal council, and anything else people
 * work for (suppliers, charities) that an organiser has named "not a council".
 */
export const organisations = sqliteTable(
  'organisations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: organisationKinds }).notNull(),
    name: text('name').notNull(),
    // The register's three-letter local-authority code: a council's identity across imports.
    code: text('code').unique(),
    shortName: text('short_name').notNull().default(''),
    gssCode: text('gss_code').notNull().default(''),
    nation: text('nation').notNull().default(''),
    region: text('region').notNull().default(''),
    councilType: text('council_type').notNull().default(''),
    countyCode: text('county_code').notNull().default(''),
    altNames: text('alt_names', { mode: 'json' }).$type<string[]>().notNull().default([]),
    lat: real('lat'),
    long: real('long'),
    govUkSlug: text('gov_uk_slug').notNull().default(''),
    startDate: text('start_date').notNull().default(''),
    // A council gone from a newer register (merged, abolished) is kept for the camps it came to.
    endedAt: integer('ended_at'),
    // A town or parish council's principal council.
    parentId: integer('parent_id').references((): AnySQLiteColumn => organisations.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('organisations_kind').on(t.kind, t.name), index('organisations_parent').on(t.parentId)],
);

export const nameSources = ['register', 'organiser', 'typed'] as const;

/**
 * Every spelling of an organisation, by its matching key (organisationKey): the register's
 * names and alternative spellings, what organisers decided, and what people typed that matches
 * nothing yet (organisationId null, waiting for review). A registration keeps the text as typed
 * and its key, so deciding what a key means applies to every registration with it, past and future.
 */
export const organisationNames = sqliteTable(
  'organisation_names',
  {
    key: text('key').primaryKey(),
    // The text as first typed (or the register's spelling), shown to organisers.
    text: text('text').notNull(),
    organisationId: integer('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    source: text('source', { enum: nameSources }).notNull(),
    decidedBy: integer('decided_by').references(() => people.id, { onDelete: 'set null' }),
    decidedAt: integer('decided_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('organisation_names_organisation').on(t.organisationId), index('organisation_names_source').on(t.source, t.organisationId)],
);
