import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeDeskPitch } from '../../src/pitches/desk.ts';
import { markInterest } from '../../src/pitches/interest.ts';
import { findPitch, pitchSession, revisePitch, type PitchDetails } from '../../src/pitches/pitches.ts';
import { pitchSettingsOf, savePitchSettings } from '../../src/pitches/settings.ts';
import { inviteOrganiser } from '../../src/events/organisers.ts';
import { Agent, errorSummary, inputValue } from '../helpers/agent.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { twoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { person, signedInAgent } from '../helpers/people.ts';

const organise = '/organise/events/localgovcamp-2027';
const board = '/events/localgovcamp-2027/pitches';
const details = (title: string): PitchDetails => ({ title, description: '', format: 'discussion', needs: [], doubleLength: false, preferredDayId: null, unavailableSlotIds: [], coFacilitators: [] });

describe('organisers and helpers working with pitches through the website', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  let dee: Agent;
  beforeEach(async () => {
    t = await makeApp();
    camp = twoDayCamp(t.db, testNow);
    dee = await signedInAgent(t.app, camp.organiser);
  });
  afterEach(async () => t.close());

  it('links the pitch desk, moderation and settings from the organiser’s event page', async () => {
    const page = await dee.get(organise);
    for (const link of ['/pitch-desk">Pitch desk', '/pitches">Moderate pitches', '/pitch-settings">Pitch settings']) expect(page.body).toContain(`${organise}${link}`);
  });

  it('takes a pitch at the desk and comes back to an empty form with the title focused and the numbered list beside it', async () => {
    t.clock.set(new Date('2027-06-19T08:45:00Z'));
    inviteOrganiser(t.db, testNow, { event: camp.event, email: 'helper@example.org', role: 'helper', invitedBy: camp.organiser, baseUrl: '' });
    const helper = await signedInAgent(t.app, person(t.db, 'helper@example.org'));
    await helper.post(`${organise}/pitch-desk`, { title: 'Open data', facilitator: 'Sam', format: 'discussion', showOfHands: '' });
    const saved = await helper.post(`${organise}/pitch-desk`, { title: 'Paper prototyping', facilitator: 'Kim', format: 'workshop', needs: ['step-free', 'double-length'], showOfHands: '14', day: String(camp.saturday.id), mustBeOnDay: 'yes' });
    expect(saved.statusCode).toBe(303);
    const id = findPitch(t.db, 2)!.id;
    expect(saved.headers.location).toBe(`${organise}/pitch-desk?saved=${id}`);
    expect(findPitch(t.db, id)).toMatchObject({ title: 'Paper prototyping', format: 'workshop', needs: ['step-free'], doubleLength: true, showOfHands: 14, pinnedDayId: camp.saturday.id, source: 'desk' });

    const page = await helper.get(saved.headers.location as string);
    expect(page.body).toContain('Pitch 2 saved: Paper prototyping');
    expect(inputValue(page.body, 'title')).toBe('');
    expect(page.body).toMatch(/<input[^>]*name="title"[^>]*autofocus>/);
    // On the morning, the empty form offers today, as a day the next pitch must be on.
    expect(page.body).toContain(`<option value="${camp.saturday.id}" selected>`);
    expect(page.body).toMatch(/name="mustBeOnDay" type="checkbox" value="yes" checked/);
    expect(page.body).toContain('Today’s pitches (2)');
    expect(page.body).toMatch(/<ol class="govuk-list govuk-list--number[^"]*">\s*<li><a[^>]*>Open data<\/a>, Sam \(discussion\)<\/li>\s*<li><a[^>]*>Paper prototyping<\/a>, Kim \(workshop, 14 hands\)<\/li>/);
  });

  it('re-renders the desk form with what was typed, without stealing focus from the error summary', async () => {
    const response = await dee.post(`${organise}/pitch-desk`, { title: '', facilitator: 'f'.repeat(101), format: 'keynote', showOfHands: 'lots' });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Enter a title for the session', 'Name must be 100 characters or fewer', 'Choose the session’s format', 'Show of hands must be a whole number, like 25']);
    expect(inputValue(response.body, 'showOfHands')).toBe('lots');
    expect(response.body).not.toMatch(/<input[^>]*name="title"[^>]*autofocus>/);
  });

  it('saves the pitch settings, and re-renders them with each problem', async () => {
    const saved = await dee.post(`${organise}/pitch-settings`, {
      'opens-day': '1', 'opens-month': '6', 'opens-year': '2027', opensTime: '9:00',
      'closes-day': '19', 'closes-month': '6', 'closes-year': '2027', closesTime: '10.05',
      counts: 'after-close', changesNeedApproval: 'yes',
    });
    expect(saved.headers.location).toBe(`${organise}/pitches?done=settings-saved`);
    expect(pitchSettingsOf(t.db, camp.event.id)).toMatchObject({
      interestOpensAt: Date.parse('2027-06-01T08:00:00Z'),
      interestClosesAt: Date.parse('2027-06-19T09:05:00Z'),
      counts: 'after-close',
      changesNeedApproval: true,
    });
    const again = await dee.get(`${organise}/pitch-settings`);
    expect(inputValue(again.body, 'closesTime')).toBe('10:05');
    expect(inputValue(again.body, 'opens-day')).toBe('1');

    const bad = await dee.post(`${organise}/pitch-settings`, { 'opens-day': '31', 'opens-month': '2', 'opens-year': '2027', opensTime: '', 'closes-day': '1', 'closes-month': '6', 'closes-year': '2027', closesTime: 'noon', counts: 'sometimes' });
    expect(errorSummary(bad.body)).toEqual(['Choose when counts are shown']);
    const worse = await dee.post(`${organise}/pitch-settings`, { 'opens-day': '31', 'opens-month': '2', 'opens-year': '2027', opensTime: '', 'closes-day': '1', 'closes-month': '6', 'closes-year': '2027', closesTime: 'noon', counts: 'while-open' });
    expect(errorSummary(worse.body)).toEqual(['Enter the date interest opens, like 19 6 2027, or leave the date and time empty', 'Enter the time interest closes, like 09:30']);
    const backwards = await dee.post(`${organise}/pitch-settings`, { 'opens-day': '2', 'opens-month': '6', 'opens-year': '2027', opensTime: '09:00', 'closes-day': '1', 'closes-month': '6', 'closes-year': '2027', closesTime: '09:00', counts: 'while-open' });
    expect(errorSummary(backwards.body)).toEqual(['Interest must close after it opens']);
  });

  it('hides a pitch with a reason the facilitator sees, and puts it back', async () => {
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
    const pitch = pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details('Buy our software'), baseUrl: '' });
    expect(errorSummary((await dee.post(`${organise}/pitches/${pitch.id}/hide`, { reason: ' ' })).body)).toEqual(['Enter the reason the facilitators will see']);
    const hidden = await dee.post(`${organise}/pitches/${pitch.id}/hide`, { reason: 'Sales <b>pitches</b> are not sessions' });
    expect(hidden.headers.location).toBe(`${organise}/pitches?done=hidden#pitch-${pitch.id}`);
    expect(outboxMessages(t.db).at(-1)!.toAddress).toBe('ana@example.org');
    expect((await new Agent(t.app).get(`${board}/${pitch.id}`)).statusCode).toBe(404);
    const own = await signedInAgent(t.app, ana);
    expect((await own.get(`${board}/${pitch.id}`)).body).toContain('Their reason: Sales &lt;b&gt;pitches&lt;/b&gt; are not sessions');
    await dee.post(`${organise}/pitches/${pitch.id}/show`);
    expect((await new Agent(t.app).get(`${board}/${pitch.id}`)).statusCode).toBe(200);
  });

  it('merges a duplicate; its address then redirects to the pitch it joined', async () => {
    const a = takeDeskPitch(t.db, testNow, { event: camp.event, enteredBy: camp.organiser, pitch: { title: 'AI in councils', facilitator: 'Sam', format: 'discussion', needs: [], doubleLength: false, showOfHands: null } });
    const b = takeDeskPitch(t.db, testNow, { event: camp.event, enteredBy: camp.organiser, pitch: { title: 'AI: what now', facilitator: 'Kim', format: 'discussion', needs: [], doubleLength: false, showOfHands: null } });
    const bo = registeredAttendee(t.db, camp.event, 'bo@example.org');
    markInterest(t.db, testNow, { event: camp.event, pitchId: b.id, personId: bo.id, want: true });
    expect((await dee.get(`${organise}/pitches/${b.id}/merge`)).body).toContain(`${a.id}: AI in councils`);
    expect(errorSummary((await dee.post(`${organise}/pitches/${b.id}/merge`, { into: String(b.id) })).body)).toEqual(['Choose another pitch of this camp to merge it into']);
    expect(errorSummary((await dee.post(`${organise}/pitches/${b.id}/merge`, {})).body)).toEqual(['Choose the pitch to merge it into']);
    const merged = await dee.post(`${organise}/pitches/${b.id}/merge`, { into: String(a.id) });
    expect(merged.headers.location).toBe(`${organise}/pitches?done=merged#pitch-${a.id}`);
    const old = await new Agent(t.app).get(`${board}/${b.id}`);
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(`${board}/${a.id}`);
    expect((await new Agent(t.app).get(`/p/${b.id}`)).headers.location).toBe(`${board}/${a.id}`);
    const page = await new Agent(t.app).get(`${board}/${a.id}`);
    expect(page.body).toContain('<li>Sam</li><li>Kim</li>');
    expect(page.body).toContain('1 would go');
  });

  it('edits a pitch, pins it to a day and marks it as needing a bigger room, refusing bad input', async () => {
    const pitch = takeDeskPitch(t.db, testNow, { event: camp.event, enteredBy: camp.organiser, pitch: { title: 'Housing', facilitator: 'Sam', format: 'discussion', needs: [], doubleLength: false, showOfHands: null } });
    const bad = await dee.post(`${organise}/pitches/${pitch.id}/edit`, { title: '', format: 'discussion', showOfHands: '-3', pinnedDay: 'someday' });
    expect(errorSummary(bad.body)).toEqual(['Enter a title for the session', 'Show of hands must be a whole number, like 25', 'Choose one of the camp’s days']);
    const saved = await dee.post(`${organise}/pitches/${pitch.id}/edit`, { title: 'Housing data', description: '', format: 'discussion', showOfHands: '60', needsBiggerRoom: 'yes', pinnedDay: String(camp.friday.id) });
    expect(saved.statusCode).toBe(303);
    expect(findPitch(t.db, pitch.id)).toMatchObject({ title: 'Housing data', showOfHands: 60, needsBiggerRoom: true, pinnedDayId: camp.friday.id });
    const list = await dee.get(`${organise}/pitches`);
    expect(list.body).toContain('Discussion. 60 hands. Needs a bigger room. Pinned to Makers day');
  });

  it('approves or rejects a facilitator’s waiting change from the moderation page', async () => {
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
    const pitch = pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details('Original'), baseUrl: '' });
    savePitchSettings(t.db, testNow, camp.event.id, { interestOpensAt: null, interestClosesAt: null, counts: 'while-open', changesNeedApproval: true });
    revisePitch(t.db, testNow, { event: camp.event, pitch, person: ana, details: details('Better title'), baseUrl: '' });
    const list = await dee.get(`${organise}/pitches`);
    expect(list.body).toContain('Changes waiting for approval');
    expect(list.body).toContain('Better title');
    expect((await dee.post(`${organise}/pitches/${pitch.id}/change`, { decision: 'maybe' })).statusCode).toBe(400);
    const approved = await dee.post(`${organise}/pitches/${pitch.id}/change`, { decision: 'approve' });
    expect(approved.headers.location).toBe(`${organise}/pitches?done=change-approved`);
    expect(findPitch(t.db, pitch.id)!.title).toBe('Better title');
    expect((await dee.post(`${organise}/pitches/${pitch.id}/change`, { decision: 'reject' })).statusCode).toBe(404);
  });

  it('gives the scheduler’s sessions and attendees as JSON', async () => {
    const pitch = takeDeskPitch(t.db, testNow, { event: camp.event, enteredBy: camp.organiser, pitch: { title: 'Housing', facilitator: 'Sam', format: 'discussion', needs: ['quiet'], doubleLength: false, showOfHands: 9 } });
    const json = await dee.get(`${organise}/pitches/scheduler-input.json`);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.json()).toEqual({ sessions: [{ id: `p${pitch.id}`, facilitators: [expect.stringMatching(/^w\d+$/)], needs: ['quiet'], length: 1, unavailable: [], audience: 9 }], attendees: [] });
  });
});
