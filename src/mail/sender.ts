import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/open.ts';
import { writeDraft } from './drafts.ts';
import { dueMessages, markAttemptFailed, markSent, type OutboxMessage } from './outbox.ts';

declare module '../web/context.ts' {
  interface AppContext {
    /** The app's one mail sender, so routes can nudge it after queueing mail. */
    mail: MailSender;
  }
}

export interface MailSenderOptions {
  db: Db;
  clock: Clock;
  from: string;
  /** smtp:// URL; without it messages are written as .eml files to `mailDir`. */
  smtpUrl: string | undefined;
  mailDir: string;
  pollMs: number;
  /**
   * Name the recipient in the file-delivery log line. On in development, where that line is how
   * a local user finds their sign-in link; off in production, where logs hold no addresses.
   */
  showAddresses?: boolean;
  log: { info(msg: string): void; warn(msg: string): void };
  /**
   * Where the line about a message written to a file (with its links) goes, if not to the log at
   * `info`: the demo logs only warnings but promises its sign-in links on the console.
   */
  mailLinksTo?: (line: string) => void;
  /**
   * Whether the site is busy answering people (a registration rush). Mail gives way while it
   * is, and until it has been quiet for `quietMs` (default 250 ms), for at most `giveWayMs`
   * (default 5 s), so the answers come first and the emails seconds later, not the other way
   * round. A rush has lulls of a moment between its waves: an email sent in each cost the
   * registrations waiting behind it some 4 ms apiece.
   */
  busy?: () => boolean;
  giveWayMs?: number;
  quietMs?: number;
}

/**
 * Delivers the outbox in the background. Runs one pass at a time; `kick()` asks for a pass
 * soon (after a commit that queued mail), and a timer catches retries and restarts.
 */
export class MailSender {
  private transport: Transporter;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  /** The timer runs and kicks are heeded only between start() and stop(). */
  private started = false;
  private stopping = false;
  /**
   * Set when an attempt has just failed (the SMTP server is likely down): kicks are ignored
   * until the next timed pass, so a rush of registrations makes one attempt per poll rather
   * than one per registration, each pushing another message into backoff.
   */
  private resting = false;
  /** When mail began giving way to a busy site. */
  private busySince: number | undefined;

  constructor(private readonly options: MailSenderOptions) {
    this.transport = options.smtpUrl
      ? nodemailer.createTransport(options.smtpUrl, { from: options.from })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  start(): void {
    this.started = true;
    this.stopping = false;
    this.schedule(0);
  }

  /** Ask for a delivery pass now (coalesced with one already running). */
  kick(): void {
    if (!this.started || this.stopping || this.resting) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** One delivery pass over every due message; resolves when done. */
  deliverDue(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again && this.started && !this.stopping && !this.resting) {
        this.again = false;
        this.schedule(0);
      }
    });
    return this.running;
  }

  /** Stops the timer and waits for the delivery attempt in flight (graceful shutdown). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.running) await this.running;
    this.transport.close();
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.resting = false;
      void this.deliverDue().finally(() => {
        if (this.started && !this.stopping) this.schedule(this.options.pollMs);
      });
    }, ms);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    const { db, clock } = this.options;
    // Each pass gives way afresh: a rush that ended before this pass does not use up its time.
    this.busySince = undefined;
    // Several batches per pass so a burst (a publish emailing everyone) drains quickly.
    for (let batch = 0; batch < 20 && !this.stopping; batch++) {
      const due = dueMessages(db, clock.now());
      if (due.length === 0) return;
      for (const queued of due) {
        await this.giveWay();
        // A draft's words are written now, after the rush that queued it (mail/drafts.ts).
        const message = writeDraft(db, queued);
        if (!message) {
          this.options.log.warn(`mail ${queued.id} could not be written and is marked failed`);
          continue;
        }
        try {
          await this.send(message);
          markSent(db, message.id, clock.now());
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          markAttemptFailed(db, message.id, clock.now(), reason);
          this.options.log.warn(`mail ${message.id} not sent, will retry: ${reason}`);
          this.resting = true;
          // The server is likely down: leave the rest for the next pass instead of hammering it.
          return;
        }
      }
    }
  }

  /**
   * Waits while the site is busy and until it has been quiet for a while, unless it has been
   * busy for so long that mail must go anyway.
   */
  private async giveWay(): Promise<void> {
    const { busy, giveWayMs = 5_000, quietMs = 250 } = this.options;
    if (!busy) return;
    let quietSince: number | undefined;
    while (!this.stopping) {
      const now = Date.now();
      if (busy()) {
        this.busySince ??= now;
        quietSince = undefined;
      } else {
        // Not busy now, nor since this wait began: go at once.
        if (this.busySince === undefined) break;
        quietSince ??= now;
        if (now - quietSince >= quietMs) break;
      }
      if (now - this.busySince >= giveWayMs) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.busySince = undefined;
  }

  private async send(message: OutboxMessage): Promise<void> {
    const info = await this.transport.sendMail({
      from: this.options.from,
      to: message.toAddress,
      subject: message.subject,
      text: message.textBody,
      html: message.htmlBody,
      messageId: message.messageId,
      date: new Date(message.createdAt),
      ...(message.listUnsubscribe ? { list: { unsubscribe: message.listUnsubscribe } } : {}),
      ...(message.calendar
        ? {
            icalEvent: {
              method: message.calendar.method,
              filename: 'invitation.ics',
              content: message.calendar.content,
            },
          }
        : {}),
    });
    if (!this.options.smtpUrl) this.writeFile(message, (info as unknown as { message: Buffer }).message);
  }

  private writeFile(message: OutboxMessage, raw: Buffer): void {
    mkdirSync(this.options.mailDir, { recursive: true });
    const file = join(this.options.mailDir, `${String(message.id).padStart(6, '0')}.eml`);
    writeFileSync(file, raw);
    const links = message.textBody.match(/https?:\/\/\S+/g) ?? [];
    // Without SMTP a local user can still sign in: the link goes to the console too.
    const to = this.options.showAddresses ? message.toAddress : '[email]';
    const line = `mail to ${to}: "${message.subject}" written to ${file}${links.length ? `\n  ${links.join('\n  ')}` : ''}`;
    if (this.options.mailLinksTo) this.options.mailLinksTo(line);
    else this.options.log.info(line);
  }
}
