import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { FixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/open.ts';
import { demoSlug, seedDemoCamp } from '../../src/demo/seed.ts';
import { findEventBySlug } from '../../src/events/events.ts';
import { latestPublished } from '../../src/grid/published-versions.ts';
import { Agent } from '../helpers/agent.ts';
import { testNow } from '../helpers/app.ts';
import { person, signedInAgent } from '../helpers/people.ts';

describe('calendar feeds and exports, served from the published grid', () => {
  let app: FastifyInstance;
  let db: Database;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'campgrid-feeds-'));
    db = openDatabase(join(dir, 'c.db'));
    seedDemoCamp(db, testNow, 'http://campgrid.test', dir);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: join(dir, 'c.db'), LOG_LEVEL: 'silent', BASE_URL: 'http://campgrid.test' });
    app = await buildApp(config, { db, clock: new FixedClock(testNow), startMail: false, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    db.$client.close();
  });

  it('serves the whole camp as a feed with every published session, the same bytes each time, and 304 when unchanged', async () => {
    const agent = new Agent(app);
    const feed = await agent.get(`/events/${demoSlug}/calendar.ics`);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const grid = latestPublished(db, findEventBySlug(db, demoSlug)!.id)!;
    const events = new ICAL.Component(ICAL.parse(feed.body)).getAllSubcomponents('vevent');
    expect(events).toHaveLength(grid.sessions.length);
    const moved = grid.changes.find((c) => c.kind === 'moved')!;
    const movedEvent = events.map((e) => new ICAL.Event(e)).find((e) => e.uid === `session-${moved.pitchId}@campgrid.test`)!;
    expect(movedEvent.sequence).toBe(1);
    expect((await agent.get(`/events/${demoSlug}/calendar.ics`)).body).toBe(feed.body);
    const again = await agent.get(`/events/${demoSlug}/calendar.ics`, { 'if-none-match': String(feed.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it('serves a room’s feed, a session’s feed and the open exports, and nothing for a draft', async () => {
    const agent = new Agent(app);
    const grid = latestPublished(db, findEventBySlug(db, demoSlug)!.id)!;
    const session = grid.sessions.find((s) => !s.cancelled)!;
    expect((await agent.get(`/events/${demoSlug}/rooms/${session.roomId}/calendar.ics`)).body).toContain(`UID:session-${session.pitchId}@campgrid.test`);
    expect((await agent.get(`/events/${demoSlug}/pitches/${session.pitchId}.ics`)).body).toContain('BEGIN:VEVENT');
    const json = await agent.get(`/events/${demoSlug}/schedule.json`);
    expect(JSON.parse(json.body).schedule.version).toBe('v2');
    expect((await agent.get(`/events/${demoSlug}/schedule.xml`)).body).toContain('<schedule');
    expect((await agent.get(`/events/${demoSlug}/grid.csv`)).body.startsWith('\uFEFF')).toBe(true);
    expect((await agent.get('/events/no-such-camp/calendar.ics')).statusCode).toBe(404);
  });

  it('gives each person a secret agenda feed on /me, which stops working when they replace it', async () => {
    const agent = await signedInAgent(app, person(db, 'attendee1@demo.campgrid.example'));
    const me = await agent.get('/me');
    const link = me.body.match(/http:\/\/campgrid\.test(\/feeds\/[^"<]+\.ics)/)![1]!;
    const feed = await new Agent(app).get(link);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['cache-control']).toContain('private');
    expect(feed.body).toContain('BEGIN:VCALENDAR');
    expect((await new Agent(app).get(link.replace(/[A-Za-z0-9_-]{5}\.ics$/, 'AAAAA.ics'))).statusCode).toBe(404);
    const replaced = await agent.post('/me/calendar-feed/replace');
    expect(replaced.headers.location).toBe('/me?done=feed-replaced#feed-replaced');
    expect((await new Agent(app).get(link)).statusCode).toBe(404);
    // The page opens at a banner that confirms it and shows the new address, so a phone shows it first.
    const page = (await agent.get('/me?done=feed-replaced')).body;
    const banner = page.slice(page.indexOf('id="feed-replaced"'), page.indexOf('</div>\n      </div>', page.indexOf('id="feed-replaced"')));
    expect(banner).toContain('Your agenda has a new calendar address. The old one no longer works');
    const fresh = banner.match(/http:\/\/campgrid\.test(\/feeds\/[^"<]+\.ics)/)![1]!;
    expect(fresh).not.toBe(link);
    expect((await new Agent(app).get(fresh)).statusCode).toBe(200);
  });

  it('links the feeds and exports from the event and grid pages', async () => {
    const agent = new Agent(app);
    expect((await agent.get(`/events/${demoSlug}`)).body).toContain(`webcal://campgrid.test/events/${demoSlug}/calendar.ics`);
    const gridPage = await agent.get(`/events/${demoSlug}/grid`);
    expect(gridPage.body).toContain(`href="/events/${demoSlug}/schedule.json"`);
  });
});
