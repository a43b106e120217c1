import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, isNotNull, lt } from 'drizzle-orm';
import type { Db } from './db/open.ts';
import { outbox } from './mail/mail.table.ts';
import { browserSessions, signInLinks } from './people/people.table.ts';
import { uploadsDir } from './sponsors/logos.ts';
import { sponsors } from './sponsors/sponsors.table.ts';

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

/** A file younger than this may belong to a form whose record is being written right now. */
const uploadGraceMs = 60 * 60 * 1000;

/**
 * Removes uploaded files that no record points to (a logo replaced, a sponsor deleted, a form
 * that failed after its file was written), so the public folder holds only what is shown.
 */
export function removeOrphanedUploads(db: Db, dataDir: string, now: Date): number {
  const dir = uploadsDir(dataDir);
  if (!existsSync(dir)) return 0;
  const used = new Set(db.selectDistinct({ logo: sponsors.logo }).from(sponsors).where(isNotNull(sponsors.logo)).all().map((r) => r.logo));
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (used.has(name) || statSync(path).mtimeMs > now.getTime() - uploadGraceMs) continue;
    rmSync(path, { force: true });
    removed++;
  }
  return removed;
}
