import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { FixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/open.ts';
import { demoSlug, seedDemoCamp } from '../../src/demo/seed.ts';
import { findEventBySlug } from '../../src/events/events.ts';
import { loadGrid } from '../../src/grid/model.ts';
import { Agent, errorSummary } from '../helpers/agent.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import type { FastifyInstance } from 'fastify';

let template: string;
beforeAll(() => {
  const { db, path } = freshDatabase();
  seedDemoCamp(db, testNow, 'http://campgrid.test', mkdtempSync(join(tmpdir(), 'campgrid-logos-')));
  // The demo ships with a published grid; these tests start from an empty one.
  db.$client.exec('delete from grid_versions; delete from grid_drafts; delete from grid_placements; delete from pitch_settings;');
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  template = path;
});

describe('the grid over HTTP', () => {
  let app: FastifyInstance;
  let db: Database;
  let organiser: Agent;
  const base = `/organise/events/${demoSlug}/grid`;
  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'campgrid-grid-http-'));
    copyFileSync(template, join(dir, 'c.db'));
    db = openDatabase(join(dir, 'c.db'));
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: join(dir, 'c.db'), LOG_LEVEL: 'silent', BASE_URL: 'http://campgrid.test' });
    app = await buildApp(config, { db, clock: new FixedClock(testNow), startMail: false, logger: false });
    await app.ready();
    organiser = await signedInAgent(app, person(db, 'organiser@demo.campgrid.example'));
  });
  afterEach(async () => {
    await app.close();
    db.$client.close();
  });

  const model = () => loadGrid(db, findEventBySlug(db, demoSlug)!);

  it('builds a grid with the scheduler, shows its score and lower bound, applies and publishes it; the public then sees it', async () => {
    expect((await new Agent(app).get(`/events/${demoSlug}/grid`)).body).toContain('The grid is built on the morning');
    const editor = await organiser.get(base);
    expect(editor.statusCode).toBe(200);
    expect(editor.body).toContain('Not on the grid (40)');
    expect((await organiser.post(`${base}/propose`, { version: '0', mode: 'replan' })).headers.location).toBe(`${base}?done=proposed`);
    const proposed = await organiser.get(`${base}?done=proposed`);
    expect(proposed.body).toMatch(/Score \d+ \(\d+ wanted sessions missed, \d+ over capacity\)\. No grid can score below \d+, so this is within \d+ of the best possible/);
    expect((await organiser.post(`${base}/apply`, { version: '0' })).statusCode).toBe(303);
    expect(model().placements.length).toBeGreaterThan(30);
    expect((await organiser.post(`${base}/publish`, { version: '1', note: 'Have a great day' })).headers.location).toBe(`${base}?done=published`);

    const visitor = new Agent(app);
    const grid = await visitor.get(`/events/${demoSlug}/grid`);
    expect(grid.body).toContain('Version 1, published');
    const first = model().placements[0]!;
    const title = model().pitches.get(first.pitchId)!.title.replace(/’/g, '’');
    expect(grid.body).toContain(`href="/events/${demoSlug}/pitches/${first.pitchId}">`);
    expect(grid.body).toContain('<th scope="col" class="govuk-table__header" id="col-time">Time</th>');
    expect(grid.body).toContain('<svg');
    const changes = await visitor.get(`/events/${demoSlug}/grid/changes`);
    expect(changes.body).toContain('Version 1');
    expect(changes.body).toContain('Have a great day');
    const atom = await visitor.get(`/events/${demoSlug}/grid/changes.atom`);
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(atom.body).toContain('<title>Version 1 of the grid</title>');
    expect(title.length).toBeGreaterThan(0);
  });

  it('refuses a stale edit with “the grid changed — here it is now”', async () => {
    const pitchId = [...model().pitches.values()].find((p) => (p.session.length ?? 1) === 1 && !(p.session.needs ?? []).length)!.id;
    const m = model();
    const slot = m.days[1]!.slots[0]!.id;
    await organiser.post(`${base}/place`, { version: '0', pitchId: String(pitchId), roomId: String(m.rooms[0]!.id), slotId: String(slot) });
    const stale = await organiser.post(`${base}/place`, { version: '0', pitchId: String(pitchId), roomId: String(m.rooms[1]!.id), slotId: String(slot) });
    expect(stale.statusCode).toBe(409);
    expect(errorSummary(stale.body)).toEqual(['The grid changed while you were looking at it — here it is now. Check it, then make your change again.']);
    expect(model().placements.map((p) => p.roomId)).toEqual([m.rooms[0]!.id]);
  });

  it('explains a move into a taken place on the session’s own page, and a pin that breaks a rule', async () => {
    const plain = [...model().pitches.values()].filter((p) => (p.session.length ?? 1) === 1 && !(p.session.needs ?? []).length);
    const m = model();
    const slot = m.days[1]!.slots[0]!.id;
    await organiser.post(`${base}/place`, { version: '0', pitchId: String(plain[0]!.id), roomId: String(m.rooms[0]!.id), slotId: String(slot) });
    const taken = await organiser.post(`${base}/place`, { version: '1', pitchId: String(plain[1]!.id), roomId: String(m.rooms[0]!.id), slotId: String(slot) });
    expect(taken.statusCode).toBe(400);
    expect(errorSummary(taken.body)[0]).toMatch(/^Main hall at \d\d:\d\d already has “.+”; move it first or swap them$/);
    expect(taken.body).toContain(`<h1 class="govuk-heading-xl">${plain[1]!.title.replace(/&/g, '&amp;').replace(/'/g, '&#39;')}</h1>`);
    const needy = [...model().pitches.values()].find((p) => (p.session.needs ?? []).includes('projector') && (p.session.length ?? 1) === 1)!;
    const library = m.rooms.find((r) => r.name === 'Library')!;
    await organiser.post(`${base}/place`, { version: '1', pitchId: String(needy.id), roomId: String(library.id), slotId: String(slot) });
    const pin = await organiser.post(`${base}/pin`, { version: '2', pitchId: String(needy.id), pinned: 'yes' });
    expect(errorSummary(pin.body)).toEqual(['It cannot be pinned there: the room does not have what the session needs']);
    const junk = await organiser.post(`${base}/place`, { version: 'x', pitchId: '', roomId: 'hall' });
    expect(errorSummary(junk.body)).toEqual(['Reload the grid and try again', 'Choose a session', 'Choose a room', 'Choose a time']);
  });

  it('shows now and next, refreshing itself, for every room or one', async () => {
    const now = await new Agent(app).get(`/events/${demoSlug}/now`);
    expect(now.body).toContain('<meta http-equiv="refresh" content="30">');
    expect((await new Agent(app).get(`/events/${demoSlug}/now?room=999999`)).statusCode).toBe(200);
  });

  it('does not let a helper publish, nor a stranger see the editor', async () => {
    const helper = await signedInAgent(app, person(db, 'helper@demo.campgrid.example'));
    expect((await helper.get(base)).statusCode).toBe(200);
    expect((await helper.post(`${base}/publish`, { version: '0', note: '' })).statusCode).toBe(403);
    const stranger = await signedInAgent(app, person(db, 'stranger@example.org'));
    expect((await stranger.get(base)).statusCode).toBe(403);
  });
});
