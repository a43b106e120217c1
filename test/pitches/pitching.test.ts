import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerInvitation, pendingInvitations } from '../../src/pitches/facilitators.ts';
import { decideChange } from '../../src/pitches/moderation.ts';
import { coFacilitatorEmails, facilitatorsOf, findPitch, pendingChangeOf, pitchSession, pitchesPerHour, revisePitch, withdrawPitch, type PitchDetails } from '../../src/pitches/pitches.ts';
import { pitches } from '../../src/pitches/pitches.table.ts';
import { savePitchSettings } from '../../src/pitches/settings.ts';
import { Forbidden, RuleViolation } from '../../src/rules.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { twoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { person } from '../helpers/people.ts';
import { violation } from '../helpers/rules.ts';

const details = (overrides: Partial<PitchDetails> = {}): PitchDetails => ({
  title: 'Open data for parish councils',
  description: 'What works when you have no data team.',
  format: 'discussion',
  needs: [],
  doubleLength: false,
  preferredDayId: null,
  unavailableSlotIds: [],
  coFacilitators: [],
  ...overrides,
});


describe('pitching a session', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  const base = 'http://campgrid.test';
  beforeEach(async () => {
    t = await makeApp();
    camp = twoDayCamp(t.db, testNow);
  });
  afterEach(async () => t.close());

  it('puts a registered attendee’s pitch on the board with them as its confirmed facilitator', () => {
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org', { name: 'Ana' });
    const pitch = pitchSession(t.db, testNow, {
      event: camp.event,
      person: ana,
      details: details({ format: 'workshop', needs: ['step-free', 'projector'], doubleLength: true, preferredDayId: camp.saturday.id, unavailableSlotIds: [camp.saturdaySlots[1]!.id, camp.saturdaySlots[0]!.id] }),
      baseUrl: base,
    });
    expect(pitch).toMatchObject({ status: 'open', source: 'online', format: 'workshop', needs: ['step-free', 'projector'], doubleLength: true, preferredDayId: camp.saturday.id, createdBy: ana.id });
    expect(pitch.unavailableSlotIds).toEqual([camp.saturdaySlots[0]!.id, camp.saturdaySlots[1]!.id]);
    expect(facilitatorsOf(t.db, pitch.id)).toEqual([{ id: expect.any(Number), personId: ana.id, name: 'Ana', email: 'ana@example.org', confirmed: true }]);
  });

  it('refuses people without a confirmed place, including those still waiting', () => {
    const visitor = person(t.db, 'visitor@example.org');
    const waiting = registeredAttendee(t.db, camp.event, 'waiting@example.org', { status: 'waiting' });
    for (const who of [visitor, waiting]) {
      expect(violation(() => pitchSession(t.db, testNow, { event: camp.event, person: who, details: details(), baseUrl: base }))).toEqual({
        title: 'Only people with a confirmed place at LocalGovCamp 2027 can pitch a session',
      });
    }
    expect(t.db.select().from(pitches).all()).toEqual([]);
  });

  it('accepts only the camp’s own days and session slots', () => {
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
    const pitch = (d: Partial<PitchDetails>) => () => pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details(d), baseUrl: base });
    expect(violation(pitch({ preferredDayId: 999_999 }))).toEqual({ preferredDay: 'Choose one of the camp’s days' });
    expect(violation(pitch({ unavailableSlotIds: [camp.lunch.id] }))).toEqual({ unavailable: 'Choose from the camp’s session slots' });
  });

  it(`takes at most ${pitchesPerHour} pitches an hour from one person`, () => {
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
    for (let i = 0; i < pitchesPerHour; i++) pitchSession(t.db, new Date(testNow.getTime() + i * 60_000), { event: camp.event, person: ana, details: details({ title: `Pitch ${i}` }), baseUrl: base });
    const tooSoon = new Date(testNow.getTime() + 30 * 60_000);
    expect(violation(() => pitchSession(t.db, tooSoon, { event: camp.event, person: ana, details: details(), baseUrl: base }))).toEqual({
      title: 'You have pitched 10 sessions in the last hour. Wait a while before pitching more, or ask an organiser.',
    });
    const anHourLater = new Date(testNow.getTime() + 61 * 60_000);
    expect(pitchSession(t.db, anHourLater, { event: camp.event, person: ana, details: details(), baseUrl: base }).status).toBe('open');
  });

  describe('co-facilitators', () => {
    it('are invited by email and shown only once they confirm; declining takes them off', () => {
      const ana = registeredAttendee(t.db, camp.event, 'ana@example.org', { name: 'Ana' });
      const bo = registeredAttendee(t.db, camp.event, 'bo@example.org', { name: 'Bo' });
      const cy = registeredAttendee(t.db, camp.event, 'cy@example.org', { name: 'Cy' });
      const pitch = pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details({ coFacilitators: ['BO@example.org', 'cy@example.org'] }), baseUrl: base });
      expect(facilitatorsOf(t.db, pitch.id).map((f) => [f.name, f.confirmed])).toEqual([['Ana', true], ['Bo', false], ['Cy', false]]);
      const invitations = outboxMessages(t.db).filter((m) => m.subject.startsWith('Will you co-facilitate'));
      expect(invitations.map((m) => m.toAddress)).toEqual(['bo@example.org', 'cy@example.org']);
      expect(invitations[0]!.textBody).toContain(`${base}/events/localgovcamp-2027/pitches/invitations`);
      expect(pendingInvitations(t.db, camp.event.id, bo.id).map((p) => p.id)).toEqual([pitch.id]);

      answerInvitation(t.db, { pitchId: pitch.id, personId: bo.id, accept: true });
      answerInvitation(t.db, { pitchId: pitch.id, personId: cy.id, accept: false });
      expect(facilitatorsOf(t.db, pitch.id).map((f) => [f.name, f.confirmed])).toEqual([['Ana', true], ['Bo', true]]);
      expect(pendingInvitations(t.db, camp.event.id, bo.id)).toEqual([]);
    });

    it('are invited the same way whether or not they have a place, so the form never says who has one; the email tells those without one to register first', () => {
      const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
      registeredAttendee(t.db, camp.event, 'bo@example.org');
      person(t.db, 'stranger@example.org');
      const pitch = pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details({ coFacilitators: ['bo@example.org', 'stranger@example.org', 'nobody@example.org'] }), baseUrl: base });
      expect(facilitatorsOf(t.db, pitch.id).map((f) => f.confirmed)).toEqual([true, false, false, false]);
      const invitations = new Map(outboxMessages(t.db).map((m) => [m.toAddress, m.textBody]));
      expect(invitations.get('bo@example.org')).not.toContain('/register');
      for (const without of ['stranger@example.org', 'nobody@example.org']) {
        expect(invitations.get(without)).toContain(`Co-facilitators need a confirmed place at LocalGovCamp 2027, and you do not have one yet. Register first, then come back to this invitation:\n\n${base}/events/localgovcamp-2027/register`);
      }
    });

    it('may not be the person pitching, and number at most four', () => {
      const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
      const others = ['b', 'c', 'd', 'e', 'f'].map((n) => registeredAttendee(t.db, camp.event, `${n}@example.org`).email);
      const pitch = (emails: string[]) => () => pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details({ coFacilitators: emails }), baseUrl: base });
      expect(violation(pitch(['ana@example.org']))).toEqual({ coFacilitators: 'You are already a facilitator: list only the other people running it' });
      expect(violation(pitch(others))).toEqual({ coFacilitators: 'A pitch can have up to 4 co-facilitators' });
      expect(t.db.select().from(pitches).all()).toEqual([]);
      expect(outboxMessages(t.db)).toEqual([]);
    });
  });

  describe('changing a pitch', () => {
    it('lets its facilitators change it and its co-facilitators, and nobody else', () => {
      const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
      registeredAttendee(t.db, camp.event, 'bo@example.org');
      registeredAttendee(t.db, camp.event, 'cy@example.org');
      const eve = registeredAttendee(t.db, camp.event, 'eve@example.org');
      const pitch = pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details({ coFacilitators: ['bo@example.org'] }), baseUrl: base });
      expect(revisePitch(t.db, testNow, { event: camp.event, pitch, person: ana, details: details({ title: 'Open data, revisited', coFacilitators: ['cy@example.org'] }), baseUrl: base })).toBe('saved');
      expect(findPitch(t.db, pitch.id)!.title).toBe('Open data, revisited');
      expect(coFacilitatorEmails(t.db, findPitch(t.db, pitch.id)!)).toEqual(['cy@example.org']);
      expect(() => revisePitch(t.db, testNow, { event: camp.event, pitch, person: eve, details: details(), baseUrl: base })).toThrow(Forbidden);
    });

    it('holds a facilitator’s edit for the organisers once changes need approval; approving applies it', () => {
      const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
      const pitch = pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details(), baseUrl: base });
      savePitchSettings(t.db, testNow, camp.event.id, { interestOpensAt: null, interestClosesAt: null, counts: 'while-open', changesNeedApproval: true });
      expect(revisePitch(t.db, testNow, { event: camp.event, pitch, person: ana, details: details({ title: 'First try' }), baseUrl: base })).toBe('awaiting-approval');
      expect(revisePitch(t.db, testNow, { event: camp.event, pitch, person: ana, details: details({ title: 'Second thoughts', format: 'workshop' }), baseUrl: base })).toBe('awaiting-approval');
      expect(findPitch(t.db, pitch.id)!.title).toBe('Open data for parish councils');
      expect(pendingChangeOf(t.db, pitch.id)!.proposed).toMatchObject({ title: 'Second thoughts', format: 'workshop' });

      decideChange(t.db, testNow, { event: camp.event, pitchId: pitch.id, approve: true, organiser: camp.organiser, baseUrl: base });
      expect(findPitch(t.db, pitch.id)).toMatchObject({ title: 'Second thoughts', format: 'workshop' });
      expect(pendingChangeOf(t.db, pitch.id)).toBeUndefined();
    });

    it('drops a rejected change and leaves the pitch as it was', () => {
      const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
      const pitch = pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details(), baseUrl: base });
      savePitchSettings(t.db, testNow, camp.event.id, { interestOpensAt: null, interestClosesAt: null, counts: 'while-open', changesNeedApproval: true });
      revisePitch(t.db, testNow, { event: camp.event, pitch, person: ana, details: details({ title: 'Renamed' }), baseUrl: base });
      decideChange(t.db, testNow, { event: camp.event, pitchId: pitch.id, approve: false, organiser: camp.organiser, baseUrl: base });
      expect(findPitch(t.db, pitch.id)!.title).toBe('Open data for parish councils');
      expect(pendingChangeOf(t.db, pitch.id)).toBeUndefined();
    });

    it('withdraws a pitch for good: it leaves the board and can no longer be changed', () => {
      const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
      const pitch = pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details(), baseUrl: base });
      withdrawPitch(t.db, testNow, { event: camp.event, pitch, person: ana, baseUrl: base });
      const withdrawn = t.db.select().from(pitches).where(eq(pitches.id, pitch.id)).get()!;
      expect(withdrawn.status).toBe('withdrawn');
      expect(violation(() => revisePitch(t.db, testNow, { event: camp.event, pitch: withdrawn, person: ana, details: details(), baseUrl: base }))).toEqual({
        title: 'This pitch has been withdrawn or merged and can no longer be changed',
      });
    });
  });
});
