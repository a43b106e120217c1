import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

export const people = sqliteTable('people', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  // Always stored lower-cased and trimmed: one person per address.
  email: text('email').notNull().unique(),
  // The inbox the address delivers to (mailboxOf): someone+1@ and some.one@gmail are one person's.
  mailbox: text('mailbox').notNull().default(''),
  name: text('name').notNull().default(''),
  isAdministrator: integer('is_administrator', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('people_mailbox').on(t.mailbox)]);

/** A single-use link sent by email. Only the SHA-256 of the token is kept. */
export const signInLinks = sqliteTable(
  'sign_in_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    email: text('email').notNull(),
    // 'sign-in' signs an existing or new person in; 'administrator' also makes them an administrator.
    purpose: text('purpose', { enum: ['sign-in', 'administrator'] }).notNull().default('sign-in'),
    nextPath: text('next_path'),
    requestedFromIp: text('requested_from_ip'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('sign_in_links_email_created').on(t.email, t.createdAt), index('sign_in_links_ip_created').on(t.requestedFromIp, t.createdAt)],
);

/** A browser session. The cookie holds the token; only its hash is stored. */
export const browserSessions = sqliteTable(
  'browser_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('browser_sessions_person').on(t.personId)],
);
