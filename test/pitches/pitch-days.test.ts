import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { placePitch } from '../../src/grid/editor.ts';
import { loadGrid } from '../../src/grid/model.ts';
import { gridHealth } from '../../src/grid/warnings.ts';
import { takeDeskPitch } from '../../src/pitches/desk.ts';
import { editPitchAsOrganiser } from '../../src/pitches/moderation.ts';
import { pitches } from '../../src/pitches/pitches.table.ts';
import { pitchSession, type PitchDetails } from '../../src/pitches/pitches.ts';
import { linksFor, manageLink } from '../../src/tickets/manage-links.ts';
import { errorSummary } from '../helpers/agent.ts';
import { testNow, type TestApp } from '../helpers/app.ts';
import { placeFor, registeredAttendee } from '../helpers/attendees.ts';
import { eachWithTwoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';
import { signedInAgent } from '../helpers/people.ts';
import { violation } from '../helpers/rules.ts';

const board = '/events/localgovcamp-2027/pitches';
const desk = '/organise/events/localgovcamp-2027/pitch-desk';
const details = (title: string, preferredDayId: number | null = null): PitchDetails => ({ title, description: '', format: 'discussion', needs: [], doubleLength: false, preferredDayId, unavailableSlotIds: [], coFacilitators: [] });

describe('pitches and days', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  eachWithTwoDayCamp((app, twoDays) => ((t = app), (camp = twoDays)));

  const days = () => t.db.select({ title: pitches.title, pinnedDayId: pitches.pinnedDayId, preferredDayId: pitches.preferredDayId }).from(pitches).orderBy(asc(pitches.id)).all();

  it('takes a day at the pitch desk: a day it must be on is pinned, otherwise the day is a preference', async () => {
    const organiser = await signedInAgent(t.app, camp.organiser);
    const form = await organiser.get(desk);
    expect(form.body).toContain('<label class="govuk-label govuk-label--s" for="day">Day</label>');
    expect(form.body).toContain('It must be on this day');
    const fields = { facilitator: 'Sam', format: 'discussion', showOfHands: '' };
    expect((await organiser.post(desk, { ...fields, title: 'Must be Saturday', day: String(camp.saturday.id), mustBeOnDay: 'yes' })).statusCode).toBe(303);
    expect((await organiser.post(desk, { ...fields, title: 'Would like Friday', day: String(camp.friday.id) })).statusCode).toBe(303);
    expect((await organiser.post(desk, { ...fields, title: 'Any day', day: 'any', mustBeOnDay: 'yes' })).statusCode).toBe(303);
    const wrong = await organiser.post(desk, { ...fields, title: 'Nowhere', day: '99999' });
    expect(wrong.statusCode).toBe(400);
    expect(errorSummary(wrong.body)).toEqual(['Choose one of the camp’s days']);
    expect(days()).toEqual([
      { title: 'Must be Saturday', pinnedDayId: camp.saturday.id, preferredDayId: null },
      { title: 'Would like Friday', pinnedDayId: null, preferredDayId: camp.friday.id },
      { title: 'Any day', pinnedDayId: null, preferredDayId: null },
    ]);
  });

  it('refuses a facilitator’s pitch for a day they have no place on, with the form’s error next to the day', async () => {
    const who = registeredAttendee(t.db, camp.event, 'fri@example.org', { dayIds: [camp.friday.id] });
    expect(violation(() => pitchSession(t.db, testNow, { event: camp.event, person: who, details: details('On Saturday', camp.saturday.id), baseUrl: '' }))).toEqual({
      preferredDay: 'You have no place on Camp day, Saturday 19 June 2027. Choose a day you have a place on, or no preference.',
    });
    const ana = await signedInAgent(t.app, who);
    const posted = await ana.post(`${board}/new`, { title: 'On Saturday', description: '', format: 'discussion', coFacilitators: '', preferredDay: String(camp.saturday.id) });
    expect(posted.statusCode).toBe(400);
    expect(errorSummary(posted.body)).toEqual(['You have no place on Camp day, Saturday 19 June 2027. Choose a day you have a place on, or no preference.']);
    expect((await ana.post(`${board}/new`, { title: 'On Friday', description: '', format: 'discussion', coFacilitators: '', preferredDay: String(camp.friday.id) })).statusCode).toBe(303);
    expect(days()).toEqual([{ title: 'On Friday', pinnedDayId: null, preferredDayId: camp.friday.id }]);
  });

  it('warns on the release confirmation which sessions would lose their facilitator', async () => {
    const who = registeredAttendee(t.db, camp.event, 'ana@example.org', { dayIds: [camp.friday.id] });
    const saturdayPlace = placeFor(t.db, camp.event, who, { dayIds: [camp.saturday.id] });
    pitchSession(t.db, testNow, { event: camp.event, person: who, details: details('Friday session', camp.friday.id), baseUrl: '' });
    pitchSession(t.db, testNow, { event: camp.event, person: who, details: details('Saturday session', camp.saturday.id), baseUrl: '' });
    const page = await (await signedInAgent(t.app, who)).get(`${new URL(manageLink(linksFor(t.config), saturdayPlace)).pathname}/release`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('You run a session that would lose a facilitator.');
    expect(page.body).toContain('<li>Saturday session</li>');
    expect(page.body).not.toContain('Friday session');
  });

  it('warns in the grid editor where a session is away from the day it must be on, or on a day a facilitator has no place on', () => {
    const { event, organiser } = camp;
    const fridayOnly = registeredAttendee(t.db, event, 'fri@example.org', { name: 'Fran', dayIds: [camp.friday.id] });
    const onFriday = pitchSession(t.db, testNow, { event, person: fridayOnly, details: details('Fran’s session'), baseUrl: '' });
    const mustBeSaturday = takeDeskPitch(t.db, testNow, { event, enteredBy: organiser, pitch: { title: 'Saturday only', facilitator: 'Sam', format: 'discussion', needs: [], doubleLength: false, showOfHands: null, dayId: camp.saturday.id, mustBeOnDay: true } });
    const [hall, library] = loadGrid(t.db, event).rooms;
    placePitch(t.db, testNow, event, 0, { pitchId: onFriday.id, roomId: hall!.id, slotId: camp.saturdaySlots[0]!.id });
    placePitch(t.db, testNow, event, 1, { pitchId: mustBeSaturday.id, roomId: library!.id, slotId: camp.fridaySlots[0]!.id });

    const warnings = gridHealth(loadGrid(t.db, event)).warnings;
    expect(warnings.filter((w) => w.kind === 'day' || w.kind === 'unavailable')).toEqual([
      { pitchId: onFriday.id, kind: 'day', message: 'Fran, a facilitator of “Fran’s session”, has no place on Camp day, Saturday 19 June 2027' },
      { pitchId: mustBeSaturday.id, kind: 'day', message: '“Saturday only” must be on Camp day, Saturday 19 June 2027' },
    ]);
    editPitchAsOrganiser(t.db, testNow, { event, pitchId: mustBeSaturday.id, edit: { title: 'Saturday only', description: '', format: 'discussion', needs: [], doubleLength: false, showOfHands: null, needsBiggerRoom: false, pinnedDayId: null } });
    expect(gridHealth(loadGrid(t.db, event)).warnings.filter((w) => w.pitchId === mustBeSaturday.id)).toEqual([]);
  });
});
