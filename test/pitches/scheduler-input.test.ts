import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerInvitation } from '../../src/pitches/facilitators.ts';
import { takeDeskPitch, type DeskPitch } from '../../src/pitches/desk.ts';
import { markInterest } from '../../src/pitches/interest.ts';
import { editPitchAsOrganiser, hidePitch } from '../../src/pitches/moderation.ts';
import { pitchSession, withdrawPitch } from '../../src/pitches/pitches.ts';
import { schedulerInput } from '../../src/pitches/scheduler-input.ts';
import { validateInstance } from '../../src/scheduling/validate.ts';
import { loadGrid } from '../../src/grid/model.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { twoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';
import { countQueries } from '../helpers/queries.ts';

const desk = (overrides: Partial<DeskPitch> = {}): DeskPitch => ({ title: 'Walk-in pitch', facilitator: 'Sam', format: 'discussion', needs: [], doubleLength: false, showOfHands: null, ...overrides });

describe('interest as the scheduler’s input', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  beforeEach(async () => {
    t = await makeApp();
    camp = twoDayCamp(t.db, testNow);
  });
  afterEach(async () => t.close());

  it('gives each pitch on the board its facilitators, needs, length, unavailable slots and audience, and each attendee what they want', () => {
    const { event, organiser } = camp;
    const [fri1, fri2] = camp.fridaySlots.map((s) => `s${s.id}`);
    const [sat1, sat2] = camp.saturdaySlots.map((s) => `s${s.id}`);
    const ana = registeredAttendee(t.db, event, 'ana@example.org');
    const bo = registeredAttendee(t.db, event, 'bo@example.org');
    const cy = registeredAttendee(t.db, event, 'cy@example.org');
    const base = { description: '', format: 'workshop' as const, preferredDayId: camp.friday.id, coFacilitators: [] };
    const workshop = pitchSession(t.db, testNow, { event, person: ana, details: { ...base, title: 'Prototyping', needs: ['step-free', 'projector'], doubleLength: true, unavailableSlotIds: [camp.saturdaySlots[1]!.id], coFacilitators: ['bo@example.org', 'cy@example.org'] }, baseUrl: '' });
    answerInvitation(t.db, { pitchId: workshop.id, personId: bo.id, accept: true }); // Cy has not answered: not a facilitator yet.
    const walkIn = takeDeskPitch(t.db, testNow, { event, enteredBy: organiser, pitch: desk({ title: 'Housing data', facilitator: 'Sam Jones', showOfHands: 18 }) });
    const again = takeDeskPitch(t.db, testNow, { event, enteredBy: organiser, pitch: desk({ title: 'Housing data, part 2', facilitator: ' sam  JONES ', needs: ['quiet'] }) });
    editPitchAsOrganiser(t.db, testNow, { event, pitchId: again.id, edit: { title: 'Housing data, part 2', description: '', format: 'discussion', needs: ['quiet'], doubleLength: false, showOfHands: 10, needsBiggerRoom: true, pinnedDayId: camp.saturday.id } });
    const hidden = takeDeskPitch(t.db, testNow, { event, enteredBy: organiser, pitch: desk({ facilitator: 'Lee' }) });
    const withdrawn = pitchSession(t.db, testNow, { event, person: cy, details: { ...base, title: 'Withdrawn', needs: [], doubleLength: false, unavailableSlotIds: [] }, baseUrl: '' });
    for (const [who, pitch] of [[cy, workshop], [cy, walkIn], [ana, again], [bo, again], [cy, again], [ana, hidden], [bo, withdrawn]] as const) {
      markInterest(t.db, testNow, { event, pitchId: pitch.id, personId: who.id, want: true });
    }
    hidePitch(t.db, testNow, { event, pitchId: hidden.id, reason: 'Off topic', baseUrl: '' });
    withdrawPitch(t.db, testNow, { event, pitch: withdrawn, person: cy, baseUrl: '' });

    const walkInId = `w${(t.db.$client.prepare('select min(id) as id from pitch_facilitators where walk_in_name is not null').get() as { id: number }).id}`;
    expect(schedulerInput(t.db, event.id)).toEqual({
      sessions: [
        { id: `p${workshop.id}`, facilitators: [`u${ana.id}`, `u${bo.id}`], needs: ['step-free', 'projector'], length: 2, unavailable: [sat2], audience: 0, preferredDays: ['2027-06-18'] },
        { id: `p${walkIn.id}`, facilitators: [walkInId], needs: [], length: 1, unavailable: [], audience: 18 },
        // Pinned to Saturday: every Friday slot is ruled out. Needs a bigger room: as big as the hall (120).
        { id: `p${again.id}`, facilitators: [walkInId], needs: ['quiet'], length: 1, unavailable: [fri1, fri2], audience: 120 },
      ],
      attendees: [
        { id: `u${ana.id}`, wants: [`p${again.id}`] },
        { id: `u${bo.id}`, wants: [`p${again.id}`] },
        { id: `u${cy.id}`, wants: [`p${workshop.id}`, `p${walkIn.id}`, `p${again.id}`] },
      ],
    });
    expect(sat1).toMatch(/^s\d+$/);
  });

  it('carries a pitch’s day: a preferred day as the soft rule preferredDays, a day it must be on as the other days’ slots ruled out', () => {
    const { event, organiser } = camp;
    const ana = registeredAttendee(t.db, event, 'ana@example.org');
    const base = { description: '', format: 'discussion' as const, needs: [], doubleLength: false, unavailableSlotIds: [], coFacilitators: [] };
    const prefers = pitchSession(t.db, testNow, { event, person: ana, details: { ...base, title: 'Prefers Saturday', preferredDayId: camp.saturday.id }, baseUrl: '' });
    const must = takeDeskPitch(t.db, testNow, { event, enteredBy: organiser, pitch: desk({ title: 'Must be Friday', dayId: camp.friday.id, mustBeOnDay: true }) });
    const wish = takeDeskPitch(t.db, testNow, { event, enteredBy: organiser, pitch: desk({ title: 'Would like Friday', dayId: camp.friday.id, mustBeOnDay: false }) });
    const anyDay = takeDeskPitch(t.db, testNow, { event, enteredBy: organiser, pitch: desk({ title: 'Any day', dayId: null, mustBeOnDay: false }) });

    const sessions = new Map(schedulerInput(t.db, event.id).sessions.map((s) => [s.id, s]));
    expect(sessions.get(`p${prefers.id}`)).toMatchObject({ unavailable: [], preferredDays: ['2027-06-19'] });
    expect(sessions.get(`p${must.id}`)).toMatchObject({ unavailable: camp.saturdaySlots.map((s) => `s${s.id}`) });
    expect(sessions.get(`p${must.id}`)).not.toHaveProperty('preferredDays');
    expect(sessions.get(`p${wish.id}`)).toMatchObject({ unavailable: [], preferredDays: ['2027-06-18'] });
    expect(sessions.get(`p${anyDay.id}`)).not.toHaveProperty('preferredDays');
    expect(validateInstance(loadGrid(t.db, event).instance)).toEqual([]);
    expect(validateInstance({ rooms: [], slots: [], sessions: [{ id: 'p1', facilitators: [], preferredDays: 'Saturday' }], attendees: [] })).toEqual([
      { code: 'malformed', message: 'sessions[0] (p1): preferredDays must be a list of strings', ids: ['p1'] },
    ]);
  });

  it('asks the database the same few questions for 5 pitches as for 200', () => {
    const people = Array.from({ length: 20 }, (_, i) => registeredAttendee(t.db, camp.event, `p${i}@example.org`));
    const addPitches = (n: number) => {
      for (let i = 0; i < n; i++) {
        const pitch = takeDeskPitch(t.db, testNow, { event: camp.event, enteredBy: camp.organiser, pitch: desk({ facilitator: `F${i}` }) });
        for (const who of people.slice(0, i % 7)) markInterest(t.db, testNow, { event: camp.event, pitchId: pitch.id, personId: who.id, want: true });
      }
    };
    addPitches(5);
    const few = countQueries(t.db, () => schedulerInput(t.db, camp.event.id));
    addPitches(195);
    const many = countQueries(t.db, () => schedulerInput(t.db, camp.event.id));
    expect(many.result.sessions).toHaveLength(200);
    expect(many.queries).toBe(few.queries);
    expect(many.queries).toBe(9);
  });
});
