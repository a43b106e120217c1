import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db/open.ts';
import type { CampEvent } from '../../src/events/events.ts';
import { drawBallot, runDueDraws, seededRandom } from '../../src/tickets/ballot.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import { registrations, ticketTypes } from '../../src/tickets/tickets.table.ts';
import { freshDatabase } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { attendee, links, publishedCamp, ticketType } from '../helpers/tickets.ts';

describe('ballots', () => {
  let db: Database;
  let clock: FixedClock;
  let event: CampEvent;
  const ballot = { allocation: 'ballot' as const, closesAt: Date.parse('2027-03-10T12:00:00Z'), drawAt: Date.parse('2027-03-10T12:00:00Z') };
  beforeEach(() => {
    db = freshDatabase().db;
    clock = new FixedClock(new Date('2027-03-01T10:00:00Z'));
    event = publishedCamp(db, clock.now()).event;
  });
  afterEach(() => db.$client.close());

  it('a seed always gives the same random numbers', () => {
    const a = seededRandom('campgrid');
    const b = seededRandom('campgrid');
    const first = Array.from({ length: 20 }, a);
    expect(Array.from({ length: 20 }, b)).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 20 }, seededRandom('other'))).not.toEqual(first);
  });

  it('the same entries and seed give the same draw, whatever order the entries come in', () => {
    const type = ticketType(db, clock.now(), event, { ...ballot, capacity: 3 });
    const entries = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, organisation: `Org ${i}`, firstCamp: false, role: 'other' }));
    const rules = { type, released: 3, now: clock.now() };
    const one = drawBallot(entries, 'seed-1', rules);
    expect(drawBallot([...entries].reverse(), 'seed-1', rules)).toEqual(one);
    expect(one.winners).toHaveLength(3);
    expect(one.waiting).toHaveLength(7);
    expect([...one.winners.map((w) => w.id), ...one.waiting].sort((a, b) => a - b)).toEqual(entries.map((e) => e.id));
    expect(drawBallot(entries, 'seed-2', rules).order).not.toEqual(one.order);
  });

  it('gives no organisation more than its cap', () => {
    const type = ticketType(db, clock.now(), event, { ...ballot, capacity: 5, perOrganisationCap: 1 });
    const entries = Array.from({ length: 8 }, (_, i) => ({ id: i + 1, organisation: i < 6 ? ' Anytown  Council ' : `Other ${i}`, firstCamp: false, role: 'other' }));
    const result = drawBallot(entries, 'cap', { type, released: 5, now: clock.now() });
    const anytown = result.winners.filter((w) => w.id <= 6);
    expect(anytown).toHaveLength(1);
    expect(result.winners).toHaveLength(3);
  });

  it('counts an organisation however its name is typed, and by its address’s domain, towards the cap', () => {
    const type = ticketType(db, clock.now(), event, { ...ballot, capacity: 10, perOrganisationCap: 1 });
    const typed = ['Anytown Council', 'anytown council.', 'The Anytown Council Ltd', 'ANYTOWN  COUNCÍL'];
    const byName = typed.map((organisation, i) => ({ id: i + 1, organisation, firstCamp: false, role: 'other' }));
    expect(drawBallot(byName, 'names', { type, released: 10, now: clock.now() }).winners).toHaveLength(1);
    const byDomain = ['Anytown', 'Digital team', 'Freelance'].map((organisation, i) => ({ id: i + 1, organisation, email: `person${i}@anytown.gov.uk`, firstCamp: false, role: 'other' }));
    expect(drawBallot(byDomain, 'domains', { type, released: 10, now: clock.now() }).winners).toHaveLength(1);
    // Open providers say nothing about where someone works.
    const open = ['A', 'B', 'C'].map((organisation, i) => ({ id: i + 1, organisation, email: `person${i}@gmail.com`, firstCamp: false, role: 'other' }));
    expect(drawBallot(open, 'open', { type, released: 10, now: clock.now() }).winners).toHaveLength(3);
  });

  it('takes one entry per inbox: sub-addresses and Gmail’s dots do not make more entries', () => {
    const type = ticketType(db, clock.now(), event, { ...ballot, capacity: 5 });
    const kinds = ['someone@gmail.com', 'someone+1@gmail.com', 'some.one@googlemail.com', 'SomeOne+2@GMAIL.com'].map(
      (email) => registerAttendee(db, clock.now(), links, { event, type, details: attendee({ email }) }).kind,
    );
    expect(kinds).toEqual(['entered', 'already-registered', 'already-registered', 'already-registered']);
    expect(db.select().from(registrations).where(eq(registrations.ticketTypeId, type.id)).all()).toHaveLength(1);
    // Dots matter elsewhere, and a different person is a different entry.
    expect(registerAttendee(db, clock.now(), links, { event, type, details: attendee({ email: 'some.one@example.org' }) }).kind).toBe('entered');
    expect(registerAttendee(db, clock.now(), links, { event, type, details: attendee({ email: 'someone@example.org' }) }).kind).toBe('entered');
  });

  it('fills the reserved shares with eligible entrants even when they are drawn last', () => {
    const type = ticketType(db, clock.now(), event, { ...ballot, capacity: 3, reservedForFirstTimers: 1, reservedForCouncillors: 1, reservedUntil: Date.parse('2027-05-01T00:00:00Z') });
    const entries = [
      ...Array.from({ length: 20 }, (_, i) => ({ id: i + 1, organisation: '', firstCamp: false, role: 'other' })),
      { id: 21, organisation: '', firstCamp: true, role: 'other' },
      { id: 22, organisation: '', firstCamp: false, role: 'councillor' },
    ];
    for (const seed of ['a', 'b', 'c', 'd']) {
      const result = drawBallot(entries, seed, { type, released: 3, now: clock.now() });
      expect(result.winners.find((w) => w.id === 21)?.pool).toBe('first-timers');
      expect(result.winners.find((w) => w.id === 22)?.pool).toBe('councillors');
      expect(result.winners).toHaveLength(3);
    }
  });

  it('takes entries until it closes, is drawn at its time with a recorded seed, and emails everyone their result', () => {
    const type = ticketType(db, clock.now(), event, { ...ballot, capacity: 2 });
    const outcomes = Array.from({ length: 5 }, () => registerAttendee(db, clock.now(), links, { event, type, details: attendee() }));
    expect(outcomes.map((o) => o.kind)).toEqual(['entered', 'entered', 'entered', 'entered', 'entered']);
    expect(runDueDraws(db, clock.now(), links)).toBe(0);
    clock.set(new Date(ballot.drawAt));
    expect(runDueDraws(db, clock.now(), links, () => 'recorded-seed')).toBe(1);
    const drawn = db.select().from(ticketTypes).where(eq(ticketTypes.id, type.id)).get()!;
    expect(drawn.drawSeed).toBe('recorded-seed');
    expect(drawn.drawSummary).toEqual({ entries: 5, places: 2, confirmed: 2, firstTimers: 0, councillors: 0, waiting: 3 });
    const rows = db.select().from(registrations).all();
    const expected = drawBallot(
      rows.map((r) => ({ id: r.id, organisation: r.organisation, firstCamp: r.firstCamp, role: r.role })),
      'recorded-seed',
      { type: drawn, released: 2, now: clock.now() },
    );
    // Anyone with the seed re-runs the draw and gets the same result.
    expect(rows.filter((r) => r.status === 'confirmed').map((r) => r.id).sort()).toEqual(expected.winners.map((w) => w.id).sort());
    const waiting = rows.filter((r) => r.status === 'waiting').sort((a, b) => a.queueOrder - b.queueOrder).map((r) => r.id);
    expect(waiting).toEqual(expected.waiting);
    const results = outboxMessages(db).slice(5).map((m) => m.subject);
    expect(results.filter((s) => s.includes('you have a place'))).toHaveLength(2);
    expect(results.filter((s) => s.includes('waiting list'))).toHaveLength(3);
    expect(runDueDraws(db, clock.now(), links)).toBe(0);
  });
});
