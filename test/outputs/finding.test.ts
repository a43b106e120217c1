import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/open.ts';
import { demoSlug } from '../../src/demo/seed.ts';
import { findOutputs, searchQuery } from '../../src/outputs/finding.ts';
import { addOutput, editOutput, setOutputHidden, type OutputDraft } from '../../src/outputs/outputs.ts';
import { Agent } from '../helpers/agent.ts';
import { demoCampApp, type SessionPeople } from '../helpers/outputs.ts';
import { xmllint } from '../helpers/schedule-schemas.ts';

const draft = (overrides: Partial<OutputDraft>): OutputDraft => ({ kind: 'notes', title: 'Notes', body: '', url: '', owner: '', credited: true, ...overrides });

describe('finding outputs', () => {
  let app: FastifyInstance;
  let db: Database;
  let camp: SessionPeople;
  let during: Date;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ app, db, camp, close } = await demoCampApp());
    during = new Date(camp.session.startsAt + 60_000);
  });
  afterEach(() => close());
  const add = (d: Partial<OutputDraft>) => addOutput(db, during, { event: camp.event, session: camp.session, person: camp.facilitator, draft: draft(d) });
  const titles = (q: string) => findOutputs(db, { q, limit: 50 }).outputs.map((o) => o.title);

  it('searches titles, notes and actions with full-text search kept in step by the database', () => {
    const notes = add({ title: 'Parish websites', body: 'Most parish councils publish minutes as scanned PDFs.' });
    add({ kind: 'action', title: 'Draft accessibility guidance', owner: 'Sam' });
    add({ kind: 'link', title: 'Slides on budgets', url: 'https://example.org/budgets' });
    expect(titles('parish')).toEqual(['Parish websites']);
    expect(titles('scanned pdf')).toEqual(['Parish websites']);
    expect(titles('access')).toEqual(['Draft accessibility guidance']);
    expect(titles('budget')).toEqual(['Slides on budgets']);
    // Edits and hiding show at once: the triggers re-index, and hidden outputs are never found.
    editOutput(db, during, { output: notes, person: camp.facilitator, draft: draft({ title: 'Town council websites', body: 'Minutes as HTML, please.' }) });
    expect(titles('parish')).toEqual([]);
    expect(titles('town html')).toEqual(['Town council websites']);
    setOutputHidden(db, during, { event: camp.event, output: notes, by: camp.organiser, hidden: true, reason: 'Duplicate' });
    expect(titles('town')).toEqual([]);
  });

  it('takes whatever is typed as words to find, never as search syntax', () => {
    expect(searchQuery('parish OR "NEAR(x' )).toBe('"parish"* "OR"* "NEAR"* "x"*');
    expect(searchQuery('  *** ')).toBeNull();
    add({ title: 'Parish websites', body: 'x' });
    for (const typed of ['"', 'AND', 'title:parish', '(parish', 'parish*', "'; drop table outputs; --"]) expect(() => titles(typed), typed).not.toThrow();
  });

  it('answers /outputs, a camp’s page, and a valid, escaped Atom feed without JavaScript', async () => {
    add({ title: 'Budgets <script>alert(1)</script>', body: 'Spend less & share more' });
    add({ kind: 'action', title: 'Write the guide', owner: 'Sam' });
    const visitor = new Agent(app);
    const search = await visitor.get('/outputs?q=budgets');
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('1 output found');
    expect(search.body).toContain('Budgets &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(search.body).not.toContain('<script>alert(1)');
    expect((await visitor.get(`/outputs?camp=${demoSlug}`)).body).toContain('2 outputs');
    expect((await visitor.get('/outputs?camp=no-such-camp&q=guide')).body).toContain('1 output found');
    expect((await visitor.get('/outputs?page=x')).statusCode).toBe(400);

    const campPage = await visitor.get(`/events/${demoSlug}/outputs`);
    expect(campPage.body).toContain('2 outputs from 1 session');
    expect(campPage.body).toContain(`href="/events/${demoSlug}/pitches/${camp.session.pitchId}"`);

    const atom = await visitor.get('/outputs.atom');
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const read = async (xpath: string) => (await xmllint(atom.body, ['--xpath', xpath])).stdout.trim();
    expect(await read("string(//*[local-name()='entry'][2]/*[local-name()='title'])")).toBe('Budgets <script>alert(1)</script>');
    expect(await read("string(//*[local-name()='entry'][1]/*[local-name()='title'])")).toBe('Write the guide');
    expect(await read("string(//*[local-name()='entry'][2]/*[local-name()='rights'])")).toBe('Creative Commons Attribution 4.0');
    // After them, what last year's camp made (seeded with the demo).
    expect(await read("string(//*[local-name()='entry'][3]/*[local-name()='title'])")).toBe('Before and after');
  });
});
