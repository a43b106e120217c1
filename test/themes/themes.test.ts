import { describe, expect, it } from 'vitest';
import { copyEvent } from '../../src/events/copy.ts';
import { roomsOf } from '../../src/events/rooms.ts';
import { placePitch } from '../../src/grid/editor.ts';
import { draftVersion } from '../../src/grid/model.ts';
import { publishGrid } from '../../src/grid/publish.ts';
import { pitchBoard } from '../../src/pitches/board.ts';
import { takeDeskPitch } from '../../src/pitches/desk.ts';
import { hidePitch } from '../../src/pitches/moderation.ts';
import { detailsOf, pitchSession, revisePitch, type PitchDetails } from '../../src/pitches/pitches.ts';
import { RuleViolation } from '../../src/rules.ts';
import { themeBalance } from '../../src/themes/balance.ts';
import { defineTheme, removeTheme, renameTheme, themesOf, themesOfPitch } from '../../src/themes/themes.ts';
import { testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { eachWithTwoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';

const details = (title: string, themeIds: number[]): PitchDetails => ({ title, description: '', format: 'discussion', needs: [], doubleLength: false, preferredDayId: null, unavailableSlotIds: [], coFacilitators: [], themeIds });

function violation(act: () => unknown): Record<string, string> {
  try {
    act();
  } catch (error) {
    if (error instanceof RuleViolation) return error.errors;
    throw error;
  }
  throw new Error('expected a rule violation');
}

describe('a camp’s themes', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  eachWithTwoDayCamp((app, c) => {
    t = app;
    camp = c;
  });
  const define = (...names: string[]) => names.map((name) => defineTheme(t.db, testNow, camp.event.id, name));

  it('are named by organisers, listed alphabetically, unique whatever their case, at most 20 a camp', () => {
    define('technology', 'Democracy', 'people');
    expect(themesOf(t.db, camp.event.id).map((th) => th.name)).toEqual(['Democracy', 'people', 'technology']);
    expect(violation(() => define('DEMOCRACY'))).toEqual({ name: 'This camp already has a theme called “DEMOCRACY”' });
    define(...Array.from({ length: 17 }, (_, i) => `theme ${i + 1}`));
    expect(violation(() => define('one too many'))).toEqual({ name: 'A camp can have at most 20 themes. Remove one before adding another.' });
  });

  it('tag pitches from the pitch form and the pitch desk; renaming keeps the tags, removing drops only the tag', () => {
    const [democracy, places] = define('democracy', 'places');
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
    const pitch = pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details('Votes at 16', [democracy!.id, places!.id]), baseUrl: '' });
    const walkIn = takeDeskPitch(t.db, testNow, { event: camp.event, enteredBy: camp.organiser, pitch: { title: 'Parish maps', facilitator: 'Bo', format: 'discussion', needs: [], doubleLength: false, showOfHands: null, themeIds: [places!.id] } });
    expect(themesOfPitch(t.db, pitch.id).map((th) => th.name)).toEqual(['democracy', 'places']);
    expect(themesOfPitch(t.db, walkIn.id).map((th) => th.name)).toEqual(['places']);

    renameTheme(t.db, camp.event.id, places!.id, 'Places and spaces');
    expect(themesOfPitch(t.db, walkIn.id).map((th) => th.name)).toEqual(['Places and spaces']);
    removeTheme(t.db, camp.event.id, democracy!.id);
    expect(themesOfPitch(t.db, pitch.id).map((th) => th.name)).toEqual(['Places and spaces']);
    expect(pitchBoard(t.db, camp.event.id, null).map((p) => p.title)).toEqual(['Votes at 16', 'Parish maps']);
  });

  it('are changed by the pitch’s facilitator, and a theme of another camp is refused', () => {
    const [democracy, people] = define('democracy', 'people');
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
    const pitch = pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details('Votes at 16', [democracy!.id]), baseUrl: '' });
    revisePitch(t.db, testNow, { event: camp.event, pitch, person: ana, details: { ...detailsOf(t.db, pitch), themeIds: [people!.id] }, baseUrl: '' });
    expect(themesOfPitch(t.db, pitch.id).map((th) => th.name)).toEqual(['people']);

    const elsewhere = copyEvent(t.db, testNow, camp.event, { name: 'LocalGovCamp 2028', slug: 'localgovcamp-2028', weeks: 52 }, camp.organiser.id);
    const foreign = themesOf(t.db, elsewhere.id)[0]!;
    expect(violation(() => pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details('Smuggled', [foreign.id]), baseUrl: '' }))).toEqual({ themes: 'Choose from the camp’s themes' });
  });

  it('come along when the camp is copied for next year, with no pitches carrying them', () => {
    define('people', 'places');
    const next = copyEvent(t.db, testNow, camp.event, { name: 'LocalGovCamp 2028', slug: 'localgovcamp-2028', weeks: 52 }, camp.organiser.id);
    expect(themeBalance(t.db, next.id).map((b) => [b.name, b.pitched, b.scheduled])).toEqual([
      ['people', 0, 0],
      ['places', 0, 0],
    ]);
  });

  it('filter the pitch board, combined with its other filters', () => {
    const [democracy, places] = define('democracy', 'places');
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
    pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details('Votes at 16', [democracy!.id]), baseUrl: '' });
    pitchSession(t.db, testNow, { event: camp.event, person: ana, details: { ...details('Town maps', [places!.id, democracy!.id]), format: 'workshop' }, baseUrl: '' });
    pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details('Untagged', []), baseUrl: '' });
    expect(pitchBoard(t.db, camp.event.id, null, { themeId: democracy!.id }).map((p) => p.title)).toEqual(['Votes at 16', 'Town maps']);
    expect(pitchBoard(t.db, camp.event.id, null, { themeId: democracy!.id, format: 'workshop' }).map((p) => [p.title, p.themes.map((th) => th.name)])).toEqual([['Town maps', ['democracy', 'places']]]);
  });
});

describe('the balance of a camp’s themes', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  eachWithTwoDayCamp((app, c) => {
    t = app;
    camp = c;
  });

  it('counts open pitches per theme, and sessions on the draft grid until one is published, then on the published grid', () => {
    const [democracy, people, places] = ['democracy', 'people', 'places'].map((name) => defineTheme(t.db, testNow, camp.event.id, name));
    const ana = registeredAttendee(t.db, camp.event, 'ana@example.org');
    const pitch = (title: string, ids: number[]) => pitchSession(t.db, testNow, { event: camp.event, person: ana, details: details(title, ids), baseUrl: '' });
    const votes = pitch('Votes at 16', [democracy!.id, people!.id]);
    const maps = pitch('Town maps', [places!.id]);
    pitch('Citizens’ assemblies', [democracy!.id]);
    const hidden = pitch('Buy our product', [democracy!.id]);
    hidePitch(t.db, testNow, { event: camp.event, pitchId: hidden.id, reason: 'Sales pitch', baseUrl: '' });
    const [hall, library] = roomsOf(t.db, camp.event.id);

    placePitch(t.db, testNow, camp.event, draftVersion(t.db, camp.event.id), { pitchId: votes.id, roomId: hall!.id, slotId: camp.saturdaySlots[0]!.id });
    expect(themeBalance(t.db, camp.event.id).map((b) => [b.name, b.pitched, b.scheduled])).toEqual([
      ['democracy', 2, 1],
      ['people', 1, 1],
      ['places', 1, 0],
    ]);

    publishGrid(t.db, testNow, { event: camp.event, version: draftVersion(t.db, camp.event.id), note: '', by: camp.organiser, baseUrl: '', notify: false });
    // Placed in the draft since: not counted until it is published.
    placePitch(t.db, testNow, camp.event, draftVersion(t.db, camp.event.id), { pitchId: maps.id, roomId: library!.id, slotId: camp.saturdaySlots[0]!.id });
    expect(themeBalance(t.db, camp.event.id).find((b) => b.name === 'places')).toEqual({ themeId: places!.id, name: 'places', pitched: 1, scheduled: 0 });
  });
});
