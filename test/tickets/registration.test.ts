import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db/open.ts';
import { countPlaces } from '../../src/tickets/places.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import { releasePlace, declineOffer } from '../../src/tickets/manage.ts';
import { registrations } from '../../src/tickets/tickets.table.ts';
import { acceptOffer, expireOffers, offerDeadline, offerFreePlaces, waitingPosition } from '../../src/tickets/waiting-list.ts';
import { updateTicketType } from '../../src/tickets/ticket-types.ts';
import { offerPlacesEverywhere } from '../../src/tickets/ticket-jobs.ts';
import { RuleViolation } from '../../src/rules.ts';
import { freshDatabase } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { attendee, links, publishedCamp, ticketType, ticketTypeDetails } from '../helpers/tickets.ts';
import type { CampEvent } from '../../src/events/events.ts';
import { violation } from '../helpers/rules.ts';

const hour = 3_600_000;


describe('registering for a first-come ticket type', () => {
  let db: Database;
  let clock: FixedClock;
  let event: CampEvent;
  beforeEach(() => {
    db = freshDatabase().db;
    clock = new FixedClock(new Date('2027-03-01T10:00:00Z'));
    event = publishedCamp(db, clock.now()).event;
  });
  afterEach(() => db.$client.close());

  const register = (type: Parameters<typeof registerAttendee>[3]['type'], overrides = {}) =>
    registerAttendee(db, clock.now(), links, { event, type, details: attendee(overrides) });

  it('confirms people until the places are gone, then puts them on the waiting list in order', () => {
    const type = ticketType(db, clock.now(), event, { capacity: 2 });
    expect([register(type), register(type), register(type), register(type)].map((o) => o.kind)).toEqual(['confirmed', 'confirmed', 'waiting', 'waiting']);
    const waiting = db.select().from(registrations).where(eq(registrations.status, 'waiting')).all();
    expect(waiting.map((r) => waitingPosition(db, r))).toEqual([1, 2]);
    const subjects = outboxMessages(db).map((m) => m.subject);
    expect(subjects).toEqual([
      'You have a place: Camp day at LocalGovCamp 2027',
      'You have a place: Camp day at LocalGovCamp 2027',
      'You’re on the waiting list: Camp day at LocalGovCamp 2027',
      'You’re on the waiting list: Camp day at LocalGovCamp 2027',
    ]);
    expect(outboxMessages(db)[3]!.textBody).toContain('you are number 2 on the waiting list');
  });

  it('never creates a second registration for the same person: it sends their link again', () => {
    const type = ticketType(db, clock.now(), event);
    const first = register(type, { email: 'sam@example.org' });
    // Straight after the confirmation, a repeat sends nothing more (no flooding an inbox).
    expect(register(type, { email: 'sam@example.org' }).kind).toBe('already-registered');
    expect(outboxMessages(db)).toHaveLength(1);
    clock.advance(11 * 60_000);
    const again = register(type, { email: 'SAM@example.org' });
    expect(again.kind).toBe('already-registered');
    expect(again.registration.id).toBe(first.registration.id);
    expect(db.select().from(registrations).all()).toHaveLength(1);
    expect(outboxMessages(db)).toHaveLength(2);
    const mail = outboxMessages(db).at(-1)!;
    expect(mail.subject).toBe('You’re already registered: Camp day at LocalGovCamp 2027');
    expect(mail.textBody).toMatch(/\/tickets\/\d+\/[A-Za-z0-9_-]{43}/);
    expect(mail.textBody).toMatch(/\/sign-in\/[A-Za-z0-9_-]{43}/);
  });

  it('is refused before registration opens, after it closes, and without a hidden type’s access code', () => {
    const type = ticketType(db, clock.now(), event, { opensAt: Date.parse('2027-04-01T12:00:00Z') });
    expect(violation(() => register(type))).toEqual({ ticketTypeId: 'Registration for Camp day has not opened yet' });
    clock.set(new Date('2027-06-18T12:00:00Z'));
    expect(violation(() => register(type))).toEqual({ ticketTypeId: 'Registration for Camp day has closed' });
    clock.set(new Date('2027-05-01T12:00:00Z'));
    const volunteers = ticketType(db, clock.now(), event, { name: 'Volunteers', visibility: 'hidden', accessCode: 'Helping2027' });
    expect(violation(() => registerAttendee(db, clock.now(), links, { event, type: volunteers, details: attendee(), accessCode: 'wrong' }))).toEqual({
      accessCode: 'That access code is not right. Check it with whoever gave it to you.',
    });
    expect(registerAttendee(db, clock.now(), links, { event, type: volunteers, details: attendee(), accessCode: ' helping2027 ' }).kind).toBe('confirmed');
  });

  it('is backed by the database: a confirmed place beyond capacity is refused even if the code were wrong', () => {
    const type = ticketType(db, clock.now(), event, { capacity: 1 });
    register(type);
    const waiting = register(type).registration;
    expect(() => db.update(registrations).set({ status: 'confirmed' }).where(eq(registrations.id, waiting.id)).run()).toThrow('ticket type is full');
    expect(() => updateTicketType(db, event.id, type.id, ticketTypeDetails({ capacity: 0 }))).toThrow(RuleViolation);
  });

  it('releases capacity in waves, and a new wave goes first to the people already waiting', () => {
    const type = ticketType(db, clock.now(), event, {
      capacity: 2,
      waves: [
        { releasesAt: Date.parse('2027-02-01T12:00:00Z'), places: 1 },
        { releasesAt: Date.parse('2027-03-08T12:00:00Z'), places: 1 },
      ],
    });
    expect([register(type), register(type), register(type)].map((o) => o.kind)).toEqual(['confirmed', 'waiting', 'waiting']);
    clock.set(new Date('2027-03-08T12:00:00Z'));
    expect(offerPlacesEverywhere(db, clock.now(), links)).toBe(1);
    const statuses = db.select({ status: registrations.status }).from(registrations).all().map((r) => r.status);
    expect(statuses).toEqual(['confirmed', 'offered', 'waiting']);
    // A newcomer now joins the queue rather than jumping it.
    expect(register(type).kind).toBe('waiting');
  });

  describe('reserved shares', () => {
    const reserved = { capacity: 4, reservedForFirstTimers: 1, reservedForCouncillors: 1, reservedUntil: Date.parse('2027-05-01T00:00:00Z') };

    it('hold places for first-timers and councillors while the general places go to anyone', () => {
      const type = ticketType(db, clock.now(), event, reserved);
      expect([register(type), register(type), register(type)].map((o) => o.kind)).toEqual(['confirmed', 'confirmed', 'waiting']);
      const firstTimer = register(type, { firstCamp: true });
      expect(firstTimer).toMatchObject({ kind: 'confirmed', registration: { pool: 'first-timers' } });
      expect(register(type, { firstCamp: true }).kind).toBe('waiting');
      expect(register(type, { role: 'councillor' })).toMatchObject({ kind: 'confirmed', registration: { pool: 'councillors' } });
      expect(countPlaces(db, type, clock.now()).totalHeld).toBe(4);
    });

    it('go to the general waiting list once the reservation ends', () => {
      const type = ticketType(db, clock.now(), event, reserved);
      register(type);
      register(type);
      const third = register(type);
      expect(third.kind).toBe('waiting');
      clock.set(new Date('2027-05-01T00:00:00Z'));
      // Two reserved places free up, but only one person is waiting.
      expect(offerFreePlaces(db, clock.now(), links, type)).toBe(1);
      expect(db.select().from(registrations).where(eq(registrations.id, third.registration.id)).get()!.status).toBe('offered');
    });

    it('a freed reserved place goes to the first eligible person waiting, not the first in line', () => {
      const type = ticketType(db, clock.now(), event, reserved);
      register(type);
      register(type);
      const firstTimer = register(type, { firstCamp: true });
      register(type, { role: 'councillor' });
      const notEligible = register(type);
      const eligible = register(type, { firstCamp: true });
      expect([notEligible.kind, eligible.kind]).toEqual(['waiting', 'waiting']);
      releasePlace(db, clock.now(), links, firstTimer.registration.id);
      const status = (id: number) => db.select().from(registrations).where(eq(registrations.id, id)).get()!.status;
      expect([status(notEligible.registration.id), status(eligible.registration.id)]).toEqual(['waiting', 'offered']);
    });
  });

  describe('the waiting list', () => {
    it('offers a released place to the first person waiting, who can accept it in time', () => {
      const type = ticketType(db, clock.now(), event, { capacity: 1 });
      const holder = register(type);
      const next = register(type, { email: 'next@example.org' });
      releasePlace(db, clock.now(), links, holder.registration.id);
      const offered = db.select().from(registrations).where(eq(registrations.id, next.registration.id)).get()!;
      expect(offered).toMatchObject({ status: 'offered', offerExpiresAt: clock.now().getTime() + 48 * hour });
      const offerMail = outboxMessages(db).filter((m) => m.toAddress === 'next@example.org').at(-1)!;
      expect(offerMail.subject).toBe('A place is yours if you want it: Camp day at LocalGovCamp 2027');
      expect(offerMail.textBody).toContain('it is being held for you until 10am on Wednesday 3 March');
      clock.advance(47 * hour);
      expect(acceptOffer(db, clock.now(), links, next.registration.id).status).toBe('confirmed');
    });

    it('passes an unclaimed offer on to the next person when its time runs out', () => {
      const type = ticketType(db, clock.now(), event, { capacity: 1 });
      const holder = register(type);
      const second = register(type, { email: 'second@example.org' });
      const third = register(type, { email: 'third@example.org' });
      releasePlace(db, clock.now(), links, holder.registration.id);
      clock.advance(48 * hour);
      expect(violation(() => acceptOffer(db, clock.now(), links, second.registration.id))).toEqual({ offer: 'Sorry, the time to claim this place has passed' });
      expect(expireOffers(db, clock.now(), links)).toBe(1);
      const status = (id: number) => db.select().from(registrations).where(eq(registrations.id, id)).get()!.status;
      expect([status(second.registration.id), status(third.registration.id)]).toEqual(['cancelled', 'offered']);
      expect(outboxMessages(db).filter((m) => m.toAddress === 'second@example.org').at(-1)!.subject).toBe('The place we held for you has passed on: Camp day at LocalGovCamp 2027');
    });

    it('passes a declined offer on at once', () => {
      const type = ticketType(db, clock.now(), event, { capacity: 1 });
      const holder = register(type);
      const second = register(type);
      const third = register(type);
      releasePlace(db, clock.now(), links, holder.registration.id);
      declineOffer(db, clock.now(), links, second.registration.id);
      expect(db.select().from(registrations).where(eq(registrations.id, third.registration.id)).get()!.status).toBe('offered');
    });

    it('offers places when the capacity is raised', () => {
      const type = ticketType(db, clock.now(), event, { capacity: 1 });
      register(type);
      register(type);
      const raised = updateTicketType(db, event.id, type.id, ticketTypeDetails({ capacity: 2 }));
      expect(offerFreePlaces(db, clock.now(), links, raised)).toBe(1);
    });

    it('shortens the time to claim as the event nears, and never past its start', () => {
      const type = ticketType(db, clock.now(), event);
      const start = Date.parse('2027-06-19T08:00:00Z');
      expect(offerDeadline(type, start, new Date(start - 10 * 24 * hour))).toBe(start - 10 * 24 * hour + 48 * hour);
      expect(offerDeadline(type, start, new Date(start - 47 * hour))).toBe(start - 47 * hour + 4 * hour);
      expect(offerDeadline(type, start, new Date(start - 2 * hour))).toBe(start);
    });
  });
});
