import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db/open.ts';
import type { CampEvent } from '../../src/events/events.ts';
import { findPersonByEmail } from '../../src/people/people.ts';
import { parseCsv, toCsv } from '../../src/csv.ts';
import { importAttendees } from '../../src/tickets/import.ts';
import { needsOf } from '../../src/tickets/manage.ts';
import { attendeeList } from '../../src/tickets/organiser-view.ts';
import { freshDatabase } from '../helpers/app.ts';
import { eventbriteExport } from '../helpers/fixtures.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { publishedCamp, ticketType } from '../helpers/tickets.ts';

const fixture = readFileSync(eventbriteExport, 'utf8');

describe('CSV', () => {
  it('is written with a byte-order mark and CRLF, quoting what needs it and neutralising formulas', () => {
    const csv = toCsv([
      ['Name', 'Note'],
      ['Máire O’Brien, Jr.', 'said "hi"'],
      ['=HYPERLINK("http://evil.example")', '+1 analyst'],
      ['-2', '@risk'],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFFName,Note\r\n"Máire O’Brien, Jr.","said ""hi"""\r\n"\'=HYPERLINK(""http://evil.example"")",\'+1 analyst\r\n\'-2,\'@risk\r\n');
    expect(parseCsv(csv)).toEqual([
      ['Name', 'Note'],
      ['Máire O’Brien, Jr.', 'said "hi"'],
      ['\'=HYPERLINK("http://evil.example")', "'+1 analyst"],
      ["'-2", "'@risk"],
    ]);
  });
});

describe('importing an Eventbrite attendee export', () => {
  let db: Database;
  let clock: FixedClock;
  let event: CampEvent;
  beforeEach(() => {
    db = freshDatabase().db;
    clock = new FixedClock(new Date('2027-03-01T10:00:00Z'));
    event = publishedCamp(db, clock.now()).event;
    ticketType(db, clock.now(), event, { name: 'Camp day', capacity: 100 });
    ticketType(db, clock.now(), event, { name: 'Makers day', capacity: 100 });
  });
  afterEach(() => db.$client.close());

  it('brings in 5 people holding 6 registrations and reports the refunded row', () => {
    const report = importAttendees(db, clock.now(), event, fixture, 'eventbrite');
    expect(report).toEqual({ people: 5, registrations: 6, checkedIn: 1, waiting: 0, skipped: [{ line: 6, reason: 'Refunded: not imported' }] });
    const list = attendeeList(db, event.id);
    expect(list.map((r) => [r.registration.name, r.email, r.ticketType]).sort()).toEqual([
      ['=HYPERLINK("http://evil.example","x") Test', 'formula@example.org', 'Camp day'],
      ['Máire O\'Brien, Jr.', 'maire@example.org', 'Camp day'],
      ['Rhys Pritchard', 'r.pritchard@example.org', 'Camp day'],
      ['Sam Ng', 'sam.ng@example.org', 'Camp day'],
      ['Sam Ng', 'sam.ng@example.org', 'Makers day'],
      ['Zoë Okafor', 'zoe.okafor@example.org', 'Camp day'],
    ]);
    const rhys = list.find((r) => r.email === 'r.pritchard@example.org')!;
    expect(rhys.registration.checkedInAt).toBe(clock.now().getTime());
    expect(rhys.registration.role).toBe('councillor');
    const maire = list.find((r) => r.email === 'maire@example.org')!;
    expect(needsOf(db, maire.registration.id)).toEqual({ accessNeeds: 'Hearing loop', dietaryNeeds: 'Gluten free; no nuts' });
    expect(findPersonByEmail(db, 'SAM.NG@example.org')?.name).toBe('Sam Ng');
    // People registered elsewhere are not emailed by an import.
    expect(outboxMessages(db)).toHaveLength(0);
  });

  it('does not import the same person twice', () => {
    importAttendees(db, clock.now(), event, fixture);
    const again = importAttendees(db, clock.now(), event, fixture);
    expect(again.registrations).toBe(0);
    expect(again.skipped).toHaveLength(7);
  });

  it('keeps "Checked In" when the places are not yet released (a wave to come), and checks in someone imported before', () => {
    const waves = publishedCamp(db, clock.now(), 'wave-camp').event;
    ticketType(db, clock.now(), waves, { name: 'Camp day', capacity: 10, waves: [{ releasesAt: Date.parse('2027-01-01T12:00:00Z'), places: 0 }, { releasesAt: Date.parse('2027-05-01T12:00:00Z'), places: 10 }] });
    ticketType(db, clock.now(), waves, { name: 'Makers day', capacity: 10 });
    const report = importAttendees(db, clock.now(), waves, fixture, 'eventbrite');
    expect(report).toMatchObject({ registrations: 6, checkedIn: 1, waiting: 4 });
    const rhys = attendeeList(db, waves.id).find((r) => r.email === 'r.pritchard@example.org')!;
    expect([rhys.registration.status, rhys.registration.checkedInAt]).toEqual(['confirmed', clock.now().getTime()]);

    const earlier = fixture.replace('Checked In', 'Attending');
    importAttendees(db, clock.now(), event, earlier);
    const again = importAttendees(db, clock.now(), event, fixture);
    expect(again.checkedIn).toBe(1);
    expect(attendeeList(db, event.id).find((r) => r.email === 'r.pritchard@example.org')!.registration.checkedInAt).toBe(clock.now().getTime());
  });

  it('explains an export without the columns it needs', () => {
    expect(importAttendees(db, clock.now(), event, 'Name,Phone\nSam,123\n').skipped).toEqual([{ line: 1, reason: 'The first row must name the columns, including Email and Ticket Type' }]);
  });
});
