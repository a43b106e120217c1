import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { roomsOf } from '../../src/events/rooms.ts';
import { placePitch } from '../../src/grid/editor.ts';
import { draftVersion } from '../../src/grid/model.ts';
import { publishGrid } from '../../src/grid/publish.ts';
import { organisationFor, keyForTyped } from '../../src/organisations/names.ts';
import { findOutputs } from '../../src/outputs/finding.ts';
import { councilsWithOutputs, themesWithOutputs } from '../../src/outputs/finding-filters.ts';
import { addOutput, type OutputDraft } from '../../src/outputs/outputs.ts';
import { markInterest } from '../../src/pitches/interest.ts';
import { pitchSession, type Pitch } from '../../src/pitches/pitches.ts';
import type { Person } from '../../src/people/people.ts';
import { defineTheme } from '../../src/themes/themes.ts';
import { registrations } from '../../src/tickets/tickets.table.ts';
import { Agent } from '../helpers/agent.ts';
import { testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { eachWithTwoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';

const draft = (title: string, overrides: Partial<OutputDraft> = {}): OutputDraft => ({ kind: 'notes', title, body: '', url: '', owner: '', credited: true, ...overrides });

describe('filtering outputs by theme and council', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  eachWithTwoDayCamp((app, c) => {
    t = app;
    camp = c;
  });

  /**
   * Two sessions: "Votes at 16" (democracy), run by Ana of Bristol City Council, and "Town maps"
   * (Places), run by Bo of a supplier, where Cy of Leeds City Council, who went, wrote an action.
   */
  function twoSessions() {
    const from = (email: string, organisation: string): Person => {
      const who = registeredAttendee(t.db, camp.event, email, { name: email.split('@')[0] });
      t.db.update(registrations).set({ organisation, organisationKey: keyForTyped(t.db, testNow, organisation) }).where(eq(registrations.personId, who.id)).run();
      return who;
    };
    const [ana, bo, cy] = [from('ana@example.org', 'Bristol City Council'), from('bo@example.org', 'Acme Ltd'), from('cy@example.org', 'leeds city council')];
    const [democracy, places] = [defineTheme(t.db, testNow, camp.event.id, 'democracy'), defineTheme(t.db, testNow, camp.event.id, 'Places')];
    const pitch = (who: Person, title: string, themeId: number): Pitch =>
      pitchSession(t.db, testNow, { event: camp.event, person: who, details: { title, description: '', format: 'discussion', needs: [], doubleLength: false, preferredDayId: null, unavailableSlotIds: [], coFacilitators: [], themeIds: [themeId] }, baseUrl: '' });
    const votes = pitch(ana, 'Votes at 16', democracy.id);
    const maps = pitch(bo, 'Town maps', places.id);
    markInterest(t.db, testNow, { event: camp.event, pitchId: maps.id, personId: cy.id, want: true });
    const [hall, library] = roomsOf(t.db, camp.event.id);
    placePitch(t.db, testNow, camp.event, draftVersion(t.db, camp.event.id), { pitchId: votes.id, roomId: hall!.id, slotId: camp.saturdaySlots[0]!.id });
    placePitch(t.db, testNow, camp.event, draftVersion(t.db, camp.event.id), { pitchId: maps.id, roomId: library!.id, slotId: camp.saturdaySlots[0]!.id });
    const grid = publishGrid(t.db, testNow, { event: camp.event, version: draftVersion(t.db, camp.event.id), note: '', by: camp.organiser, baseUrl: '', notify: false });
    const sessionOf = (p: Pitch) => grid.sessions.find((s) => s.pitchId === p.id)!;
    const during = new Date(sessionOf(votes).startsAt + 60_000);
    addOutput(t.db, during, { event: camp.event, session: sessionOf(votes), person: ana, draft: draft('Votes at 16: notes', { body: 'Young people want a say.' }) });
    addOutput(t.db, during, { event: camp.event, session: sessionOf(maps), person: bo, draft: draft('Town maps: slides', { kind: 'link', url: 'https://example.org/maps' }) });
    addOutput(t.db, during, { event: camp.event, session: sessionOf(maps), person: cy, draft: draft('Map every bench', { kind: 'action', owner: 'Cy' }) });
    return { bristol: organisationFor(t.db, 'Bristol City Council')!, leeds: organisationFor(t.db, 'Leeds City Council')! };
  }
  const titles = (args: Parameters<typeof findOutputs>[1]) => findOutputs(t.db, args).outputs.map((o) => o.title);

  it('finds a council’s outputs: those its people wrote, and those of sessions its people ran', () => {
    const { bristol, leeds } = twoSessions();
    expect(councilsWithOutputs(t.db).map((c) => c.name)).toEqual(['Bristol City Council', 'Leeds City Council']);
    expect(titles({ councilId: bristol.id, limit: 50 })).toEqual(['Votes at 16: notes']);
    expect(titles({ councilId: leeds.id, limit: 50 })).toEqual(['Map every bench']);
  });

  it('finds a theme’s outputs by its name in any case, combined with the search and the camp', () => {
    const { bristol } = twoSessions();
    expect(themesWithOutputs(t.db)).toEqual([
      { key: 'democracy', name: 'democracy' },
      { key: 'places', name: 'Places' },
    ]);
    expect(titles({ themeKey: 'places', limit: 50 })).toEqual(['Map every bench', 'Town maps: slides']);
    expect(titles({ themeKey: 'places', q: 'slides', eventId: camp.event.id, limit: 50 })).toEqual(['Town maps: slides']);
    expect(findOutputs(t.db, { themeKey: 'places', councilId: bristol.id, limit: 50 }).total).toBe(0);
  });

  it('filters /outputs with a plain form, and sets aside a theme or council that matches nothing, with a word', async () => {
    const { bristol } = twoSessions();
    const visitor = new Agent(t.app);
    const page = (await visitor.get('/outputs')).body;
    expect(page).toContain('<option value="places">Places</option>');
    expect(page).toContain(`<option value="${bristol.id}">Bristol City Council</option>`);
    const filtered = await visitor.get(`/outputs?q=&theme=democracy&council=${bristol.id}`);
    expect(filtered.body).toContain('1 output found');
    expect(filtered.body).toContain(`<option value="${bristol.id}" selected>Bristol City Council</option>`);
    for (const query of ['theme=nothing-like-this', 'council=abc', 'council=999999&theme=%3Cb%3E', 'theme=democracy&theme=places']) {
      const response = await visitor.get(`/outputs?${query}`);
      expect(response.statusCode, query).toBeLessThan(500);
      if (response.statusCode === 200) expect(response.body).toContain('not applied. Choose from the lists above.');
    }
  });
});
