import { describe, expect, it } from 'vitest';
import { inviteOrganiser } from '../../src/events/organisers.ts';
import { pitchSession } from '../../src/pitches/pitches.ts';
import { pitches } from '../../src/pitches/pitches.table.ts';
import { defineTheme, themesOf, themesOfPitch } from '../../src/themes/themes.ts';
import { Agent, errorSummary, inputValue } from '../helpers/agent.ts';
import { testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { eachWithTwoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';
import { person, signedInAgent } from '../helpers/people.ts';

const organise = '/organise/events/localgovcamp-2027';
const board = '/events/localgovcamp-2027/pitches';

describe('organisers naming a camp’s themes through the website', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  eachWithTwoDayCamp((app, c) => {
    t = app;
    camp = c;
  });

  it('adds, renames and removes themes from a page linked from the event’s page', async () => {
    const dee = await signedInAgent(t.app, camp.organiser);
    expect((await dee.get(organise)).body).toContain(`<a class="govuk-link" href="${organise}/themes">Themes</a>`);
    expect((await dee.get(`${organise}/themes`)).body).toContain('This camp has no themes yet.');
    const added = await dee.post(`${organise}/themes`, { name: '  Local   democracy ' });
    expect(added.headers.location).toBe(`${organise}/themes?done=added`);
    await dee.post(`${organise}/themes`, { name: 'places' });
    const [democracy, places] = themesOf(t.db, camp.event.id);
    expect(democracy!.name).toBe('Local democracy');
    const page = (await dee.get(added.headers.location as string)).body;
    expect(page).toContain('Theme added. Pitchers can now tag their pitches with it.');
    expect(page).toContain('<th scope="row" class="govuk-table__header">Local democracy</th>');

    expect(inputValue((await dee.get(`${organise}/themes/${places!.id}/edit`)).body, 'name')).toBe('places');
    expect((await dee.post(`${organise}/themes/${places!.id}/edit`, { name: 'Places and spaces' })).headers.location).toBe(`${organise}/themes?done=renamed`);
    expect((await dee.get(`${organise}/themes/${democracy!.id}/remove`)).body).toContain('Remove the theme “Local democracy”?');
    expect((await dee.post(`${organise}/themes/${democracy!.id}/remove`)).headers.location).toBe(`${organise}/themes?done=removed`);
    expect(themesOf(t.db, camp.event.id).map((th) => th.name)).toEqual(['Places and spaces']);
  });

  it('re-renders the forms with the error summary and what was typed', async () => {
    const dee = await signedInAgent(t.app, camp.organiser);
    const places = defineTheme(t.db, testNow, camp.event.id, 'places');
    const empty = await dee.post(`${organise}/themes`, { name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toEqual(['Enter the theme’s name, like democracy']);
    const long = await dee.post(`${organise}/themes`, { name: 'x'.repeat(41) });
    expect(errorSummary(long.body)).toEqual(['Theme must be 40 characters or fewer']);
    expect(inputValue(long.body, 'name')).toBe('x'.repeat(41));
    const twice = await dee.post(`${organise}/themes`, { name: 'PLACES' });
    expect(errorSummary(twice.body)).toEqual(['This camp already has a theme called “PLACES”']);
    await dee.post(`${organise}/themes`, { name: 'people' });
    const clash = await dee.post(`${organise}/themes/${places.id}/edit`, { name: 'People' });
    expect(clash.statusCode).toBe(400);
    expect(errorSummary(clash.body)).toEqual(['This camp already has a theme called “People”']);
    expect(inputValue(clash.body, 'name')).toBe('People');
    expect((await dee.get(`${organise}/themes/999999/edit`)).statusCode).toBe(404);
  });

  it('is for the camp’s organisers only: helpers and attendees are refused, visitors sent to sign in', async () => {
    inviteOrganiser(t.db, testNow, { event: camp.event, email: 'helper@example.org', role: 'helper', invitedBy: camp.organiser, baseUrl: '' });
    const helper = await signedInAgent(t.app, person(t.db, 'helper@example.org'));
    const ana = await signedInAgent(t.app, registeredAttendee(t.db, camp.event, 'ana@example.org'));
    for (const agent of [helper, ana]) {
      expect((await agent.get(`${organise}/themes`)).statusCode).toBe(403);
      expect((await agent.post(`${organise}/themes`, { name: 'sneaky' })).statusCode).toBe(403);
    }
    expect((await new Agent(t.app).get(`${organise}/themes`)).statusCode).toBe(303);
    expect((await (await signedInAgent(t.app, camp.organiser)).post(`${organise}/themes`, { name: 'no token', _csrf: 'forged' })).statusCode).toBe(403);
    expect(themesOf(t.db, camp.event.id)).toEqual([]);
  });
});

describe('tagging pitches and filtering the board by theme through the website', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  eachWithTwoDayCamp((app, c) => {
    t = app;
    camp = c;
  });

  it('asks for themes on the pitch form only when the camp has them, and keeps the ticks when the form comes back', async () => {
    const ana = await signedInAgent(t.app, registeredAttendee(t.db, camp.event, 'ana@example.org'));
    expect((await ana.get(`${board}/new`)).body).not.toContain('Themes (optional)');
    const democracy = defineTheme(t.db, testNow, camp.event.id, 'democracy');
    defineTheme(t.db, testNow, camp.event.id, 'places');
    expect((await ana.get(`${board}/new`)).body).toContain('Themes (optional)');

    const bad = await ana.post(`${board}/new`, { title: 'Votes at 16', format: 'discussion', themes: [String(democracy.id), 'everything'] });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Choose from the camp’s themes']);
    expect(inputValue(bad.body, 'title')).toBe('Votes at 16');
    const unknown = await ana.post(`${board}/new`, { title: 'Votes at 16', format: 'discussion', themes: [String(democracy.id), '999999'] });
    expect(errorSummary(unknown.body)).toEqual(['Choose from the camp’s themes']);
    expect(unknown.body).toMatch(new RegExp(`value="${democracy.id}" checked`));

    const posted = await ana.post(`${board}/new`, { title: 'Votes at 16', format: 'discussion', themes: String(democracy.id) });
    expect(posted.statusCode).toBe(303);
    const pitch = t.db.select().from(pitches).get()!;
    expect(themesOfPitch(t.db, pitch.id).map((th) => th.name)).toEqual(['democracy']);
    const page = (await new Agent(t.app).get(`${board}/${pitch.id}`)).body;
    expect(page).toContain(`<dt class="govuk-summary-list__key">Themes</dt><dd class="govuk-summary-list__value"><a class="govuk-link" href="${board}?theme=${democracy.id}">democracy</a>`);
    expect((await ana.get(`${board}/${pitch.id}/edit`)).body).toMatch(new RegExp(`value="${democracy.id}" checked`));
  });

  it('lets the pitch desk tag a walk-in’s pitch, refusing what is not a theme', async () => {
    const places = defineTheme(t.db, testNow, camp.event.id, 'places');
    const dee = await signedInAgent(t.app, camp.organiser);
    expect((await dee.get(`${organise}/pitch-desk`)).body).toContain('<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Themes</legend>');
    const bad = await dee.post(`${organise}/pitch-desk`, { title: 'Parish maps', facilitator: 'Bo', format: 'discussion', showOfHands: '', themes: '-1' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Choose from the camp’s themes']);
    expect(inputValue(bad.body, 'facilitator')).toBe('Bo');
    expect((await dee.post(`${organise}/pitch-desk`, { title: 'Parish maps', facilitator: 'Bo', format: 'discussion', showOfHands: '', themes: String(places.id) })).statusCode).toBe(303);
    expect(themesOfPitch(t.db, t.db.select().from(pitches).get()!.id).map((th) => th.name)).toEqual(['places']);
  });

  it('filters the board by theme with a plain form, keeping the other filters, and ignores a theme that is not the camp’s', async () => {
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
    const [democracy, places] = ['democracy', 'places'].map((name) => defineTheme(t.db, testNow, camp.event.id, name));
    const pitch = (title: string, themeIds: number[]) => pitchSession(t.db, testNow, { event: camp.event, person: ana, details: { title, description: '', format: 'discussion', needs: [], doubleLength: false, preferredDayId: null, unavailableSlotIds: [], coFacilitators: [], themeIds }, baseUrl: '' });
    pitch('Votes at 16', [democracy!.id]);
    pitch('Town maps', [places!.id]);
    const visitor = new Agent(t.app);
    const all = (await visitor.get(board)).body;
    expect(all).toContain('<label class="govuk-label" for="theme">Theme</label>');
    expect(all).toContain(`Themes: <a class="govuk-link" href="${board}?theme=${places!.id}">places</a>`);
    const filtered = (await visitor.get(`${board}?theme=${places!.id}&order=wanted&format=discussion`)).body;
    expect(filtered).toContain('1 pitch found');
    expect(filtered).toContain(`<option value="${places!.id}" selected>places</option>`);
    expect(filtered).not.toContain('Votes at 16');
    for (const wrong of ['999999', 'places', '%3Cscript%3E']) {
      const response = await visitor.get(`${board}?theme=${wrong}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('2 pitches');
    }
  });
});
