import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pitchBoard } from '../../src/pitches/board.ts';
import { pitchesToday, takeDeskPitch, type DeskPitch } from '../../src/pitches/desk.ts';
import { markInterest } from '../../src/pitches/interest.ts';
import { editPitchAsOrganiser, hidePitch, mergePitch, showPitch } from '../../src/pitches/moderation.ts';
import { facilitatorsOf, findPitch, pitchSession, resolveMerged } from '../../src/pitches/pitches.ts';
import { RuleViolation } from '../../src/rules.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { twoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';
import { outboxMessages } from '../helpers/outbox.ts';

const desk = (overrides: Partial<DeskPitch> = {}): DeskPitch => ({ title: 'Digital inclusion', facilitator: 'Sam Walk-in', format: 'discussion', needs: [], doubleLength: false, showOfHands: null, ...overrides });
const online = { description: '', format: 'discussion' as const, needs: [], doubleLength: false, preferredDayId: null, unavailableSlotIds: [], coFacilitators: [] };

describe('organisers moderating pitches', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  beforeEach(async () => {
    t = await makeApp();
    camp = twoDayCamp(t.db, testNow);
  });
  afterEach(async () => t.close());

  it('hide a pitch with a reason its facilitators see and are emailed, and can put it back', () => {
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
    const pitch = pitchSession(t.db, testNow, { event: camp.event, person: ana, details: { ...online, title: 'Buy my product' }, baseUrl: 'http://campgrid.test' });
    expect(hidePitch(t.db, testNow, { event: camp.event, pitchId: pitch.id, reason: 'Sales pitches are not sessions', baseUrl: 'http://campgrid.test' })).toBe(1);
    expect(findPitch(t.db, pitch.id)).toMatchObject({ status: 'hidden', hiddenReason: 'Sales pitches are not sessions' });
    expect(pitchBoard(t.db, camp.event.id, null)).toEqual([]);
    const email = outboxMessages(t.db).at(-1)!;
    expect(email.toAddress).toBe('ana@example.org');
    expect(email.textBody).toContain('Their reason: Sales pitches are not sessions');
    expect(email.textBody).toContain(`http://campgrid.test/events/localgovcamp-2027/pitches/${pitch.id}`);
    showPitch(t.db, testNow, { event: camp.event, pitchId: pitch.id });
    expect(pitchBoard(t.db, camp.event.id, null).map((p) => p.id)).toEqual([pitch.id]);
  });

  it('merge duplicates: facilitators and interest combine, counting each person once, and the old address leads to the survivor', () => {
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org', { name: 'Ana' });
    const bo = registeredAttendee(t.db, camp.event, 'bo@example.org', { name: 'Bo' });
    const cy = registeredAttendee(t.db, camp.event, 'cy@example.org', { name: 'Cy' });
    const keep = pitchSession(t.db, testNow, { event: camp.event, person: ana, details: { ...online, title: 'AI in councils', needs: ['projector'] }, baseUrl: '' });
    const dupe = takeDeskPitch(t.db, testNow, { event: camp.event, enteredBy: camp.organiser, pitch: desk({ title: 'AI: what now?', needs: ['step-free'], doubleLength: true, showOfHands: 30 }) });
    const older = takeDeskPitch(t.db, testNow, { event: camp.event, enteredBy: camp.organiser, pitch: desk({ title: 'Chatbots', facilitator: 'Lee' }) });
    for (const [who, on] of [[ana, keep], [bo, keep], [bo, dupe], [cy, dupe]] as const) markInterest(t.db, testNow, { event: camp.event, pitchId: on.id, personId: who.id, want: true });
    mergePitch(t.db, testNow, { event: camp.event, pitchId: older.id, intoId: dupe.id, baseUrl: 'http://campgrid.test' });

    const merged = mergePitch(t.db, testNow, { event: camp.event, pitchId: dupe.id, intoId: keep.id, baseUrl: 'http://campgrid.test' });
    expect(merged).toMatchObject({ needs: ['projector', 'step-free'], doubleLength: true, showOfHands: 30 });
    expect(facilitatorsOf(t.db, keep.id).map((f) => f.name)).toEqual(['Ana', 'Sam Walk-in', 'Lee']);
    expect(pitchBoard(t.db, camp.event.id, null).map((p) => [p.title, p.count])).toEqual([['AI in councils', 3]]);
    expect(findPitch(t.db, dupe.id)).toMatchObject({ status: 'merged', mergedIntoId: keep.id });
    // The pitch merged earlier now points straight at the survivor: one redirect, not two.
    expect(findPitch(t.db, older.id)!.mergedIntoId).toBe(keep.id);
    expect(resolveMerged(t.db, findPitch(t.db, older.id)!).id).toBe(keep.id);
  });

  it('refuse to merge a pitch into itself or into one already merged away', () => {
    const a = takeDeskPitch(t.db, testNow, { event: camp.event, enteredBy: camp.organiser, pitch: desk() });
    const b = takeDeskPitch(t.db, testNow, { event: camp.event, enteredBy: camp.organiser, pitch: desk() });
    const c = takeDeskPitch(t.db, testNow, { event: camp.event, enteredBy: camp.organiser, pitch: desk() });
    expect(() => mergePitch(t.db, testNow, { event: camp.event, pitchId: a.id, intoId: a.id, baseUrl: 'http://campgrid.test' })).toThrow(RuleViolation);
    mergePitch(t.db, testNow, { event: camp.event, pitchId: b.id, intoId: a.id, baseUrl: 'http://campgrid.test' });
    expect(() => mergePitch(t.db, testNow, { event: camp.event, pitchId: c.id, intoId: b.id, baseUrl: 'http://campgrid.test' })).toThrow('That pitch has been merged or withdrawn; choose one on the board');
  });

  it('pin a pitch to a day and mark that it needs a bigger room; only the camp’s own days', () => {
    const pitch = takeDeskPitch(t.db, testNow, { event: camp.event, enteredBy: camp.organiser, pitch: desk() });
    const edit = { title: 'Digital inclusion', description: 'Who is left out', format: 'workshop' as const, needs: [], doubleLength: false, showOfHands: 40, needsBiggerRoom: true, pinnedDayId: camp.friday.id };
    expect(editPitchAsOrganiser(t.db, testNow, { event: camp.event, pitchId: pitch.id, edit })).toMatchObject({ pinnedDayId: camp.friday.id, needsBiggerRoom: true, showOfHands: 40, format: 'workshop' });
    expect(() => editPitchAsOrganiser(t.db, testNow, { event: camp.event, pitchId: pitch.id, edit: { ...edit, pinnedDayId: 999_999 } })).toThrow('Choose one of the camp’s days');
  });
});

describe('the pitch desk', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  beforeEach(async () => {
    t = await makeApp();
    camp = twoDayCamp(t.db, testNow);
  });
  afterEach(async () => t.close());

  it('takes a walk-in’s pitch with no account, pinned to the camp day it was pitched on', () => {
    const saturdayMorning = new Date('2027-06-19T08:40:00Z');
    const pitch = takeDeskPitch(t.db, saturdayMorning, { event: camp.event, enteredBy: camp.organiser, pitch: desk({ showOfHands: 25 }) });
    expect(pitch).toMatchObject({ source: 'desk', pinnedDayId: camp.saturday.id, showOfHands: 25, status: 'open' });
    expect(facilitatorsOf(t.db, pitch.id)).toEqual([{ id: expect.any(Number), personId: null, name: 'Sam Walk-in', email: null, confirmed: true }]);
  });

  it('lists today’s pitches in the order they came in, and only today’s (in the camp’s time zone)', () => {
    const at = (iso: string) => new Date(iso);
    takeDeskPitch(t.db, at('2027-06-18T22:30:00Z'), { event: camp.event, enteredBy: camp.organiser, pitch: desk({ title: 'Friday night (23:30 BST)' }) });
    takeDeskPitch(t.db, at('2027-06-18T23:30:00Z'), { event: camp.event, enteredBy: camp.organiser, pitch: desk({ title: 'Just after midnight' }) });
    takeDeskPitch(t.db, at('2027-06-19T09:00:00Z'), { event: camp.event, enteredBy: camp.organiser, pitch: desk({ title: 'Morning', facilitator: 'Kim' }) });
    expect(pitchesToday(t.db, camp.event, at('2027-06-19T09:05:00Z')).map((p) => [p.title, p.facilitator])).toEqual([
      ['Just after midnight', 'Sam Walk-in'],
      ['Morning', 'Kim'],
    ]);
  });
});
