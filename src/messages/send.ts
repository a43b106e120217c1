import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { composeMail } from '../mail/compose.ts';
import { queueMail } from '../mail/outbox.ts';
import { displayName, findOrCreatePerson, type Person } from '../people/people.ts';
import { RuleViolation } from '../rules.ts';
import { audienceOf } from './audience.ts';
import { eventMessages } from './messages.table.ts';
import { unsubscribeLink } from './unsubscribe.ts';

export type SentMessage = typeof eventMessages.$inferSelect;

export interface MessageDraft {
  subject: string;
  body: string;
  groups: string[];
}

/** Where links in a message point and what signs them. */
export interface MessageLinks {
  baseUrl: string;
  secret: string;
}

/** A message as one person gets it: the organisers' words, then how to stop announcements. */
export function composeAnnouncement(event: CampEvent, draft: Pick<MessageDraft, 'subject' | 'body'>, recipientName: string, stopLink: string) {
  const paragraphs = draft.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return composeMail('announcement', draft.subject, { eventName: event.name, recipientName, body: draft.body.trim(), paragraphs, stopLink });
}

export const nobodyMessage = 'Nobody is in the groups you chose (or everyone in them has stopped announcements), so there is no one to send this message to';

/**
 * Sends a message to everyone in the chosen groups, one email each however many groups they
 * are in, all queued in the outbox in one transaction with the log entry, so either everyone's
 * email is on its way or nobody's is. A message to nobody is refused. The same `sendKey`
 * twice (Send pressed again) sends once.
 */
export function sendMessage(db: Db, now: Date, args: { event: CampEvent; draft: MessageDraft; sendKey: string; by: Person; links: MessageLinks }): SentMessage {
  const { event, draft, sendKey, by, links } = args;
  return db.transaction((tx) => {
    const already = tx.select().from(eventMessages).where(and(eq(eventMessages.eventId, event.id), eq(eventMessages.sendKey, sendKey))).get();
    if (already) return already;
    const { recipients, leftOut } = audienceOf(tx, now, event.id, draft.groups);
    if (recipients.length === 0) throw new RuleViolation({ groups: nobodyMessage });
    for (const r of recipients) {
      const personId = r.personId ?? findOrCreatePerson(tx, now, r.email, r.name).id;
      const stopLink = unsubscribeLink(links.baseUrl, links.secret, personId);
      queueMail(tx, now, { ...composeAnnouncement(event, draft, r.name, stopLink), to: r.email, listUnsubscribe: stopLink });
    }
    return tx
      .insert(eventMessages)
      .values({ eventId: event.id, ...draft, sentBy: by.id, sentByName: displayName(by), recipients: recipients.length, leftOut, sendKey, sentAt: now.getTime() })
      .returning()
      .get();
  });
}

/** What has been sent for the event, newest first. */
export function messagesSent(db: Db, eventId: number): SentMessage[] {
  return db.select().from(eventMessages).where(eq(eventMessages.eventId, eventId)).orderBy(desc(eventMessages.sentAt), desc(eventMessages.id)).all();
}
