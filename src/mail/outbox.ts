import { secureRandomBytes } from '../random.ts';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { preparedQuery } from '../db/prepared.ts';
import type { ComposedMail } from './compose.ts';
import { outbox, type MailDraft } from './mail.table.ts';

export type OutboxMessage = typeof outbox.$inferSelect;

export interface QueuedMail extends ComposedMail {
  to: string;
  calendar?: { method: string; content: string } | null;
  /** Announcements only: the "stop announcements" link, for the List-Unsubscribe header. */
  listUnsubscribe?: string;
}

/**
 * The outbox insert: with a calendar part, as a draft (mail/drafts.ts), or plain. Separate
 * queries, because a placeholder for a JSON column would store a missing value as the text `null`.
 */
const insertMail = (json: 'calendar' | 'draft' | null) =>
  preparedQuery((db) =>
    db
      .insert(outbox)
      .values({
        messageId: sql.placeholder('messageId'),
        toAddress: sql.placeholder('toAddress'),
        subject: sql.placeholder('subject'),
        textBody: sql.placeholder('textBody'),
        htmlBody: sql.placeholder('htmlBody'),
        calendar: json === 'calendar' ? sql.placeholder('calendar') : null,
        draft: json === 'draft' ? sql.placeholder('draft') : null,
        listUnsubscribe: sql.placeholder('listUnsubscribe'),
        nextAttemptAt: sql.placeholder('nextAttemptAt'),
        createdAt: sql.placeholder('createdAt'),
      })
      .returning()
      .prepare(),
  );
const insertMailWithCalendar = insertMail('calendar');
const insertDraft = insertMail('draft');
const insertMailAlone = insertMail(null);

/**
 * Queues an email. Call it inside the transaction that makes the change the email announces,
 * so the two are committed (or lost) together.
 */
export function queueMail(db: Db, now: Date, mail: QueuedMail): OutboxMessage {
  return insertOutboxRow(db, now, { ...mail, draft: null });
}

/** One outbox row, due now; a draft's words are empty until written. */
export function insertOutboxRow(db: Db, now: Date, mail: QueuedMail & { draft: MailDraft | null }): OutboxMessage {
  const messageId = `<${secureRandomBytes(16).toString('hex')}@campgrid>`;
  const insert = mail.draft ? insertDraft : mail.calendar ? insertMailWithCalendar : insertMailAlone;
  return insert(db).get({
    messageId,
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html,
    calendar: mail.calendar,
    draft: mail.draft,
    listUnsubscribe: mail.listUnsubscribe ?? null,
    nextAttemptAt: now.getTime(),
    createdAt: now.getTime(),
  })!;
}

/** Messages whose next attempt is due, oldest first. */
export function dueMessages(db: Db, now: Date, limit = 50): OutboxMessage[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'queued'), lte(outbox.nextAttemptAt, now.getTime())))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .all();
}

export function markSent(db: Db, id: number, now: Date): void {
  db.update(outbox)
    .set({ status: 'sent', sentAt: now.getTime(), attempts: sqlIncrement(db, id), lastError: null })
    .where(eq(outbox.id, id))
    .run();
}

/** Attempts after which a message is marked failed and left for an organiser to look at. */
export const maxAttempts = 12;

/** Exponential backoff: 30 s, 1 min, 2 min … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export function markAttemptFailed(db: Db, id: number, now: Date, error: string): void {
  const attempts = sqlIncrement(db, id);
  db.update(outbox)
    .set({
      attempts,
      lastError: error.slice(0, 1000),
      status: attempts >= maxAttempts ? 'failed' : 'queued',
      nextAttemptAt: now.getTime() + retryDelayMs(attempts),
    })
    .where(eq(outbox.id, id))
    .run();
}

function sqlIncrement(db: Db, id: number): number {
  const row = db.select({ attempts: outbox.attempts }).from(outbox).where(eq(outbox.id, id)).get();
  return (row?.attempts ?? 0) + 1;
}
