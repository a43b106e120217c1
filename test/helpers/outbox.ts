import { asc } from 'drizzle-orm';
import type { Db } from '../../src/db/open.ts';
import { writeDrafts } from '../../src/mail/drafts.ts';
import { outbox } from '../../src/mail/mail.table.ts';

/** Every message queued, oldest first, with its words written (as the sender writes them before sending). */
export function outboxMessages(db: Db) {
  writeDrafts(db);
  return db.select().from(outbox).orderBy(asc(outbox.id)).all();
}

/** The first link in the newest message queued for an address. */
export function lastLinkTo(db: Db, address: string): string {
  const message = outboxMessages(db).filter((m) => m.toAddress === address).pop();
  const link = message?.textBody.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no link queued for ${address}`);
  return link;
}

/** The path part of a link to the app under test. */
export function pathOf(link: string): string {
  const url = new URL(link);
  return url.pathname + url.search;
}
