import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoAttendees, seedDemoInterest, seedDemoPitches } from '../../src/demo/pitches.ts';
import { pitchBoard } from '../../src/pitches/board.ts';
import { takeDeskPitch, type DeskPitch } from '../../src/pitches/desk.ts';
import { editPitchAsOrganiser } from '../../src/pitches/moderation.ts';
import { pitchSession } from '../../src/pitches/pitches.ts';
import { Agent } from '../helpers/agent.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { twoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';
import { signedInAgent } from '../helpers/people.ts';
import { countQueriesAsync } from '../helpers/queries.ts';

const desk = (title: string, overrides: Partial<DeskPitch> = {}): DeskPitch => ({ title, facilitator: 'Sam', format: 'discussion', needs: [], doubleLength: false, showOfHands: null, ...overrides });

describe('the pitch board', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  beforeEach(async () => {
    t = await makeApp();
    camp = twoDayCamp(t.db, testNow);
  });
  afterEach(async () => t.close());

  it('filters by format, by words in the title or description, and by day', () => {
    const { event, organiser } = camp;
    const make = (title: string, o: Partial<DeskPitch> = {}) => takeDeskPitch(t.db, testNow, { event, enteredBy: organiser, pitch: desk(title, o) });
    const ai = make('AI in councils');
    const lego = make('Lego for strategy', { format: 'makers' });
    const percent = make('100% renewable councils');
    const friday = make('Friday only');
    editPitchAsOrganiser(t.db, testNow, { event, pitchId: friday.id, edit: { title: 'Friday only', description: '', format: 'discussion', needs: [], doubleLength: false, showOfHands: null, needsBiggerRoom: false, pinnedDayId: camp.friday.id } });
    const ana = registeredAttendee(t.db, event, 'ana@example.org');
    const prefersSaturday = pitchSession(t.db, testNow, { event, person: ana, details: { title: 'Data ethics', description: 'Councils and AI ethics', format: 'discussion', needs: [], doubleLength: false, preferredDayId: camp.saturday.id, unavailableSlotIds: [], coFacilitators: [] }, baseUrl: '' });
    const titles = (f: Parameters<typeof pitchBoard>[3]) => pitchBoard(t.db, event.id, null, f).map((p) => p.title);

    expect(titles({ format: 'makers' })).toEqual([lego.title]);
    expect(titles({ words: 'ai COUNCILS' })).toEqual([ai.title, prefersSaturday.title]);
    expect(titles({ words: '100%' })).toEqual([percent.title]);
    expect(titles({ words: '%' })).toEqual([percent.title]);
    expect(titles({ dayId: camp.friday.id })).toEqual([ai.title, lego.title, percent.title, friday.title]);
    expect(titles({ dayId: camp.saturday.id })).toEqual([ai.title, lego.title, percent.title, prefersSaturday.title]);
  });

  it('filters through the page’s own form, and says when nothing matches', async () => {
    takeDeskPitch(t.db, testNow, { event: camp.event, enteredBy: camp.organiser, pitch: desk('Lego for strategy', { format: 'makers' }) });
    const page = await new Agent(t.app).get('/events/localgovcamp-2027/pitches?format=makers&day=2027-06-19&q=lego');
    expect(page.body).toContain('1 pitch found');
    expect(page.body).toContain('<option value="makers" selected>');
    expect(page.body).toContain('<option value="2027-06-19" selected>');
    const none = await new Agent(t.app).get('/events/localgovcamp-2027/pitches?q=%3Cscript%3E&format=nonsense&day=yesterday');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('No pitches match.');
    expect(none.body).toContain('value="&lt;script&gt;"');
  });

  it('renders 300 pitches with 3,000 marks with the same number of queries as 10', async () => {
    const attendees = seedDemoAttendees(t.db, testNow, camp.event, 300, 'board.example');
    const few = seedDemoPitches(t.db, testNow, camp.event, camp.organiser.id, attendees, 10);
    seedDemoInterest(t.db, testNow, few, attendees, 300);
    const viewer = await signedInAgent(t.app, registeredAttendee(t.db, camp.event, 'viewer@example.org'));
    const board = '/events/localgovcamp-2027/pitches';
    // The event lookup by slug is prepared once per database and then reused (it is not seen by
    // the count again), so the first render is a warm-up and the comparison starts after it.
    await viewer.get(board);
    const small = await countQueriesAsync(t.db, () => viewer.get(board));
    const more = seedDemoPitches(t.db, testNow, camp.event, camp.organiser.id, attendees, 290);
    seedDemoInterest(t.db, testNow, [...few, ...more], attendees, 2700, 7);
    const large = await countQueriesAsync(t.db, () => viewer.get(board));
    expect(large.result.body).toContain('300 pitches');
    expect(large.result.body.match(/data-interest-form/g)).toHaveLength(300);
    expect(large.queries).toBe(small.queries);
  });
});
