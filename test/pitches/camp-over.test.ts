import { describe, expect, it } from 'vitest';
import { changeEventStatus } from '../../src/events/events.ts';
import { takeDeskPitch } from '../../src/pitches/desk.ts';
import { InterestRefused, markInterest } from '../../src/pitches/interest.ts';
import { pitches } from '../../src/pitches/pitches.table.ts';
import { pitchSession, type PitchDetails } from '../../src/pitches/pitches.ts';
import { Agent, errorSummary } from '../helpers/agent.ts';
import { testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { eachWithTwoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';
import { signedInAgent } from '../helpers/people.ts';
import { violation } from '../helpers/rules.ts';

const board = '/events/localgovcamp-2027/pitches';
const details = (title: string): PitchDetails => ({ title, description: '', format: 'discussion', needs: [], doubleLength: false, preferredDayId: null, unavailableSlotIds: [], coFacilitators: [] });
const over = 'LocalGovCamp 2027 is over, so sessions can no longer be pitched or marked “I’d go”.';

describe('an archived camp is closed', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  eachWithTwoDayCamp((app, twoDays) => ((t = app), (camp = twoDays)));

  const archive = () => changeEventStatus(t.db, testNow, camp.event.id, 'archived');

  it('refuses new pitches, online and at the desk, and “I’d go”, saying the camp is over', () => {
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
    const pitch = pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details('Before the end'), baseUrl: '' });
    const archived = archive();

    expect(violation(() => pitchSession(t.db, testNow, { event: archived, person: ana, details: details('Too late'), baseUrl: '' }))).toEqual({ title: over });
    expect(violation(() => takeDeskPitch(t.db, testNow, { event: archived, enteredBy: camp.organiser, pitch: { title: 'Too late', facilitator: 'Sam', format: 'discussion', needs: [], doubleLength: false, showOfHands: null } }))).toEqual({ title: over });
    const refused = (() => {
      try {
        markInterest(t.db, testNow, { event: archived, pitchId: pitch.id, personId: ana.id, want: true });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(InterestRefused);
    expect((refused as InterestRefused).reason).toBe('camp-over');
    expect(t.db.select({ title: pitches.title }).from(pitches).all()).toEqual([{ title: 'Before the end' }]);
  });

  it('answers pitching and “I’d go” on the website with a clear message, never a 500', async () => {
    const who = registeredAttendee(t.db, camp.event, 'ana@example.org');
    const pitch = pitchSession(t.db, testNow, { event: camp.event, person: who, details: details('Before the end'), baseUrl: '' });
    archive();
    const ana = await signedInAgent(t.app, who);

    const form = await ana.get(`${board}/new`);
    expect(form.statusCode).toBe(409);
    expect(form.body).toContain(over);
    const posted = await ana.post(`${board}/new`, { title: 'Too late', description: '', format: 'discussion', coFacilitators: '', preferredDay: 'any' });
    expect(posted.statusCode).toBe(400);
    expect(errorSummary(posted.body)).toEqual([over]);
    const marked = await ana.post(`${board}/${pitch.id}/interest`, { want: 'yes', back: board });
    expect(marked.statusCode).toBe(409);
    expect(marked.body).toContain(over);
  });

  it('drops the day’s calls to action from the event page, the board and each pitch, and says the camp is over', async () => {
    const who = registeredAttendee(t.db, camp.event, 'ana@example.org');
    const pitch = pitchSession(t.db, testNow, { event: camp.event, person: who, details: details('Before the end'), baseUrl: '' });
    archive();
    const ana = await signedInAgent(t.app, who);

    const page = await new Agent(t.app).get('/events/localgovcamp-2027');
    expect(page.body).toContain('This camp is over.');
    expect(page.body).not.toContain('say what you’d go to');
    const listed = await ana.get(board);
    expect(listed.body).toContain('This camp is over. Pitching and “I’d go” are closed');
    expect(listed.body).not.toContain('Pitch a session');
    expect(listed.body).not.toContain(`action="${board}/${pitch.id}/interest"`);
    const own = await ana.get(`${board}/${pitch.id}`);
    expect(own.body).toContain('This camp is over.');
    expect(own.body).not.toContain(`action="${board}/${pitch.id}/interest"`);
    expect(own.body).not.toContain('Change your pitch');
  });
});
