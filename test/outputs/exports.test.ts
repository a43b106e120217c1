import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/open.ts';
import { demoSlug } from '../../src/demo/seed.ts';
import { addOutput, setOutputHidden, type OutputDraft } from '../../src/outputs/outputs.ts';
import { Agent } from '../helpers/agent.ts';
import { readCalendar } from '../helpers/calendars.ts';
import { demoCampApp, type SessionPeople } from '../helpers/outputs.ts';
import { jsonScheduleErrors, xmllint, xmlScheduleErrors } from '../helpers/schedule-schemas.ts';

const draft = (overrides: Partial<OutputDraft>): OutputDraft => ({ kind: 'notes', title: 'Notes', body: '', url: '', owner: '', credited: true, ...overrides });
const awkward = 'Zoë’s "plan" <b>now</b> & then\nline two ✓';

type JsonEvent = { id: number; links: unknown[]; attachments?: unknown[] };
type Json = { schedule: { conference: { days: Array<{ rooms: Record<string, JsonEvent[]> }> } } };

describe('outputs in the schedule exports and calendar events', () => {
  let app: FastifyInstance;
  let db: Database;
  let camp: SessionPeople;
  let close: () => Promise<void>;
  let page: string;
  beforeEach(async () => {
    ({ app, db, camp, close } = await demoCampApp());
    page = `http://campgrid.test/events/${demoSlug}/pitches/${camp.session.pitchId}`;
  });
  afterEach(() => close());

  const addAll = () => {
    const during = new Date(camp.session.startsAt + 60_000);
    const add = (d: Partial<OutputDraft>) => addOutput(db, during, { event: camp.event, session: camp.session, person: camp.facilitator, draft: draft(d) });
    const notes = add({ title: awkward, body: 'What we said & why' });
    const action = add({ kind: 'action', title: 'Write <the> guide', owner: 'Sam "S" O’Neil' });
    const slides = add({ kind: 'link', title: 'Slides & notes', url: 'https://example.org/decks/Zoë’s deck.pdf' });
    const video = add({ kind: 'link', title: 'Recording', url: 'https://www.youtube.com/watch?v=abc&t=1' });
    const hidden = add({ kind: 'link', title: 'Spam link', url: 'https://spam.example/' });
    setOutputHidden(db, during, { event: camp.event, output: hidden, by: camp.organiser, hidden: true, reason: 'Spam' });
    return { notes, action, slides, video };
  };

  it('puts links, notes and actions in schedule.json, files as attachments, valid against the c3voc schema, hidden ones left out', async () => {
    const visitor = new Agent(app);
    const before = await visitor.get(`/events/${demoSlug}/schedule.json`);
    const { notes, action, slides, video } = addAll();
    const after = await visitor.get(`/events/${demoSlug}/schedule.json`, { 'if-none-match': String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    const schedule = JSON.parse(after.body) as Json;
    expect(jsonScheduleErrors(schedule)).toEqual([]);
    const event = schedule.schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat()).find((e) => e.id === camp.session.pitchId)!;
    expect(event.links).toEqual([
      { type: 'article', url: `${page}#output-${notes.id}`, title: `Notes: ${awkward}` },
      { type: 'related', url: `${page}#output-${action.id}`, title: 'Action: Write <the> guide' },
      { type: 'media', url: video.url, title: 'Recording' },
    ]);
    expect(event.attachments).toEqual([{ type: 'slides', url: 'https://example.org/decks/Zo%C3%AB%E2%80%99s%20deck.pdf', title: 'Slides & notes' }]);
    expect(slides.url).toBe('https://example.org/decks/Zo%C3%AB%E2%80%99s%20deck.pdf');
    expect(after.body).not.toContain('spam.example');
  });

  it('writes them into schedule.xml as links and attachments, escaped and valid against the XSD', async () => {
    addAll();
    const xml = (await new Agent(app).get(`/events/${demoSlug}/schedule.xml`)).body;
    expect(await xmlScheduleErrors(xml)).toBe('');
    expect(xml).not.toContain('spam.example');
    const event = `//event[@id='${camp.session.pitchId}']`;
    const read = async (xpath: string) => (await xmllint(xml, ['--xpath', xpath])).stdout.trim();
    expect(await read(`count(${event}/links/link)`)).toBe('3');
    expect(await read(`string(${event}/links/link[1])`)).toBe(`Notes: ${awkward}`);
    expect(await read(`string(${event}/links/link[3]/@href)`)).toBe('https://www.youtube.com/watch?v=abc&t=1');
    expect(await read(`string(${event}/attachments/attachment[1]/@type)`)).toBe('slides');
    expect(await read(`string(${event}/attachments/attachment[1])`)).toBe('Slides & notes');
  });

  it('adds their titles and links to the session’s calendar event, whose URL is the session’s page', async () => {
    const visitor = new Agent(app);
    const before = readCalendar((await visitor.get(`/events/${demoSlug}/pitches/${camp.session.pitchId}.ics`)).body).events[0]!;
    addAll();
    const [event] = readCalendar((await visitor.get(`/events/${demoSlug}/pitches/${camp.session.pitchId}.ics`)).body).events;
    expect(event!.url).toBe(page);
    expect(event!.description.startsWith(before.description)).toBe(true);
    expect(event!.description.slice(before.description.length)).toBe(
      [
        '',
        '',
        'What the session made:',
        `- Notes: Zoë’s "plan" <b>now</b> & then line two ✓`,
        '- Action: Write <the> guide (Sam "S" O’Neil)',
        '- Link: Slides & notes https://example.org/decks/Zo%C3%AB%E2%80%99s%20deck.pdf',
        '- Link: Recording https://www.youtube.com/watch?v=abc&t=1',
        `All of them: ${page}#outputs`,
      ].join('\n'),
    );
    // A new description is a change calendar apps should see.
    expect(Date.parse(event!.lastModified)).toBeGreaterThan(Date.parse(before.lastModified));
    const campFeed = (await visitor.get(`/events/${demoSlug}/calendar.ics`)).body;
    expect(readCalendar(campFeed).events.find((e) => e.url === page)!.description).toBe(event!.description);
    expect(campFeed).not.toContain('Spam link');
  });
});
