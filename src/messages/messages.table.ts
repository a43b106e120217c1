import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { events } from '../events/events.table.ts';
import { people } from '../people/people.table.ts';

/**
 * A message organisers sent to the people coming: what it said, who chose which groups, and how
 * many people it went to. `sendKey` comes from the preview's form, so the same Send pressed
 * twice sends once.
 */
export const eventMessages = sqliteTable(
  'event_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    // JSON array of the audience groups chosen ("confirmed", "ticket-type:3" …).
    groups: text('groups', { mode: 'json' }).$type<string[]>().notNull(),
    sentBy: integer('sent_by').references(() => people.id, { onDelete: 'set null' }),
    // Who, as shown at the time: kept even if the person is later removed.
    sentByName: text('sent_by_name').notNull(),
    recipients: integer('recipients').notNull(),
    // People in the groups who had stopped announcements, so were left out.
    leftOut: integer('left_out').notNull().default(0),
    sendKey: text('send_key').notNull(),
    sentAt: integer('sent_at').notNull(),
  },
  (t) => [index('event_messages_event').on(t.eventId, t.sentAt), uniqueIndex('event_messages_send_key').on(t.eventId, t.sendKey)],
);

/**
 * Mailboxes that stopped announcements. Kept by mailbox (mailboxOf), not address, so
 * someone+camp@ and someone@ are one choice. Transactional mail (tickets, offers, sign-in)
 * never reads this.
 */
export const announcementOptOuts = sqliteTable('announcement_opt_outs', {
  mailbox: text('mailbox').primaryKey(),
  stoppedAt: integer('stopped_at').notNull(),
});
