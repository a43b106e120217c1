import type { Clock } from './clock.ts';
import type { Db } from './db/open.ts';
import { tidyUp } from './housekeeping.ts';
import type { MailSender } from './mail/sender.ts';
import { runDueDraws } from './tickets/ballot.ts';
import type { Links } from './tickets/manage-links.ts';
import { deleteExpiredNeeds } from './tickets/privacy.ts';
import { askWhetherStillComing } from './tickets/reconfirm.ts';
import { offerPlacesEverywhere } from './tickets/ticket-jobs.ts';
import { expireOffers } from './tickets/waiting-list.ts';

/**
 * Work that happens because time passes: ballots drawn, offers expiring, waves and reservation
 * ends freeing places, reconfirmation emails, deleting data on schedule. Everything it needs is
 * in the database, so a restart simply carries on.
 */
export function runTimedWork(db: Db, now: Date, links: Links): void {
  runDueDraws(db, now, links);
  expireOffers(db, now, links);
  offerPlacesEverywhere(db, now, links);
  askWhetherStillComing(db, now, links);
  deleteExpiredNeeds(db, now);
  tidyUp(db, now);
}

export class TimedWork {
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly options: { db: Db; clock: Clock; links: Links; mail: MailSender; everyMs: number; log: { error(e: unknown): void } },
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
      runTimedWork(this.options.db, this.options.clock.now(), this.options.links);
      this.options.mail.kick();
    } catch (error) {
      this.options.log.error(error);
    }
  }
}
