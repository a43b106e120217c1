import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db/open.ts';
import { changeEventStatus, updateEvent, type CampEvent } from '../../src/events/events.ts';
import { runTimedWork } from '../../src/jobs.ts';
import { confirmStillComing, needsOf, releasePlace } from '../../src/tickets/manage.ts';
import { attendeeList } from '../../src/tickets/organiser-view.ts';
import { askWhetherStillComing } from '../../src/tickets/reconfirm.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import { registrations } from '../../src/tickets/tickets.table.ts';
import { freshDatabase } from '../helpers/app.ts';
import { campDetails } from '../helpers/factories.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { attendee, links, publishedCamp, ticketType } from '../helpers/tickets.ts';

const day = 86_400_000;
// The camp day opens at 09:00 London time on 19 June 2027.
const campStarts = Date.parse('2027-06-19T08:00:00Z');

describe('work that happens as time passes', () => {
  let db: Database;
  let clock: FixedClock;
  let event: CampEvent;
  beforeEach(() => {
    db = freshDatabase().db;
    clock = new FixedClock(new Date('2027-03-01T10:00:00Z'));
    event = publishedCamp(db, clock.now()).event;
  });
  afterEach(() => db.$client.close());

  it('asks everyone confirmed "still coming?" once, the set number of days before, and organisers see who has not answered', () => {
    event = updateEvent(db, clock.now(), event.id, campDetails({ reconfirmDaysBefore: 7 }));
    const type = ticketType(db, clock.now(), event, { capacity: 2 });
    const [a, b] = [attendee(), attendee()].map((details) => registerAttendee(db, clock.now(), links, { event, type, details }).registration);
    registerAttendee(db, clock.now(), links, { event, type, details: attendee() });
    clock.set(new Date(campStarts - 7 * day - 1));
    expect(askWhetherStillComing(db, clock.now(), links)).toBe(0);
    clock.set(new Date(campStarts - 7 * day));
    expect(askWhetherStillComing(db, clock.now(), links)).toBe(2);
    expect(askWhetherStillComing(db, clock.now(), links)).toBe(0);
    const asked = outboxMessages(db).filter((m) => m.subject === 'Are you still coming to LocalGovCamp 2027?');
    expect(asked).toHaveLength(2);
    expect(asked[0]!.textBody).toMatch(/\/tickets\/\d+\/[A-Za-z0-9_-]+\/still-coming/);
    expect(asked[0]!.textBody).toMatch(/\/tickets\/\d+\/[A-Za-z0-9_-]+\/release/);
    confirmStillComing(db, clock.now(), a!.id);
    expect(attendeeList(db, event.id, { unanswered: true }).map((r) => r.registration.id)).toEqual([b!.id]);
  });

  it('deletes access and dietary needs the set number of days after the event, keeping the registration', () => {
    const type = ticketType(db, clock.now(), event);
    const { registration } = registerAttendee(db, clock.now(), links, { event, type, details: attendee({ accessNeeds: 'Hearing loop', dietaryNeeds: 'Vegan' }) });
    const campEnds = Date.parse('2027-06-19T16:30:00Z');
    clock.set(new Date(campEnds + 30 * day - 1));
    runTimedWork(db, clock.now(), links);
    expect(needsOf(db, registration.id)).toEqual({ accessNeeds: 'Hearing loop', dietaryNeeds: 'Vegan' });
    clock.set(new Date(campEnds + 30 * day));
    runTimedWork(db, clock.now(), links);
    expect(needsOf(db, registration.id)).toEqual({ accessNeeds: '', dietaryNeeds: '' });
    expect(db.select().from(registrations).where(eq(registrations.id, registration.id)).get()!.status).toBe('confirmed');
  });

  it('offers no place, releases no wave and draws no ballot once the camp day is over, and nothing reaches an archived event', () => {
    const campEnds = Date.parse('2027-06-19T16:30:00Z');
    const type = ticketType(db, clock.now(), event, { capacity: 2, waves: [{ releasesAt: Date.parse('2027-01-01T12:00:00Z'), places: 1 }, { releasesAt: Date.parse('2027-06-01T12:00:00Z'), places: 1 }] });
    const holder = registerAttendee(db, clock.now(), links, { event, type, details: attendee() }).registration;
    registerAttendee(db, clock.now(), links, { event, type, details: attendee() });
    const ballot = ticketType(db, clock.now(), event, { name: 'Late ballot', allocation: 'ballot', capacity: 1, closesAt: campEnds + day, drawAt: campEnds + day });
    registerAttendee(db, clock.now(), links, { event, type: ballot, details: attendee() });
    const before = outboxMessages(db).length;
    clock.set(new Date(campEnds + 2 * day));
    releasePlace(db, clock.now(), links, holder.id);
    runTimedWork(db, clock.now(), links);
    const statuses = () => db.select({ s: registrations.status }).from(registrations).all().map((r) => r.s).sort();
    expect(statuses()).toEqual(['cancelled', 'entered', 'waiting']);
    expect(outboxMessages(db).slice(before).map((m) => m.subject)).toEqual(['You have released your place: Camp day at LocalGovCamp 2027']);

    clock.set(new Date('2027-06-02T12:00:00Z'));
    const archived = publishedCamp(db, clock.now(), 'archived-camp').event;
    const archivedType = ticketType(db, clock.now(), archived, { capacity: 1 });
    const kept = registerAttendee(db, clock.now(), links, { event: archived, type: archivedType, details: attendee() }).registration;
    registerAttendee(db, clock.now(), links, { event: archived, type: archivedType, details: attendee() });
    changeEventStatus(db, clock.now(), archived.id, 'archived');
    releasePlace(db, clock.now(), links, kept.id);
    expect(db.select().from(registrations).where(eq(registrations.ticketTypeId, archivedType.id)).all().map((r) => r.status).sort()).toEqual(['cancelled', 'waiting']);
  });

  it('draws due ballots, expires offers and releases waves in one pass, and a second pass changes nothing', () => {
    const ballot = ticketType(db, clock.now(), event, { name: 'Ballot', allocation: 'ballot', capacity: 1, closesAt: Date.parse('2027-03-02T12:00:00Z'), drawAt: Date.parse('2027-03-02T12:00:00Z') });
    registerAttendee(db, clock.now(), links, { event, type: ballot, details: attendee() });
    registerAttendee(db, clock.now(), links, { event, type: ballot, details: attendee() });
    clock.set(new Date('2027-03-02T12:00:00Z'));
    runTimedWork(db, clock.now(), links);
    const statuses = () => db.select({ s: registrations.status }).from(registrations).all().map((r) => r.s).sort();
    expect(statuses()).toEqual(['confirmed', 'waiting']);
    const before = outboxMessages(db).length;
    runTimedWork(db, clock.now(), links);
    expect(outboxMessages(db).length).toBe(before);
  });
});
