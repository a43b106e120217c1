import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.ts';
import { InterestRefused, interestCount, markInterest, peopleWhoWant } from '../../src/pitches/interest.ts';
import { hidePitch, mergePitch } from '../../src/pitches/moderation.ts';
import { interest } from '../../src/pitches/pitches.table.ts';
import { pitchSession, type Pitch } from '../../src/pitches/pitches.ts';
import { savePitchSettings } from '../../src/pitches/settings.ts';
import { NotFound } from '../../src/rules.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { twoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';
import { person } from '../helpers/people.ts';

describe('saying “I’d go”', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  let pitch: Pitch;
  const hour = 3_600_000;
  beforeEach(async () => {
    t = await makeApp();
    camp = twoDayCamp(t.db, testNow);
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
    pitch = pitchSession(t.db, testNow, {
      event: camp.event,
      person: ana,
      details: { title: 'Service design in social care', description: '', format: 'discussion', needs: [], doubleLength: false, preferredDayId: null, unavailableSlotIds: [], coFacilitators: [] },
      baseUrl: '',
    });
  });
  afterEach(async () => t.close());

  const mark = (personId: number, want: boolean, now = testNow, pitchId = pitch.id) => markInterest(t.db, now, { event: camp.event, pitchId, personId, want });
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof InterestRefused) return { reason: error.reason, message: error.errors.interest };
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('is recorded once however many times it is said, and removed once however many times it is taken back', () => {
    const bo = registeredAttendee(t.db, camp.event, 'bo@example.org');
    expect(mark(bo.id, true)).toEqual({ pitchId: pitch.id, want: true, count: 1 });
    expect(mark(bo.id, true)).toEqual({ pitchId: pitch.id, want: true, count: 1 });
    expect(mark(bo.id, false)).toEqual({ pitchId: pitch.id, want: false, count: 0 });
    expect(mark(bo.id, false)).toEqual({ pitchId: pitch.id, want: false, count: 0 });
  });

  it('says who would go, by person, so a change to the session reaches them', () => {
    const bo = registeredAttendee(t.db, camp.event, 'bo@example.org');
    const cy = registeredAttendee(t.db, camp.event, 'cy@example.org');
    expect(peopleWhoWant(t.db, pitch.id)).toEqual([]);
    mark(bo.id, true);
    mark(cy.id, true);
    expect(peopleWhoWant(t.db, pitch.id).sort()).toEqual([bo.id, cy.id].sort());
    mark(bo.id, false);
    expect(peopleWhoWant(t.db, pitch.id)).toEqual([cy.id]);
  });

  it('holds under two connections writing at once: the database keeps one mark per person and pitch', () => {
    const bo = registeredAttendee(t.db, camp.event, 'bo@example.org');
    const second = openDatabase(t.db.$client.name);
    try {
      mark(bo.id, true);
      markInterest(second, testNow, { event: camp.event, pitchId: pitch.id, personId: bo.id, want: true });
      expect(t.db.select().from(interest).where(eq(interest.pitchId, pitch.id)).all()).toHaveLength(1);
    } finally {
      second.$client.close();
    }
  });

  it('is refused, with the reason, from anyone without a confirmed place', () => {
    const visitor = person(t.db, 'visitor@example.org');
    const waiting = registeredAttendee(t.db, camp.event, 'waiting@example.org', { status: 'waiting' });
    for (const who of [visitor, waiting]) {
      expect(refusal(() => mark(who.id, true))).toEqual({
        reason: 'not-registered',
        message: 'Only people with a confirmed place at LocalGovCamp 2027 can say which sessions they’d go to, so the numbers the organisers plan rooms with are real.',
      });
    }
    expect(interestCount(t.db, pitch.id)).toBe(0);
  });

  it('is taken only between the times the organisers set, in the camp’s time zone', () => {
    const bo = registeredAttendee(t.db, camp.event, 'bo@example.org');
    savePitchSettings(t.db, testNow, camp.event.id, { interestOpensAt: testNow.getTime() + hour, interestClosesAt: testNow.getTime() + 2 * hour, counts: 'while-open', changesNeedApproval: false });
    expect(refusal(() => mark(bo.id, true))).toEqual({ reason: 'not-open', message: 'You can say which sessions you’d go to from 11am on Monday 1 March 2027.' });
    expect(mark(bo.id, true, new Date(testNow.getTime() + hour)).count).toBe(1);
    expect(refusal(() => mark(bo.id, false, new Date(testNow.getTime() + 2 * hour)))).toEqual({
      reason: 'closed',
      message: 'Interest closed at midday on Monday 1 March 2027, when the organisers started building the grid.',
    });
    expect(interestCount(t.db, pitch.id)).toBe(1);
  });

  it('keeps counts hidden until interest closes when the organisers choose so', () => {
    const bo = registeredAttendee(t.db, camp.event, 'bo@example.org');
    savePitchSettings(t.db, testNow, camp.event.id, { interestOpensAt: null, interestClosesAt: testNow.getTime() + hour, counts: 'after-close', changesNeedApproval: false });
    expect(mark(bo.id, true)).toEqual({ pitchId: pitch.id, want: true, count: null });
  });

  it('goes to the surviving pitch when the one marked was merged, and is refused on hidden pitches', () => {
    const bo = registeredAttendee(t.db, camp.event, 'bo@example.org');
    const cy = registeredAttendee(t.db, camp.event, 'cy@example.org');
    const duplicate = pitchSession(t.db, testNow, { event: camp.event, person: cy, details: { title: 'Social care design', description: '', format: 'discussion', needs: [], doubleLength: false, preferredDayId: null, unavailableSlotIds: [], coFacilitators: [] }, baseUrl: '' });
    mergePitch(t.db, testNow, { event: camp.event, pitchId: duplicate.id, intoId: pitch.id, baseUrl: 'http://campgrid.test' });
    expect(mark(bo.id, true, testNow, duplicate.id)).toEqual({ pitchId: pitch.id, want: true, count: 1 });
    hidePitch(t.db, testNow, { event: camp.event, pitchId: pitch.id, reason: 'Duplicate of the keynote', baseUrl: '' });
    expect(() => mark(cy.id, true)).toThrow(NotFound);
  });
});
