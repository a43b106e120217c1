import { count, eq, inArray, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoCamp } from '../../src/demo/seed.ts';
import { addDay } from '../../src/events/days.ts';
import { copiedFrom, copyEvent } from '../../src/events/copy.ts';
import { suggestedCopy } from '../../src/events/copy-suggestion.ts';
import { days, eventOrganisers, rooms, slots } from '../../src/events/events.table.ts';
import { createEvent, daysOf, type CampEvent } from '../../src/events/events.ts';
import { addSlot } from '../../src/events/slots.ts';
import { setFirstTimerTarget } from '../../src/insights/event-insights.ts';
import { gridDrafts, gridPlacements, gridVersions } from '../../src/grid/grid.table.ts';
import { interest, pitches } from '../../src/pitches/pitches.table.ts';
import { sponsorPackages, sponsors } from '../../src/sponsors/sponsors.table.ts';
import { RuleViolation } from '../../src/rules.ts';
import { registrations, releaseWaves, ticketTypes } from '../../src/tickets/tickets.table.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { campDetails } from '../helpers/factories.ts';
import { person } from '../helpers/people.ts';
import { ticketType } from '../helpers/tickets.ts';
import type { Database } from '../../src/db/open.ts';

const london = (instant: number) => DateTime.fromMillis(instant, { zone: 'Europe/London' }).toFormat('yyyy-MM-dd HH:mm');

describe('copying a camp for next year', () => {
  let db: Database;
  let close: () => void;
  beforeEach(() => {
    const fresh = freshDatabase();
    db = fresh.db;
    close = () => db.$client.close();
  });
  afterEach(() => close());

  const countWhere = (table: SQLiteTable, where: SQL) => db.select({ n: count() }).from(table).where(where).get()!.n;

  it('brings the venue, rooms, days, slots, ticket types, packages and team along, and nobody who came', () => {
    const demo = seedDemoCamp(db, testNow, 'http://campgrid.test', freshDatabase().dir);
    const owner = db.select().from(eventOrganisers).where(eq(eventOrganisers.eventId, demo.id)).all();
    // The demo camp really has people in it: registrations, pitches, interest, sponsors, a grid.
    const demoTypes = db.select({ id: ticketTypes.id }).from(ticketTypes).where(eq(ticketTypes.eventId, demo.id)).all().map((t) => t.id);
    expect(countWhere(registrations, inArray(registrations.ticketTypeId, demoTypes))).toBeGreaterThan(10);
    expect(countWhere(pitches, eq(pitches.eventId, demo.id))).toBeGreaterThan(3);
    expect(countWhere(sponsors, eq(sponsors.eventId, demo.id))).toBeGreaterThan(0);

    setFirstTimerTarget(db, testNow, demo.id, 60);

    const copy = copyEvent(db, testNow, { ...demo, firstTimerTargetPercent: 60 }, { name: 'Demo camp next year', slug: 'demo-next-year', weeks: 52 }, owner[0]!.personId);

    // The organisers' aims come along with the camp: the share of first-timers they want.
    expect(copy).toMatchObject({ name: 'Demo camp next year', slug: 'demo-next-year', status: 'draft', copiedFromId: demo.id, venueName: demo.venueName, timeZone: demo.timeZone, codeOfConduct: demo.codeOfConduct, firstTimerTargetPercent: 60 });
    expect(copiedFrom(db, copy)?.id).toBe(demo.id);
    const strip = <T extends { id: number; eventId: number }>({ id: _i, eventId: _e, ...rest }: T) => rest;
    expect(db.select().from(rooms).where(eq(rooms.eventId, copy.id)).all().map(strip)).toEqual(db.select().from(rooms).where(eq(rooms.eventId, demo.id)).all().map(strip));
    const team = (eventId: number) => db.select({ personId: eventOrganisers.personId, role: eventOrganisers.role }).from(eventOrganisers).where(eq(eventOrganisers.eventId, eventId)).all();
    expect(team(copy.id)).toEqual(team(demo.id));

    // Each day 52 weeks later, the same weekday, with the same slots at the same local times.
    const before = daysOf(db, demo.id);
    const after = daysOf(db, copy.id);
    expect(after.map((d) => d.date)).toEqual(before.map((d) => DateTime.fromISO(d.date).plus({ weeks: 52 }).toISODate()));
    const slotTimes = (dayId: number) => db.select().from(slots).where(eq(slots.dayId, dayId)).all().map((s) => `${s.kind} ${london(s.startsAt).slice(11)}-${london(s.endsAt).slice(11)}`);
    after.forEach((day, i) => expect(slotTimes(day.id)).toEqual(slotTimes(before[i]!.id)));

    // Ticket types with their rules, dates moved, days pointing at the new days, nobody registered.
    const types = (eventId: number) => db.select().from(ticketTypes).where(eq(ticketTypes.eventId, eventId)).all();
    const copiedTypes = types(copy.id);
    expect(copiedTypes.map((t) => [t.name, t.capacity, t.allocation])).toEqual(types(demo.id).map((t) => [t.name, t.capacity, t.allocation]));
    types(demo.id).forEach((t, i) => {
      expect(london(copiedTypes[i]!.opensAt).slice(11)).toBe(london(t.opensAt).slice(11));
      expect(copiedTypes[i]!.dayIds.every((id) => after.some((d) => d.id === id))).toBe(true);
      expect(copiedTypes[i]!.dayIds).toHaveLength(t.dayIds.length);
    });
    expect(countWhere(registrations, inArray(registrations.ticketTypeId, copiedTypes.map((t) => t.id)))).toBe(0);

    // Packages with their prices and stock, none taken.
    const packages = (eventId: number) => db.select().from(sponsorPackages).where(eq(sponsorPackages.eventId, eventId)).all();
    expect(packages(copy.id).map((p) => [p.name, p.pricePence, p.available, p.unitsHeld])).toEqual(packages(demo.id).map((p) => [p.name, p.pricePence, p.available, 0]));

    // Nothing about a person who came.
    expect(countWhere(pitches, eq(pitches.eventId, copy.id))).toBe(0);
    expect(countWhere(sponsors, eq(sponsors.eventId, copy.id))).toBe(0);
    expect(countWhere(gridPlacements, eq(gridPlacements.eventId, copy.id))).toBe(0);
    expect(countWhere(gridVersions, eq(gridVersions.eventId, copy.id))).toBe(0);
    expect(countWhere(gridDrafts, eq(gridDrafts.eventId, copy.id))).toBe(0);
    expect(db.select({ n: count() }).from(interest).innerJoin(pitches, eq(pitches.id, interest.pitchId)).where(eq(pitches.eventId, copy.id)).get()!.n).toBe(0);
  });

  describe('across a clock change', () => {
    let camp: CampEvent;
    let ownerId: number;
    beforeEach(() => {
      ownerId = person(db, 'dee@example.org').id;
      camp = createEvent(db, testNow, campDetails({ slug: 'spring-camp-2027', name: 'Spring camp 2027' }), ownerId);
    });

    it('keeps every day, slot and ticket time at the same local time when the clocks go forward in between', () => {
      // Saturday 20 March 2027 is in GMT; a week later the clocks have gone forward (28 March).
      const day = addDay(db, camp.id, camp.timeZone, { date: '2027-03-27', label: 'Camp day', opens: '09:00', closes: '17:00' });
      addSlot(db, day, camp.timeZone, { kind: 'session', label: '', starts: '10:00', ends: '10:45' });
      ticketType(db, testNow, camp, { dayIds: [day.id], opensAt: Date.parse('2027-03-01T12:00:00Z'), closesAt: Date.parse('2027-03-26T17:00:00Z'), capacity: 40, waves: [{ releasesAt: Date.parse('2027-03-01T12:00:00Z'), places: 40 }] });

      const copy = copyEvent(db, testNow, camp, { name: 'Spring camp, a week on', slug: 'spring-camp-week-on', weeks: 1 }, ownerId);

      const [moved] = daysOf(db, copy.id);
      expect(moved!.date).toBe('2027-04-03');
      expect(london(moved!.startsAt)).toBe('2027-04-03 09:00');
      // 09:00 in BST is 08:00 UTC: one hour less than seven days after 09:00 GMT.
      expect(new Date(moved!.startsAt).toISOString()).toBe('2027-04-03T08:00:00.000Z');
      expect(moved!.startsAt - day.startsAt).toBe(7 * 24 * 3_600_000 - 3_600_000);
      const [slot] = db.select().from(slots).where(eq(slots.dayId, moved!.id)).all();
      expect(london(slot!.startsAt)).toBe('2027-04-03 10:00');
      const [copiedType] = db.select().from(ticketTypes).where(eq(ticketTypes.eventId, copy.id)).all();
      expect(london(copiedType!.closesAt)).toBe('2027-04-02 17:00');
      expect(london(copiedType!.opensAt)).toBe('2027-03-08 12:00');
      expect(copiedType!.dayIds).toEqual([moved!.id]);
      const waves = db.select().from(releaseWaves).where(eq(releaseWaves.ticketTypeId, copiedType!.id)).all();
      expect(waves.map((w) => [london(w.releasesAt), w.places])).toEqual([['2027-03-08 12:00', 40]]);
    });

    it('refuses, naming the time, to move a slot into the hour the clocks skip', () => {
      const day = addDay(db, camp.id, camp.timeZone, { date: '2027-03-21', label: 'Night owls', opens: '00:30', closes: '05:00' });
      addSlot(db, day, camp.timeZone, { kind: 'session', label: '', starts: '01:15', ends: '01:45' });
      const attempt = () => copyEvent(db, testNow, camp, { name: 'Night owls', slug: 'night-owls', weeks: 1 }, ownerId);
      expect(attempt).toThrow(RuleViolation);
      try {
        attempt();
      } catch (error) {
        expect((error as RuleViolation).errors).toEqual({ weeks: '01:15 does not exist on 2027-03-28 (the clocks go forward); choose another number of weeks' });
      }
      // Nothing half-copied.
      expect(db.select().from(days).all().map((d) => d.date)).toEqual(['2027-03-21']);
    });
  });

  it('refuses a web address another event uses', () => {
    const ownerId = person(db, 'dee@example.org').id;
    const camp = createEvent(db, testNow, campDetails(), ownerId);
    expect(() => copyEvent(db, testNow, camp, { name: 'Again', slug: camp.slug, weeks: 52 }, ownerId)).toThrow(RuleViolation);
  });

  it('suggests the same camp 52 weeks on, its year moved in the name and web address', () => {
    const ownerId = person(db, 'dee@example.org').id;
    const camp = createEvent(db, testNow, campDetails({ name: 'LocalGovCamp 2027', slug: 'localgovcamp-2027' }), ownerId);
    expect(suggestedCopy(camp, '2027-06-19')).toEqual({ weeks: 52, name: 'LocalGovCamp 2028', slug: 'localgovcamp-2028' });
    const yearless = createEvent(db, testNow, campDetails({ name: 'BarCamp Anytown', slug: 'barcamp-anytown' }), ownerId);
    expect(suggestedCopy(yearless, '2027-06-19')).toEqual({ weeks: 52, name: 'BarCamp Anytown 2028', slug: 'barcamp-anytown-2028' });
  });
});
