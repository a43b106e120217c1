import ICAL from 'ical.js';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db/open.ts';
import { queueDraft, writeDraft, writeDrafts } from '../../src/mail/drafts.ts';
import { outbox } from '../../src/mail/mail.table.ts';
import { MailSender } from '../../src/mail/sender.ts';
import { linksFor } from '../../src/tickets/manage-links.ts';
import { releasePlace } from '../../src/tickets/manage.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import { registrations } from '../../src/tickets/tickets.table.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { SmtpCapture } from '../helpers/smtp.ts';
import { attendee, publishedCamp, ticketType } from '../helpers/tickets.ts';

const links = linksFor({ baseUrl: 'http://campgrid.test', sessionSecret: 's'.repeat(48), mailFrom: 'LocalGovCamp <camp@campgrid.test>' });
const quiet = { info: () => {}, warn: () => {} };

/** The outbox as it is stored, drafts unwritten (the test helper writes them; this must not). */
const storedRows = (db: Database) => db.select().from(outbox).orderBy(asc(outbox.id)).all();

const invitationIn = (content: string) => new ICAL.Event(new ICAL.Component(ICAL.parse(content)).getFirstSubcomponent('vevent')!);

describe('ticket emails written when they are sent, not when they are queued', () => {
  let db: Database;
  let dir: string;
  let clock: FixedClock;

  beforeEach(() => {
    ({ db, dir } = freshDatabase());
    clock = new FixedClock(testNow);
  });
  afterEach(() => db.$client.close());

  const registerZoe = () => {
    const { event } = publishedCamp(db, clock.now());
    const type = ticketType(db, clock.now(), event, { capacity: 5 });
    return registerAttendee(db, clock.now(), links, { event, type, details: attendee({ name: 'Zoë Okafor', email: 'zoe@example.org' }) });
  };

  it('queue the subject at once and the words, with the calendar invitation, as of the moment they were queued', () => {
    const outcome = registerZoe();
    expect(outcome.kind).toBe('confirmed');
    const [draft] = storedRows(db);
    expect(draft).toMatchObject({ toAddress: 'zoe@example.org', subject: 'You have a place: Camp day at LocalGovCamp 2027', textBody: '', htmlBody: '', calendar: null, status: 'queued' });
    expect(draft!.draft).toMatchObject({ writer: 'ticket' });

    // Written an hour later, the email still says what was true when it was queued.
    clock.advance(3_600_000);
    writeDrafts(db);
    const [written] = storedRows(db);
    expect(written!.draft).toBeNull();
    expect(written!.subject).toBe(draft!.subject);
    expect(written!.textBody).toContain('Your place for Camp day at LocalGovCamp 2027 is confirmed.');
    expect(written!.textBody).toMatch(/http:\/\/campgrid\.test\/tickets\/\d+\/\S+/);
    expect(written!.htmlBody).toContain('You have a place');
    expect(written!.calendar?.method).toBe('REQUEST');
    const invited = invitationIn(written!.calendar!.content);
    expect(invited.sequence).toBe(0);
    expect(invited.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2027-03-01T10:00:00Z');
    expect(invited.description).toContain(written!.textBody.match(/http:\/\/campgrid\.test\/tickets\/\S+/)![0]);

    // Writing again changes nothing: a written row is left as it is.
    writeDrafts(db);
    expect(storedRows(db)).toEqual([written]);
  });

  it('keep the invitations of one place in the order of their changes, whichever is written first', () => {
    const { registration } = registerZoe();
    releasePlace(db, clock.now(), links, registration.id);
    const [confirmed, released] = storedRows(db);
    expect(released!.subject).toBe('You have released your place: Camp day at LocalGovCamp 2027');
    writeDraft(db, released!);
    writeDraft(db, confirmed!);
    const [request, cancel] = storedRows(db).map((row) => ({ method: row.calendar!.method, sequence: invitationIn(row.calendar!.content).sequence }));
    expect(request).toEqual({ method: 'REQUEST', sequence: 0 });
    expect(cancel).toEqual({ method: 'CANCEL', sequence: 1 });
  });

  it('mark a draft that can no longer be written as failed, saying why, and send the rest', async () => {
    const smtp = new SmtpCapture();
    await smtp.start();
    const sender = new MailSender({ db, clock, from: 'Campgrid <camp@campgrid.test>', smtpUrl: smtp.url, mailDir: join(dir, 'mail'), pollMs: 60_000, log: quiet });
    try {
      const { registration } = registerZoe();
      // What the first was to be written from is gone, and nothing loaded writes the second.
      db.$client.pragma('foreign_keys = OFF');
      db.delete(registrations).where(eq(registrations.id, registration.id)).run();
      db.$client.pragma('foreign_keys = ON');
      queueDraft(db, clock.now(), { to: 'sam@example.org', subject: 'Unwritable', writer: 'nobody-loaded', data: {} });
      const { event } = publishedCamp(db, clock.now(), 'another-camp');
      const type = ticketType(db, clock.now(), event, { capacity: 5 });
      registerAttendee(db, clock.now(), links, { event, type, details: attendee({ email: 'rhys@example.org' }) });

      await sender.deliverDue();
      expect(smtp.messages.map((m) => m.to && 'text' in m.to ? m.to.text : '')).toEqual(['rhys@example.org']);
      expect(smtp.messages[0]!.text).toContain('is confirmed');
      const rows = storedRows(db);
      expect(rows.map((r) => [r.toAddress, r.status, r.draft])).toEqual([
        ['zoe@example.org', 'failed', null],
        ['sam@example.org', 'failed', null],
        ['rhys@example.org', 'sent', null],
      ]);
      expect(rows[0]!.lastError).toBe('could not be written: This registration no longer exists');
      expect(rows[1]!.lastError).toBe('could not be written: no writer for nobody-loaded drafts is loaded');
    } finally {
      await sender.stop();
      await smtp.stop();
    }
  });
});
