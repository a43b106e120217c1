import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/open.ts';
import { addDay, removeDay, slotsOfDay, updateDay } from '../../src/events/days.ts';
import { changeEventStatus, createEvent, findEventById, findEventBySlug, listPublicEvents, updateEvent, type EventDetails } from '../../src/events/events.ts';
import { campDetails } from '../helpers/factories.ts';
import { localClockTime } from '../../src/events/local-time.ts';
import { changeOrganiserRole, inviteOrganiser, removeOrganiser, roleAt, teamOf } from '../../src/events/organisers.ts';
import { addRoom, updateRoom } from '../../src/events/rooms.ts';
import { addSlot, generateSlots, planSlots, updateSlot } from '../../src/events/slots.ts';
import { RuleViolation } from '../../src/rules.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { person } from '../helpers/people.ts';
import { violation } from '../helpers/rules.ts';



const saturday = { date: '2027-06-19', label: 'Camp day', opens: '09:00', closes: '17:30' };

describe('setting up a camp', () => {
  let db: Database;
  const now = testNow;
  beforeEach(() => {
    db = freshDatabase().db;
  });
  afterEach(() => db.$client.close());

  const newCamp = (overrides: Partial<EventDetails> = {}) => createEvent(db, now, campDetails(overrides), person(db, 'ana@example.org', { administrator: true }).id);

  describe('events', () => {
    it('start as drafts owned by their creator', () => {
      const event = newCamp();
      expect(event.status).toBe('draft');
      expect(teamOf(db, event.id).map((m) => [m.person.email, m.role])).toEqual([['ana@example.org', 'owner']]);
    });

    it('are found by their id as by their web address, and an unknown id finds none', () => {
      const event = newCamp();
      expect(findEventById(db, event.id)).toEqual(findEventBySlug(db, event.slug));
      expect(findEventById(db, event.id + 1)).toBeUndefined();
    });

    it('need a web address no other event uses, and not a reserved word', () => {
      newCamp();
      expect(violation(() => newCamp())).toEqual({ slug: 'Another event already uses this web address; choose another' });
      expect(violation(() => newCamp({ slug: 'new' }))).toEqual({ slug: '“new” is reserved; choose another web address' });
    });

    it('can only be published once they have a day, and move draft → published → archived', () => {
      const event = newCamp();
      expect(violation(() => changeEventStatus(db, now, event.id, 'published'))).toEqual({ status: 'Add at least one day before publishing the event' });
      addDay(db, event.id, event.timeZone, saturday);
      expect(changeEventStatus(db, now, event.id, 'published').status).toBe('published');
      expect(violation(() => changeEventStatus(db, now, event.id, 'published'))).toEqual({ status: 'A published event cannot be made published' });
      expect(changeEventStatus(db, now, event.id, 'archived').status).toBe('archived');
      expect(violation(() => changeEventStatus(db, now, event.id, 'draft'))).toEqual({ status: 'An archived event cannot be made draft' });
    });

    it('keep days and slots at the same local times when the time zone is corrected', () => {
      const event = newCamp();
      const day = addDay(db, event.id, 'Europe/London', saturday);
      addSlot(db, day, 'Europe/London', { kind: 'session', label: '', starts: '10:00', ends: '10:45' });
      updateEvent(db, now, event.id, campDetails({ timeZone: 'Europe/Dublin' }));
      updateEvent(db, now, event.id, campDetails({ timeZone: 'America/New_York' }));
      const [slot] = slotsOfDay(db, day.id);
      expect(localClockTime(slot!.startsAt, 'America/New_York')).toBe('10:00');
      expect(new Date(slot!.startsAt).toISOString()).toBe('2027-06-19T14:00:00.000Z');
    });

    it('are listed publicly once published, upcoming or past by their last day', () => {
      const upcoming = newCamp();
      addDay(db, upcoming.id, upcoming.timeZone, saturday);
      changeEventStatus(db, now, upcoming.id, 'published');
      const past = newCamp({ slug: 'govcamp-2026', name: 'GovCamp 2026' });
      addDay(db, past.id, past.timeZone, { ...saturday, date: '2026-06-20' });
      changeEventStatus(db, now, past.id, 'published');
      newCamp({ slug: 'secret-draft', name: 'Draft camp' });
      const listed = listPublicEvents(db, now);
      expect(listed.upcoming.map((e) => e.event.slug)).toEqual(['localgovcamp-2027']);
      expect(listed.past.map((e) => e.event.slug)).toEqual(['govcamp-2026']);
    });
  });

  describe('days', () => {
    it('are one per date, close after they open, and refuse a time the clocks skip', () => {
      const event = newCamp();
      addDay(db, event.id, event.timeZone, saturday);
      expect(violation(() => addDay(db, event.id, event.timeZone, saturday))).toEqual({ date: 'The event already has a day on this date' });
      expect(violation(() => addDay(db, event.id, event.timeZone, { ...saturday, date: '2027-06-20', closes: '08:00' }))).toEqual({ closes: 'The day must close after it opens' });
      // 28 March 2027: clocks go forward at 01:00 in London, so 01:30 never happens.
      expect(violation(() => addDay(db, event.id, event.timeZone, { ...saturday, date: '2027-03-28', opens: '01:30' }))).toEqual({
        opens: 'That time does not exist on this date (the clocks go forward)',
      });
    });

    it('cannot shrink so that a slot falls outside, nor move date while they have slots', () => {
      const event = newCamp();
      const day = addDay(db, event.id, event.timeZone, saturday);
      addSlot(db, day, event.timeZone, { kind: 'session', label: '', starts: '16:00', ends: '17:00' });
      expect(violation(() => updateDay(db, event.id, event.timeZone, day.id, { ...saturday, closes: '16:30' }))).toEqual({
        opens: 'Some slots fall outside these hours; change or remove them first',
      });
      expect(violation(() => updateDay(db, event.id, event.timeZone, day.id, { ...saturday, date: '2027-06-20' }))).toEqual({
        date: 'Remove this day’s slots before moving it to another date',
      });
      expect(updateDay(db, event.id, event.timeZone, day.id, { ...saturday, label: 'Main day' }).label).toBe('Main day');
    });

    it('take their slots with them when removed', () => {
      const event = newCamp();
      const day = addDay(db, event.id, event.timeZone, saturday);
      addSlot(db, day, event.timeZone, { kind: 'session', label: '', starts: '10:00', ends: '10:45' });
      removeDay(db, event.id, day.id);
      expect(slotsOfDay(db, day.id)).toEqual([]);
    });
  });

  describe('slots', () => {
    it('lie within the day, end after they start, and session slots never overlap', () => {
      const event = newCamp();
      const day = addDay(db, event.id, event.timeZone, saturday);
      const first = addSlot(db, day, event.timeZone, { kind: 'session', label: 'Session 1', starts: '10:00', ends: '10:45' });
      expect(violation(() => addSlot(db, day, event.timeZone, { kind: 'session', label: '', starts: '10:30', ends: '11:15' }))).toEqual({
        starts: 'This overlaps another session slot on the same day',
      });
      // A lunch may overlap a session slot (lunchtime sessions happen); only sessions may not.
      expect(addSlot(db, day, event.timeZone, { kind: 'lunch', label: '', starts: '10:30', ends: '11:30' }).kind).toBe('lunch');
      expect(violation(() => addSlot(db, day, event.timeZone, { kind: 'break', label: '', starts: '08:30', ends: '09:15' }))).toEqual({
        starts: 'The slot must be within the day’s opening hours',
      });
      expect(violation(() => addSlot(db, day, event.timeZone, { kind: 'break', label: '', starts: '12:00', ends: '12:00' }))).toEqual({
        ends: 'The slot must end after it starts',
      });
      // Moving a slot does not clash with itself.
      expect(updateSlot(db, day, event.timeZone, first.id, { kind: 'session', label: 'Session 1', starts: '10:15', ends: '11:00' }).startsAt).toBe(Date.parse('2027-06-19T09:15:00Z'));
    });

    it('are generated from a pattern: pitching, sessions with changeovers, and lunch at its time', () => {
      const plan = planSlots({
        pitchingStarts: '09:30',
        pitchingMinutes: 30,
        firstSessionStarts: '10:00',
        sessionMinutes: 45,
        changeoverMinutes: 15,
        sessionCount: 5,
        lunchStarts: '12:30',
        lunchMinutes: 45,
      });
      expect(plan.map((s) => `${s.kind} ${s.starts}-${s.ends}`)).toEqual([
        'pitching 09:30-10:00',
        'session 10:00-10:45',
        'session 11:00-11:45',
        'lunch 12:30-13:15',
        'session 13:15-14:00',
        'session 14:15-15:00',
        'session 15:15-16:00',
      ]);
    });

    it('generated for a day replace its slots, all or nothing', () => {
      const event = newCamp();
      const day = addDay(db, event.id, event.timeZone, { ...saturday, closes: '15:00' });
      addSlot(db, day, event.timeZone, { kind: 'plenary', label: 'Welcome', starts: '09:00', ends: '09:30' });
      const pattern = { pitchingStarts: null, pitchingMinutes: 30, firstSessionStarts: '10:00', sessionMinutes: 45, changeoverMinutes: 15, sessionCount: 6, lunchStarts: null, lunchMinutes: 45 };
      expect(violation(() => generateSlots(db, day, event.timeZone, pattern))).toEqual({
        firstSessionStarts: 'Session 6 (15:00–15:45) does not fit: The slot must be within the day’s opening hours',
      });
      expect(slotsOfDay(db, day.id).map((s) => s.label)).toEqual(['Welcome']);
      expect(generateSlots(db, day, event.timeZone, { ...pattern, sessionCount: 4 })).toHaveLength(4);
      expect(slotsOfDay(db, day.id).map((s) => s.label)).toEqual(['Session 1', 'Session 2', 'Session 3', 'Session 4']);
    });
  });

  describe('rooms', () => {
    it('have unique names within an event', () => {
      const event = newCamp();
      const hall = addRoom(db, event.id, { name: 'Hall', capacity: 120, features: ['step-free'], notes: '', displayOrder: 1 });
      const annex = addRoom(db, event.id, { name: 'Annex', capacity: 20, features: [], notes: '', displayOrder: 2 });
      expect(violation(() => updateRoom(db, event.id, annex.id, { name: 'Hall', capacity: 20, features: [], notes: '', displayOrder: 2 }))).toEqual({
        name: 'Another room at this event has that name',
      });
      expect(hall.features).toEqual(['step-free']);
    });
  });

  describe('the team', () => {
    it('grows by invitation, which emails a sign-in link to the event', () => {
      const event = newCamp();
      const owner = person(db, 'ana@example.org');
      inviteOrganiser(db, now, { event, email: 'Helper@Example.org', role: 'helper', invitedBy: owner, baseUrl: 'http://campgrid.test' });
      const helper = person(db, 'helper@example.org');
      expect(roleAt(db, helper, event.id)).toBe('helper');
      const mail = outboxMessages(db).at(-1)!;
      expect(mail.toAddress).toBe('helper@example.org');
      expect(mail.subject).toBe('You’re invited to help organise LocalGovCamp 2027');
      expect(mail.textBody).toMatch(/http:\/\/campgrid\.test\/sign-in\/[A-Za-z0-9_-]{43}/);
      expect(mail.textBody).toContain('has added you to the team for LocalGovCamp 2027 as a helper.');
      inviteOrganiser(db, now, { event, email: 'org@example.org', role: 'organiser', invitedBy: owner, baseUrl: 'http://campgrid.test' });
      expect(outboxMessages(db).at(-1)!.textBody).toContain('as an organiser.');
      expect(violation(() => inviteOrganiser(db, now, { event, email: 'helper@example.org', role: 'owner', invitedBy: owner, baseUrl: '' }))).toEqual({
        email: 'This person is already on the team',
      });
    });

    it('always keeps an owner', () => {
      const event = newCamp();
      const [owner] = teamOf(db, event.id);
      expect(violation(() => changeOrganiserRole(db, event.id, owner!.id, 'helper'))).toEqual({ role: 'An event needs at least one owner; make someone else an owner first' });
      expect(violation(() => removeOrganiser(db, event.id, owner!.id))).toEqual({ role: 'An event needs at least one owner; make someone else an owner first' });
      const second = inviteOrganiser(db, now, { event, email: 'bo@example.org', role: 'owner', invitedBy: owner!.person, baseUrl: '' });
      removeOrganiser(db, event.id, owner!.id);
      expect(teamOf(db, event.id).map((m) => m.id)).toEqual([second.id]);
      expect(findEventBySlug(db, event.slug)?.id).toBe(event.id);
    });
  });
});
