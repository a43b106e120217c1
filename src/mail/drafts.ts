import { asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { ComposedMail } from './compose.ts';
import { outbox } from './mail.table.ts';
import { insertOutboxRow, type OutboxMessage } from './outbox.ts';

/**
 * Emails whose words are written when they are about to be sent, not when they are queued.
 * Writing an email (its templates, a calendar invitation) is most of what queueing it costs,
 * and a registration rush queues one per registration while two thousand people wait for their
 * answer: queued as a draft, the row holds what the words are written from, the change and
 * its email are still committed together, and the sender writes the words once the rush has
 * passed (mail/sender.ts gives way to a busy site). A draft's subject is written at once, so
 * lists of mail read as before.
 *
 * A writer is registered by the area that queues its drafts, when its module loads: whoever
 * queued a draft in this process has loaded its writer.
 */
export type DraftWriter = (db: Db, draft: { data: unknown; to: string; queuedAt: Date }) => Omit<ComposedMail, 'subject'> & { subject?: string; calendar: { method: string; content: string } | null };

const writers = new Map<string, DraftWriter>();

export function registerDraftWriter(name: string, writer: DraftWriter): void {
  writers.set(name, writer);
}

/** Queues an email whose words `writer` writes later from `data` (JSON: plain values only). */
export function queueDraft(db: Db, now: Date, mail: { to: string; subject: string; writer: string; data: unknown }): OutboxMessage {
  return insertOutboxRow(db, now, { to: mail.to, subject: mail.subject, text: '', html: '', calendar: null, draft: { writer: mail.writer, data: mail.data } });
}

/**
 * Writes one draft's words into its row and returns the row as it now is. A draft that cannot
 * be written (what it was written from is gone: a person's data erased since) is marked failed
 * with the reason, and null returned: there is nothing true to send.
 */
export function writeDraft(db: Db, message: OutboxMessage): OutboxMessage | null {
  if (!message.draft) return message;
  const { writer: name, data } = message.draft;
  const writer = writers.get(name);
  let words: ReturnType<DraftWriter> | null;
  try {
    if (!writer) throw new Error(`no writer for ${name} drafts is loaded`);
    words = db.transaction((tx) => writer(tx, { data, to: message.toAddress, queuedAt: new Date(message.createdAt) }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    db.update(outbox).set({ status: 'failed', lastError: `could not be written: ${reason}`.slice(0, 1000), draft: null }).where(eq(outbox.id, message.id)).run();
    return null;
  }
  return db
    .update(outbox)
    .set({ subject: words.subject ?? message.subject, textBody: words.text, htmlBody: words.html, calendar: words.calendar, draft: null })
    .where(eq(outbox.id, message.id))
    .returning()
    .get()!;
}

/** Writes every draft still waiting, oldest first (before mail is read other than to send it). */
export function writeDrafts(db: Db): void {
  for (const message of db.select().from(outbox).where(isNotNull(outbox.draft)).orderBy(asc(outbox.id)).all()) writeDraft(db, message);
}
