import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarRoutes, type FeedOwner } from '../../src/calendar/calendar.routes.ts';
import { eventFeed } from '../../src/calendar/feeds.ts';
import { RenderCache } from '../../src/web/render-cache.ts';
import type { PublishedGrid } from '../../src/grid/published.ts';
import { readCalendar } from '../helpers/calendars.ts';
import { baseUrl, camp, campV1, campV2 } from '../helpers/published-grid.ts';
import { jsonScheduleErrors, xmlScheduleErrors } from '../helpers/schedule-schemas.ts';

/**
 * The routes on a bare Fastify app, with the grid and the feed tokens held in memory: the
 * loaders are the boundary the real app fills from the database.
 */
class Camp {
  grids = new Map<string, PublishedGrid>([['localgovcamp-2026', campV1()]]);
  owners = new Map<string, () => FeedOwner>([['s3cret-Token_1', () => ({ grid: this.grids.get('localgovcamp-2026')!, pitchIds: this.marked, personName: 'Ada Okafor' })]]);
  marked = [101, 104];
  cache = new RenderCache();
  app: FastifyInstance = Fastify();

  async start(withLayout = true): Promise<void> {
    await this.app.register(calendarRoutes, {
      baseUrl,
      loadPublishedGrid: (slug) => this.grids.get(slug) ?? null,
      sessionsForFeedToken: (token) => this.owners.get(token)?.() ?? null,
      ...(withLayout ? { loadCampLayout: async (slug: string) => (this.grids.has(slug) ? camp : null) } : {}),
      cache: this.cache,
    });
    await this.app.ready();
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.app.inject({ method: 'GET', url, headers });
  }
}

const feed = '/events/localgovcamp-2026/calendar.ics';

describe('calendar feeds over HTTP', () => {
  let t: Camp;
  beforeEach(async () => {
    t = new Camp();
    await t.start();
  });
  afterEach(() => t.app.close());

  it('serve the whole camp as text/calendar with a strong ETag, Last-Modified and a public five-minute cache', async () => {
    const response = await t.get(feed);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(response.headers['last-modified']).toBe('Tue, 20 Oct 2026 18:00:00 GMT');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.body).toBe(eventFeed(campV1(), baseUrl));
    expect(readCalendar(response.body).events.map((e) => e.summary)).toEqual(['Opening circle', 'Open data, maps; and other things', 'Digital inclusion', 'Procurement clinic']);
  });

  it('answer HEAD with the same validators and no body', async () => {
    const get = await t.get(feed);
    const head = await t.app.inject({ method: 'HEAD', url: feed });
    expect([head.statusCode, head.headers.etag, head.headers['content-length'], head.body]).toEqual([200, get.headers.etag, String(Buffer.byteLength(get.body)), '']);
  });

  it('answer 304 Not Modified to a matching If-None-Match, weak or strong, and to a current If-Modified-Since', async () => {
    const first = await t.get(feed);
    const etag = first.headers.etag as string;
    const lastModified = first.headers['last-modified'] as string;

    const revalidated = await t.get(feed, { 'if-none-match': etag });
    expect([revalidated.statusCode, revalidated.body, revalidated.headers.etag, revalidated.headers['cache-control']]).toEqual([304, '', etag, 'public, max-age=300']);
    expect((await t.get(feed, { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
    expect((await t.get(feed, { 'if-none-match': '"other"' })).statusCode).toBe(200);

    expect((await t.get(feed, { 'if-modified-since': lastModified })).statusCode).toBe(304);
    expect((await t.get(feed, { 'if-modified-since': 'Wed, 21 Oct 2026 09:00:00 GMT' })).statusCode).toBe(304);
    expect((await t.get(feed, { 'if-modified-since': 'Tue, 20 Oct 2026 17:59:59 GMT' })).statusCode).toBe(200);
    expect((await t.get(feed, { 'if-modified-since': 'not a date' })).statusCode).toBe(200);
    // If-None-Match decides when both are sent.
    expect((await t.get(feed, { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).statusCode).toBe(200);
  });

  it('give a new ETag and Last-Modified after a publish, so old copies are replaced', async () => {
    const before = await t.get(feed);
    t.grids.set('localgovcamp-2026', campV2());
    const after = await t.get(feed, { 'if-none-match': before.headers.etag as string, 'if-modified-since': before.headers['last-modified'] as string });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.headers['last-modified']).toBe('Sat, 24 Oct 2026 12:30:00 GMT');
    expect(readCalendar(after.body).events.find((e) => e.uid === 'session-104@camp.example.org')!.status).toBe('CANCELLED');
  });

  it('render each feed once per grid version, however often it is polled', async () => {
    const bodies = new Set<string>();
    for (let i = 0; i < 50; i++) bodies.add((await t.get(feed)).body);
    expect([bodies.size, t.cache.count]).toEqual([1, 1]);
    t.grids.set('localgovcamp-2026', campV2());
    await t.get(feed);
    expect(t.cache.count).toBe(2);
  });

  it('serve one room’s sessions, and an empty calendar for a room with nothing in it yet', async () => {
    const committee = await t.get('/events/localgovcamp-2026/rooms/2/calendar.ics');
    expect(committee.statusCode).toBe(200);
    expect(readCalendar(committee.body).events.map((e) => e.summary)).toEqual(['Open data, maps; and other things', 'Procurement clinic']);
    const garden = readCalendar((await t.get('/events/localgovcamp-2026/rooms/3/calendar.ics')).body);
    expect([garden.name, garden.events]).toEqual(['LocalGovCamp 2026: Garden Room', []]);
  });

  it('serve one session at /pitches/:id.ics', async () => {
    const response = await t.get('/events/localgovcamp-2026/pitches/103.ics');
    expect([response.statusCode, response.headers['content-type']]).toEqual([200, 'text/calendar; charset=utf-8']);
    expect(readCalendar(response.body).events.map((e) => [e.uid, e.summary])).toEqual([['session-103@camp.example.org', 'Digital inclusion']]);
  });

  it('answer 404 in plain text for an unknown event, room, session or malformed id', async () => {
    for (const url of [
      '/events/no-such-camp/calendar.ics',
      '/events/no-such-camp/rooms/1/calendar.ics',
      '/events/localgovcamp-2026/rooms/99/calendar.ics',
      '/events/localgovcamp-2026/rooms/two/calendar.ics',
      '/events/localgovcamp-2026/pitches/999.ics',
      '/events/localgovcamp-2026/pitches/1.5.ics',
      '/events/no-such-camp/pitches/101.ics',
      '/events/no-such-camp/schedule.json',
      '/events/no-such-camp/schedule.xml',
      '/events/no-such-camp/grid.csv',
    ]) {
      const response = await t.get(url);
      expect([url, response.statusCode, response.headers['content-type'], response.body]).toEqual([url, 404, 'text/plain; charset=utf-8', 'Not found\n']);
    }
  });
});

describe('a person’s own feed over HTTP', () => {
  let t: Camp;
  beforeEach(async () => {
    t = new Camp();
    await t.start();
  });
  afterEach(() => t.app.close());

  it('serves their sessions privately at their secret address, never leaking it in a Referer', async () => {
    const response = await t.get('/feeds/s3cret-Token_1.ics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('private, max-age=300');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    // Marking a session changes the feed without a publish, so only the ETag can say it is current.
    expect(response.headers['last-modified']).toBeUndefined();
    const calendar = readCalendar(response.body);
    expect([calendar.name, calendar.events.map((e) => e.summary)]).toEqual(['LocalGovCamp 2026: Ada Okafor', ['Opening circle', 'Procurement clinic']]);
  });

  it('is current until they mark another session', async () => {
    const first = await t.get('/feeds/s3cret-Token_1.ics');
    expect((await t.get('/feeds/s3cret-Token_1.ics', { 'if-none-match': first.headers.etag as string })).statusCode).toBe(304);
    t.marked = [101, 103, 104];
    const changed = await t.get('/feeds/s3cret-Token_1.ics', { 'if-none-match': first.headers.etag as string });
    expect(changed.statusCode).toBe(200);
    expect(readCalendar(changed.body).events.map((e) => e.summary)).toEqual(['Opening circle', 'Digital inclusion', 'Procurement clinic']);
  });

  it('does not exist for an unknown token', async () => {
    const response = await t.get('/feeds/guessed.ics');
    expect([response.statusCode, response.headers['referrer-policy'], response.body]).toEqual([404, 'no-referrer', 'Not found\n']);
  });
});

describe('open exports over HTTP', () => {
  let t: Camp;
  beforeEach(async () => {
    t = new Camp();
    t.grids.set('localgovcamp-2026', campV2());
    await t.start();
  });
  afterEach(() => t.app.close());

  it('serve schedule.json, valid against the c3voc schema, readable by any site, with 304s', async () => {
    const response = await t.get('/events/localgovcamp-2026/schedule.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers['last-modified']).toBe('Sat, 24 Oct 2026 12:30:00 GMT');
    const schedule = response.json();
    expect(jsonScheduleErrors(schedule)).toEqual([]);
    // The layout loader's empty Garden Room is listed too.
    expect(Object.keys(schedule.schedule.conference.days[0].rooms)).toEqual(['Main Hall', 'Committee Room 1', 'Garden Room']);
    expect((await t.get('/events/localgovcamp-2026/schedule.json', { 'if-none-match': response.headers.etag as string })).statusCode).toBe(304);
  });

  it('serve schedule.xml, valid against the c3voc XSD, with 304s', async () => {
    const response = await t.get('/events/localgovcamp-2026/schedule.xml');
    expect([response.statusCode, response.headers['content-type']]).toEqual([200, 'application/xml; charset=utf-8']);
    expect(await xmlScheduleErrors(response.body)).toBe('');
    expect((await t.get('/events/localgovcamp-2026/schedule.xml', { 'if-modified-since': response.headers['last-modified'] as string })).statusCode).toBe(304);
  });

  it('serve the grid as a CSV download', async () => {
    const response = await t.get('/events/localgovcamp-2026/grid.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="localgovcamp-2026-grid.csv"');
    expect(response.body.split('\r\n').slice(0, 2)).toEqual(['\uFEFFDay,Start,End,Room,Title,Facilitators', '2026-10-24,10:00,10:45,Main Hall,Opening circle,Ada Okafor']);
  });
});

describe('without a layout loader', () => {
  let t: Camp;
  beforeEach(async () => {
    t = new Camp();
    await t.start(false);
  });
  afterEach(() => t.app.close());

  it('exports only the rooms and days the sessions use, and knows no empty rooms', async () => {
    const schedule = (await t.get('/events/localgovcamp-2026/schedule.json')).json();
    expect(jsonScheduleErrors(schedule)).toEqual([]);
    expect(schedule.schedule.conference.rooms.map((r: { name: string }) => r.name)).toEqual(['Main Hall', 'Committee Room 1']);
    expect((await t.get('/events/localgovcamp-2026/rooms/3/calendar.ics')).statusCode).toBe(404);
  });
});
