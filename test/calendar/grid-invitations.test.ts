import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { FixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/open.ts';
import { demoSlug } from '../../src/demo/seed.ts';
import { findEventBySlug, type CampEvent } from '../../src/events/events.ts';
import { placePitch } from '../../src/grid/editor.ts';
import { loadGrid } from '../../src/grid/model.ts';
import { publishGrid } from '../../src/grid/publish.ts';
import { findPersonByEmail } from '../../src/people/people.ts';
import { testNow } from '../helpers/app.ts';
import { demoWithoutGrid } from '../helpers/demo-template.ts';
import { SmtpCapture } from '../helpers/smtp.ts';

let template: string;
beforeAll(() => {
  template = demoWithoutGrid();
});

/** The VEVENTs of a captured email's text/calendar part, read by ical.js, with its METHOD. */
function invitationIn(mail: { attachments: Array<{ contentType: string; content: Buffer }> }) {
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar')!;
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  return { method: calendar.getFirstPropertyValue('method'), events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

describe('grid-change emails carry a calendar invitation', () => {
  let smtp: SmtpCapture;
  let app: FastifyInstance;
  let db: Database;
  let event: CampEvent;
  const clock = new FixedClock(testNow);
  beforeEach(async () => {
    smtp = new SmtpCapture();
    await smtp.start();
    const dir = mkdtempSync(join(tmpdir(), 'campgrid-grid-itip-'));
    copyFileSync(template, join(dir, 'c.db'));
    db = openDatabase(join(dir, 'c.db'));
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: join(dir, 'c.db'), LOG_LEVEL: 'silent', BASE_URL: 'http://campgrid.test', SMTP_URL: smtp.url, MAIL_FROM: 'LocalGovCamp <camp@campgrid.test>' });
    app = await buildApp(config, { db, clock, startMail: false, logger: false });
    await app.ready();
    event = findEventBySlug(db, demoSlug)!;
  });
  afterEach(async () => {
    await app.close();
    db.$client.close();
    await smtp.stop();
  });

  it('invites to the sessions on a person’s agenda, and sends the move and the cancellation with the feed’s UID and a higher SEQUENCE', async () => {
    const model = loadGrid(db, event);
    const [a, b] = [...model.pitches.values()].filter((p) => (p.session.length ?? 1) === 1 && !(p.session.needs ?? []).length);
    const [hall, chamber] = model.rooms;
    const [first, second] = model.days[1]!.slots;
    const fan = findPersonByEmail(db, 'attendee1@demo.campgrid.example')!;
    // Only this one person marked the two sessions, so the test sends a handful of emails, not hundreds.
    db.$client.prepare('delete from interest where pitch_id in (?, ?)').run(a!.id, b!.id);
    db.$client.prepare('insert into interest (pitch_id, person_id, created_at) values (?, ?, 0), (?, ?, 0)').run(a!.id, fan.id, b!.id, fan.id);
    placePitch(db, clock.now(), event, 0, { pitchId: a!.id, roomId: hall!.id, slotId: first!.id });
    placePitch(db, clock.now(), event, 1, { pitchId: b!.id, roomId: chamber!.id, slotId: first!.id });
    const organiser = findPersonByEmail(db, 'organiser@demo.campgrid.example')!;
    publishGrid(db, clock.now(), { event, version: 2, note: '', by: organiser, baseUrl: 'http://campgrid.test' });
    await app.campgrid.mail.deliverDue();
    const invited = invitationIn(smtp.to(fan.email)[0]!);
    expect(invited.method).toBe('REQUEST');
    expect(invited.events.map((e) => [e.uid, e.sequence]).sort()).toEqual([[`session-${a!.id}@campgrid.test`, 0], [`session-${b!.id}@campgrid.test`, 0]]);
    const feed = (await app.inject({ url: `/events/${demoSlug}/calendar.ics` })).body;
    expect(feed).toContain(`UID:session-${a!.id}@campgrid.test`);

    clock.advance(60_000);
    placePitch(db, clock.now(), event, 2, { pitchId: a!.id, roomId: hall!.id, slotId: second!.id });
    publishGrid(db, clock.now(), { event, version: 3, note: '', by: organiser, baseUrl: 'http://campgrid.test' });
    await app.campgrid.mail.deliverDue();
    const moved = invitationIn(smtp.to(fan.email)[1]!);
    expect(moved.method).toBe('REQUEST');
    expect(moved.events.map((e) => [e.uid, e.sequence, e.startDate.toJSDate().getTime()])).toEqual([[`session-${a!.id}@campgrid.test`, 1, second!.startsAt]]);

    clock.advance(60_000);
    db.$client.prepare("update pitches set status = 'withdrawn' where id = ?").run(b!.id);
    publishGrid(db, clock.now(), { event, version: 3, note: '', by: organiser, baseUrl: 'http://campgrid.test' });
    await app.campgrid.mail.deliverDue();
    const cancelled = invitationIn(smtp.to(fan.email)[2]!);
    expect(cancelled.method).toBe('CANCEL');
    expect(cancelled.events.map((e) => [e.uid, e.sequence, e.component.getFirstPropertyValue('status')])).toEqual([[`session-${b!.id}@campgrid.test`, 1, 'CANCELLED']]);
  });
});
