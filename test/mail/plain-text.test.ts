import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db/open.ts';
import { demoSlug, seedDemoCamp } from '../../src/demo/seed.ts';
import { findEventBySlug } from '../../src/events/events.ts';
import { clockTime, dateAndTime, timeRange, timeRangeOn } from '../../src/events/local-time.ts';
import { occupied, placePitch } from '../../src/grid/editor.ts';
import { loadGrid } from '../../src/grid/model.ts';
import { latestPublished } from '../../src/grid/published-versions.ts';
import { publishGrid } from '../../src/grid/publish.ts';
import { MailSender } from '../../src/mail/sender.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { person } from '../helpers/people.ts';
import { SmtpCapture } from '../helpers/smtp.ts';

const london = 'Europe/London';
const at = (iso: string) => Date.parse(iso);

describe('one way of writing times, GOV.UK style', () => {
  it('writes a time without a zero hour or empty minutes, and says midday and midnight', () => {
    expect(clockTime(at('2027-06-19T09:15:00Z'), london)).toBe('10:15am');
    expect(clockTime(at('2027-06-19T10:00:00Z'), london)).toBe('11am');
    expect(clockTime(at('2027-06-19T11:00:00Z'), london)).toBe('midday');
    expect(clockTime(at('2027-06-19T12:30:00Z'), london)).toBe('1:30pm');
    expect(clockTime(at('2027-06-18T23:00:00Z'), london)).toBe('midnight');
  });

  it('writes a span with "to", and its day after it', () => {
    expect(timeRange(at('2027-06-19T09:15:00Z'), at('2027-06-19T10:00:00Z'), london)).toBe('10:15am to 11am');
    expect(timeRangeOn(at('2027-06-19T09:15:00Z'), at('2027-06-19T10:00:00Z'), london)).toBe('10:15am to 11am on Saturday 19 June 2027');
    expect(dateAndTime(at('2027-06-19T09:15:00Z'), london, false)).toBe('10:15am on Saturday 19 June');
  });
});

/**
 * The emails a change to the grid sends, as a mail program receives them: delivered to a real
 * SMTP server on loopback and parsed. Their plain-text parts are read by people too.
 */
describe('the plain-text part of a grid change email, as delivered', () => {
  let db: Database;
  let dir: string;
  const smtp = new SmtpCapture();
  let mail: ParsedMail;
  let moved: { title: string; from: { startsAt: number; endsAt: number }; to: { startsAt: number; endsAt: number } };

  beforeAll(async () => {
    ({ db, dir } = freshDatabase());
    seedDemoCamp(db, testNow, 'http://campgrid.test', dir);
    db.$client.exec("update outbox set status = 'sent'");
    const event = findEventBySlug(db, demoSlug)!;
    const model = loadGrid(db, event);
    const taken = occupied(model);
    const placement = model.placements.find((p) => (model.pitches.get(p.pitchId)?.session.length ?? 1) === 1 && !(model.pitches.get(p.pitchId)?.session.needs ?? []).length)!;
    const free = model.days.flatMap((d) => d.slots.filter((s) => s.kind === 'session')).flatMap((s) => model.rooms.map((r) => ({ roomId: r.id, slotId: s.id }))).find((c) => !taken.has(`${c.roomId}:${c.slotId}`))!;
    const before = latestPublished(db, event.id)!.sessions.find((s) => s.pitchId === placement.pitchId)!;
    placePitch(db, testNow, event, model.version, { pitchId: placement.pitchId, ...free });
    const after = publishGrid(db, testNow, { event, version: loadGrid(db, event).version, note: 'Lunch moves to 12:30 in the café.', by: person(db, 'organiser@demo.campgrid.example'), baseUrl: 'http://campgrid.test' });
    moved = { title: before.title, from: before, to: after.sessions.find((s) => s.pitchId === placement.pitchId)! };

    await smtp.start();
    const sender = new MailSender({ db, clock: new FixedClock(testNow), from: 'Campgrid <camp@campgrid.test>', smtpUrl: smtp.url, mailDir: join(mkdtempSync(join(tmpdir(), 'campgrid-mail-')), 'mail'), pollMs: 60_000, log: { info: () => {}, warn: () => {} } });
    await sender.deliverDue();
    await sender.stop();
    mail = smtp.messages.find((m) => m.subject?.endsWith('has changed') && m.text?.includes(moved.title))!;
  }, 60_000);
  afterAll(async () => {
    await smtp.stop();
    db?.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each block on its own, a blank line apart', () => {
    const blocks = mail.text!.trim().split('\n\n');
    expect(blocks[0]).toMatch(/^The grid for Anytown LocalGovCamp \d{4} has changed$/);
    expect(blocks[1]).toBe('These changes affect sessions you are running or said you would go to:');
    expect(blocks[2]).toMatch(/^- Moved: /);
    expect(blocks).toContain('A note from the organisers: Lunch moves to 12:30 in the café.');
    expect(blocks.at(-1)).toBe(`See the whole grid: http://campgrid.test/events/${demoSlug}/grid`);
  });

  it('writes the session’s times as every page does: "10:15am to 11am on Saturday 1 May"', () => {
    const zone = london;
    expect(mail.text).toContain(`Moved: “${moved.title}”, now in `);
    expect(mail.text).toContain(`, ${timeRangeOn(moved.to.startsAt, moved.to.endsAt, zone, false)} (was `);
    expect(mail.text).toContain(`, ${timeRangeOn(moved.from.startsAt, moved.from.endsAt, zone, false)})`);
    expect(mail.text).not.toMatch(/–|\d\d:\d\d(?! in the café)/);
  });
});
