import type { Clock } from './clock.ts';
import type { Db } from './db/open.ts';
import { pairDueBuddies } from './buddies/buddies.ts';
import { removeOrphanedUploads, tidyUp } from './housekeeping.ts';
import type { MailSender } from './mail/sender.ts';
import { sendDueDigests } from './outputs/digest.ts';
import { runDueDraws } from './tickets/ballot.ts';
import type { Links } from './tickets/manage-links.ts';
import { deleteExpiredNeeds } from './tickets/privacy.ts';
import { askWhetherStillComing } from './tickets/reconfirm.ts';
import { offerPlacesEverywhere } from './tickets/ticket-jobs.ts';
import { expireOffers } from './tickets/waiting-list.ts';
import { startScheduledRound } from './unmentoring/unmentoring.ts';

/**
 * Work that happens because time passes: ballots drawn, offers expiring, waves and reservation
 * ends freeing places, reconfirmation emails, buddies paired, the outputs digest after a camp,
 * UnMentoring's monthly round,
 * deleting data on schedule. Everything it needs is in the database, so a restart simply
 * carries on.
 */
export function runTimedWork(db: Db, now: Date, links: Links): void {
  runDueDraws(db, now, links);
  expireOffers(db, now, links);
  offerPlacesEverywhere(db, now, links);
  askWhetherStillComing(db, now, links);
  pairDueBuddies(db, now, links);
  sendDueDigests(db, now, links);
  startScheduledRound(db, now, links.baseUrl);
  deleteExpiredNeeds(db, now);
  tidyUp(db, now);
}

const uploadSweepEveryMs = 24 * 60 * 60 * 1000;

export class TimedWork {
  private timer: NodeJS.Timeout | undefined;
  private lastUploadSweep = -Infinity;
  constructor(
    private readonly options: { db: Db; clock: Clock; links: Links; mail: MailSender; everyMs: number; dataDir: string; log: { error(e: unknown): void } },
  ) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  tick(): void {
    try {
      const now = this.options.clock.now();
      runTimedWork(this.options.db, now, this.options.links);
      // On start, then daily: the folder's files are read one by one, so not every tick.
      if (now.getTime() - this.lastUploadSweep >= uploadSweepEveryMs) {
        removeOrphanedUploads(this.options.db, this.options.dataDir, now);
        this.lastUploadSweep = now.getTime();
      }
      this.options.mail.kick();
    } catch (error) {
      this.options.log.error(error);
    }
  }
}
