import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

/** An email queued before its words are written: which writer writes them, and from what. */
export interface MailDraft {
  writer: string;
  data: unknown;
}

export const outboxStatuses = ['queued', 'sent', 'failed'] as const;

/**
 * Every email, written in the same transaction as the change that caused it. The sender
 * delivers queued rows with retries; `messageId` is fixed at queue time so a resend after a
 * crash is recognisable as the same message.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id').notNull().unique(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    // Optional iCalendar part: { method, content }.
    calendar: text('calendar', { mode: 'json' }).$type<{ method: string; content: string } | null>(),
    // Set while the words are still to be written (mail/drafts.ts): what to write them from.
    draft: text('draft', { mode: 'json' }).$type<MailDraft | null>(),
    // Announcements only: where the List-Unsubscribe header points, so mail apps offer "unsubscribe".
    listUnsubscribe: text('list_unsubscribe'),
    status: text('status', { enum: outboxStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [index('outbox_due').on(t.status, t.nextAttemptAt), index('outbox_drafts').on(t.id).where(sql`${t.draft} IS NOT NULL`)],
);
