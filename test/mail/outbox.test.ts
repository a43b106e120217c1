import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db/open.ts';
import { tidyUp } from '../../src/housekeeping.ts';
import { composeMail } from '../../src/mail/compose.ts';
import { queueMail, retryDelayMs } from '../../src/mail/outbox.ts';
import { MailSender } from '../../src/mail/sender.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { SmtpCapture } from '../helpers/smtp.ts';

const quiet = { info: () => {}, warn: () => {} };

describe('the mail outbox', () => {
  let db: Database;
  let dir: string;
  let clock: FixedClock;
  let smtp: SmtpCapture;
  let sender: MailSender | undefined;

  beforeEach(async () => {
    ({ db, dir } = freshDatabase());
    clock = new FixedClock(testNow);
    smtp = new SmtpCapture();
    await smtp.start();
  });
  afterEach(async () => {
    await sender?.stop();
    await smtp.stop();
    db.$client.close();
  });

  const senderFor = (smtpUrl: string | undefined) =>
    new MailSender({ db, clock, from: 'Campgrid <camp@campgrid.test>', smtpUrl, mailDir: join(dir, 'mail'), pollMs: 60_000, log: quiet });

  const queueSignIn = (to: string) =>
    queueMail(db, clock.now(), { to, ...composeMail('sign-in-link', 'Your Campgrid sign-in link', { link: 'http://campgrid.test/sign-in/abc', minutes: 20 }) });

  it('delivers a queued message over SMTP with a plain-text and an HTML part', async () => {
    const queued = queueSignIn('zoe@example.org');
    sender = senderFor(smtp.url);
    await sender.deliverDue();
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail!.subject).toBe('Your Campgrid sign-in link');
    expect(mail!.messageId).toBe(queued.messageId);
    expect(mail!.text).toContain('http://campgrid.test/sign-in/abc');
    expect(mail!.html).toContain('href="http://campgrid.test/sign-in/abc"');
    expect(outboxMessages(db)[0]).toMatchObject({ status: 'sent', attempts: 1, sentAt: testNow.getTime() });
  });

  it('keeps messages queued while the SMTP server is down and sends them once it is back', async () => {
    const port = smtp.port;
    await smtp.stop();
    queueSignIn('rhys@example.org');
    queueSignIn('sam@example.org');
    sender = senderFor(`smtp://127.0.0.1:${port}`);
    await sender.deliverDue();
    const [first, second] = outboxMessages(db);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: testNow.getTime() + retryDelayMs(1) });
    expect(first!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(second).toMatchObject({ status: 'queued', attempts: 0 });

    await smtp.start(port);
    await sender.deliverDue();
    // The failed message waits for its retry time; the untried one goes straight away.
    expect(smtp.messages.map((m) => m.to && !Array.isArray(m.to) && m.to.text)).toEqual(['sam@example.org']);
    clock.advance(retryDelayMs(1));
    await sender.deliverDue();
    expect(smtp.messages).toHaveLength(2);
    expect(outboxMessages(db).map((m) => m.status)).toEqual(['sent', 'sent']);
    expect(outboxMessages(db)[0]!.attempts).toBe(2);
  });

  it('gives way while the site is busy answering people, and sends as soon as it is not', async () => {
    queueSignIn('zoe@example.org');
    let busy = true;
    sender = new MailSender({ db, clock, from: 'Campgrid <camp@campgrid.test>', smtpUrl: smtp.url, mailDir: join(dir, 'mail'), pollMs: 60_000, log: quiet, busy: () => busy });
    const pass = sender.deliverDue();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages).toHaveLength(0);
    expect(outboxMessages(db)[0]).toMatchObject({ status: 'queued', attempts: 0 });
    busy = false;
    await pass;
    expect(smtp.to('zoe@example.org')).toHaveLength(1);
  });

  it('waits for a rush to pass, not for a moment’s lull in it', async () => {
    queueSignIn('ana@example.org');
    queueSignIn('ben@example.org');
    // What the site says at each look: busy, a lull of one look, busy again, then quiet.
    const says = [true, false, true, true, false, false, false, false, false, false, false, false];
    const sentAtLook: number[] = [];
    const busy = () => {
      sentAtLook.push(smtp.messages.length);
      return says[sentAtLook.length - 1] ?? false;
    };
    sender = new MailSender({ db, clock, from: 'Campgrid <camp@campgrid.test>', smtpUrl: smtp.url, mailDir: join(dir, 'mail'), pollMs: 60_000, log: quiet, busy, quietMs: 200 });
    await sender.deliverDue();
    expect(smtp.messages).toHaveLength(2);
    // Looks are 50 ms apart: the first email went only once the site had been quiet for 200 ms
    // (the fifth quiet look in a row), and the second straight after it, the site being quiet.
    const quietFrom = 4;
    expect(sentAtLook.slice(0, quietFrom + 5)).toEqual(Array(quietFrom + 5).fill(0));
    expect(sentAtLook.at(-1)).toBe(1);
  });

  it('gives way only so long: a site that stays busy still gets its mail out', async () => {
    const waiting = Array.from({ length: 12 }, (_, i) => `person${i}@example.org`);
    for (const to of waiting) queueSignIn(to);
    let asked = 0;
    const busy = () => {
      asked++;
      return true;
    };
    sender = new MailSender({ db, clock, from: 'Campgrid <camp@campgrid.test>', smtpUrl: smtp.url, mailDir: join(dir, 'mail'), pollMs: 60_000, log: quiet, busy, giveWayMs: 200 });
    const began = Date.now();
    await sender.deliverDue();
    expect(Date.now() - began).toBeGreaterThanOrEqual(200);
    // Once it has waited its time, it does not wait again for each message: it looks at the site
    // every 50 ms while it waits, so one 200 ms wait is at most five looks and every later message
    // one more. Twelve waits would be some fifty looks. Counting looks, not milliseconds, holds
    // however slow or busy the machine is.
    expect(asked).toBeLessThanOrEqual(5 + waiting.length);
    expect(smtp.messages).toHaveLength(waiting.length);

    // A later rush gets its own wait: the time used up by the last one does not carry over.
    queueSignIn('rhys@example.org');
    const later = Date.now();
    await sender.deliverDue();
    expect(Date.now() - later).toBeGreaterThanOrEqual(200);
    expect(smtp.to('rhys@example.org')).toHaveLength(1);
  });

  it('backs off exponentially, capped at an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });

  it('survives a restart: a new sender on the same database delivers what was left', async () => {
    queueSignIn('maire@example.org');
    // Nothing was sent before the "crash": a new sender picks the message up.
    sender = senderFor(smtp.url);
    await sender.deliverDue();
    expect(smtp.to('maire@example.org')).toHaveLength(1);
  });

  it('without SMTP, writes each message as an .eml file and prints its links', async () => {
    const lines: string[] = [];
    queueSignIn('zoe@example.org');
    sender = new MailSender({ db, clock, from: 'Campgrid <camp@campgrid.test>', smtpUrl: undefined, mailDir: join(dir, 'mail'), pollMs: 60_000, log: { info: (m) => lines.push(m), warn: () => {} } });
    await sender.deliverDue();
    const files = readdirSync(join(dir, 'mail'));
    expect(files).toEqual(['000001.eml']);
    const raw = readFileSync(join(dir, 'mail', files[0]!), 'utf8');
    expect(raw).toContain('Subject: Your Campgrid sign-in link');
    expect(raw).toContain('Content-Type: text/html');
    expect(lines.join('\n')).toContain('http://campgrid.test/sign-in/abc');
    expect(outboxMessages(db)[0]!.status).toBe('sent');
  });

  it('is tidied: sent mail older than 90 days is deleted, queued mail never', () => {
    queueSignIn('old@example.org');
    db.$client.prepare("update outbox set status = 'sent'").run();
    queueSignIn('stuck@example.org');
    clock.advance(91 * 24 * 60 * 60 * 1000);
    expect(tidyUp(db, clock.now()).sentMail).toBe(1);
    expect(outboxMessages(db).map((m) => m.toAddress)).toEqual(['stuck@example.org']);
    expect(existsSync(dir)).toBe(true);
  });
});
