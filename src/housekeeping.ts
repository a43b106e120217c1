import { and, eq, lt } from 'drizzle-orm';
import type { Db } from './db/open.ts';
import { outbox } from './mail/mail.table.ts';
import { browserSessions, signInLinks } from './people/people.table.ts';

const day = 24 * 60 * 60 * 1000;

/** How long records are kept: the privacy notice promises these figures. */
export const retention = {
  signInLinksMs: 30 * day,
  sentMailMs: 90 * day,
};

/** Deletes what the privacy notice says is not kept: old sign-in records, sent mail, ended sessions. */
export function tidyUp(db: Db, now: Date): { signInLinks: number; sentMail: number; sessions: number } {
  const t = now.getTime();
  return db.transaction((tx) => ({
    signInLinks: tx.delete(signInLinks).where(lt(signInLinks.createdAt, t - retention.signInLinksMs)).run().changes,
    sentMail: tx
      .delete(outbox)
      .where(and(eq(outbox.status, 'sent'), lt(outbox.createdAt, t - retention.sentMailMs)))
      .run().changes,
    sessions: tx.delete(browserSessions).where(lt(browserSessions.expiresAt, t)).run().changes,
  }));
}
