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
import { latestPublished as latestPublishedGrid } from '../../src/grid/published-versions.ts';
import { Agent, errorSummary } from '../helpers/agent.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { findPersonByEmail } from '../../src/people/people.ts';
import { createSignInLink, redeemSignInLink } from '../../src/people/sign-in.ts';
import type { FastifyInstance } from 'fastify';
import { demoWithoutGrid } from '../helpers/demo-template.ts';

let template: string;
beforeAll(() => {
  template = demoWithoutGrid();
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
    // Its QR code is kept with every other rendered thing, in the app's one bounded cache.
    expect(app.campgrid.cache.peek(`qr:http://campgrid.test/events/${demoSlug}/grid`)?.body).toMatch(/^<svg/);
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
    expect(errorSummary(taken.body)[0]).toMatch(/^Main hall at \d{1,2}(:\d\d)?(am|pm) already has “.+”; move it first or swap them$/);
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
    expect(now.headers.refresh).toBe('30');
    expect(now.body).toContain(`<a class="govuk-link" href="/events/${demoSlug}/now?refresh=off">Stop refreshing this page</a>`);
    const still = await new Agent(app).get(`/events/${demoSlug}/now?refresh=off`);
    expect(still.headers.refresh).toBeUndefined();
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

describe('sessions on the published grid', () => {
  let app: FastifyInstance;
  let db: Database;
  let clock: FixedClock;
  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'campgrid-grid-notes-'));
    const { db: seeded } = { db: openDatabase(join(dir, 'c.db')) };
    seedDemoCamp(seeded, testNow, 'http://campgrid.test', dir);
    db = seeded;
    clock = new FixedClock(testNow);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: join(dir, 'c.db'), LOG_LEVEL: 'silent', BASE_URL: 'http://campgrid.test' });
    app = await buildApp(config, { db, clock, startMail: false, logger: false });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    db.$client.close();
  });

  const published = () => {
    const event = findEventBySlug(db, demoSlug)!;
    return { event, grid: latestPublishedGrid(db, event.id)! };
  };

  it('downloads everything kept about a facilitator, and deleting them takes their name off every published grid and export at once and revokes their sign-in links', async () => {
    const { event, grid } = published();
    const names = db.$client.prepare('select id, name, email from people').all() as Array<{ id: number; name: string; email: string }>;
    const unique = (name: string) => names.filter((n) => n.name === name).length === 1;
    const session = grid.sessions.find((s) => !s.cancelled && s.facilitators.some((f) => f.key.startsWith('u') && unique(f.name)))!;
    const facilitator = names.find((n) => `u${n.id}` === session.facilitators.find((f) => f.key.startsWith('u') && unique(f.name))!.key)!;
    const unusedLink = createSignInLink(db, clock.now(), { email: facilitator.email, baseUrl: 'http://campgrid.test', next: null });
    const agent = await signedInAgent(app, person(db, facilitator.email));

    const data = JSON.parse((await agent.get('/me/data.json')).body);
    expect(Object.keys(data).sort()).toEqual(['emails', 'interest', 'person', 'pitches', 'registrations', 'signInLinks', 'sponsorContacts', 'teamRoles']);
    expect(data.pitches.map((p: { title: string }) => p.title)).toContain(session.title);
    expect(data.signInLinks[0]).toMatchObject({ purpose: 'sign-in', requestedFromIp: null, usedAt: null });

    await agent.post('/me/delete');
    const visitor = new Agent(app);
    for (const path of ['calendar.ics', 'schedule.json', 'grid.csv', 'grid', `pitches/${session.pitchId}`]) {
      const body = (await visitor.get(`/events/${demoSlug}/${path}`)).body;
      expect(body, path).not.toContain(facilitator.name);
    }
    expect((await visitor.get(`/events/${demoSlug}/schedule.json`)).body).toContain('A participant');
    const versions = db.$client.prepare('select snapshot from grid_versions where event_id = ?').all(event.id) as Array<{ snapshot: string }>;
    expect(versions.some((v) => v.snapshot.includes(facilitator.name))).toBe(false);
    expect(redeemSignInLink(db, clock, unusedLink.split('/').at(-1)!)).toEqual({ ok: false, reason: 'unknown' });
    expect(findPersonByEmail(db, facilitator.email)).toBeUndefined();
  });

  it('lists a person’s agenda on /me, with clashes', async () => {
    const { grid } = published();
    const zoe = person(db, 'attendee1@demo.campgrid.example');
    const agent = await signedInAgent(app, zoe);
    const me = await agent.get('/me');
    expect(me.body).toContain(`My agenda: ${published().event.name}`);
    const marked = grid.sessions.filter((s) => !s.cancelled);
    // Two sessions at the same time make a clash the page names.
    const a = marked[0]!;
    const b = marked.find((s) => s.startsAt === a.startsAt && s.pitchId !== a.pitchId)!;
    db.$client.prepare('insert or ignore into interest (pitch_id, person_id, created_at) values (?, ?, 0), (?, ?, 0)').run(a.pitchId, zoe.id, b.pitchId, zoe.id);
    const clash = await agent.get('/me');
    expect(clash.body).toContain('are at the same time');
  });
});

describe('two organisers editing at once', () => {
  it('lets exactly one of two edits made on the same version through, over real HTTP, and the grid stays whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'campgrid-grid-race-'));
    copyFileSync(template, join(dir, 'c.db'));
    const db = openDatabase(join(dir, 'c.db'));
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: join(dir, 'c.db'), LOG_LEVEL: 'silent', BASE_URL: 'http://campgrid.test' });
    const app = await buildApp(config, { db, clock: new FixedClock(testNow), startMail: false, logger: false });
    try {
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const model = loadGrid(db, findEventBySlug(db, demoSlug)!);
      const [a, b] = [...model.pitches.values()].filter((p) => (p.session.length ?? 1) === 1);
      const slot = model.days[1]!.slots[0]!.id;
      // Two organisers, both looking at version 0, put different sessions in the same place.
      const organisers = await Promise.all(['organiser@demo.campgrid.example', 'co-organiser@demo.campgrid.example'].map((e) => signedInAgent(app, person(db, e))));
      const post = (agent: Agent, pitchId: number) =>
        fetch(`${address}${`/organise/events/${demoSlug}/grid/place`}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: agent.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: agent.csrfToken!, version: '0', pitchId: String(pitchId), roomId: String(model.rooms[0]!.id), slotId: String(slot) }),
        });
      const answers = await Promise.all([post(organisers[0]!, a!.id), post(organisers[1]!, b!.id)]);
      expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
      const after = loadGrid(db, findEventBySlug(db, demoSlug)!);
      expect(after.placements).toHaveLength(1);
      expect(after.version).toBe(1);
      expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await app.close();
      db.$client.close();
    }
  });
});
