import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { FixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/open.ts';
import { demoSlug } from '../../src/demo/seed.ts';
import { eventDetailsOf, findEventBySlug, updateEvent } from '../../src/events/events.ts';
import { applyPitchDetails, detailsOf, findPitch } from '../../src/pitches/pitches.ts';
import { acceptedEncoding } from '../../src/web/page-cache.ts';
import { Agent } from '../helpers/agent.ts';
import { testNow } from '../helpers/app.ts';
import { copyOf, demoWithoutGrid } from '../helpers/demo-template.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { countQueriesAsync } from '../helpers/queries.ts';

let template: string;
beforeAll(() => {
  template = demoWithoutGrid();
});

describe('public pages for visitors without a session', () => {
  let app: FastifyInstance;
  let db: Database;
  let path: string;
  let clock: FixedClock;
  const eventPage = `/events/${demoSlug}`;
  beforeEach(async () => {
    path = copyOf(template);
    db = openDatabase(path);
    clock = new FixedClock(testNow);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: path, LOG_LEVEL: 'silent', BASE_URL: 'http://campgrid.test' });
    app = await buildApp(config, { db, clock, startMail: false, logger: false });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    db.$client.close();
  });
  const visit = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
  const event = () => findEventBySlug(db, demoSlug)!;

  it('are rendered once: the next visitor’s copy comes from memory, with an ETag', async () => {
    const first = await countQueriesAsync(db, () => visit(eventPage));
    const again = await countQueriesAsync(db, () => visit(eventPage));
    expect(first.queries).toBeGreaterThan(3);
    // What is left is the data version that says nothing has changed (and, once a second, whether another process wrote).
    expect(again.sql.filter((sql) => sql !== 'PRAGMA data_version')).toEqual(['SELECT total_changes()']);
    expect(again.result.body).toBe(first.result.body);
    expect(again.result.headers.etag).toBe(first.result.headers.etag);
    expect(again.result.headers['cache-control']).toBe('no-cache');
    // Security headers are the site's as ever.
    expect(again.result.headers['content-security-policy']).toContain("default-src 'self'");
    expect(again.result.headers['x-request-id']).toBeTruthy();
  });

  it('answer 304 to a browser whose copy is current, and send brotli or gzip when accepted', async () => {
    const page = await visit(eventPage);
    const unchanged = await visit(eventPage, { 'if-none-match': page.headers.etag as string });
    expect([unchanged.statusCode, unchanged.body]).toEqual([304, '']);
    const br = await visit(eventPage, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(page.body);
    expect((await visit(eventPage, { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
  });

  it('show a change at once: an event renamed, a pitch edited', async () => {
    expect((await visit(eventPage)).body).toContain(event().name);
    expect((await visit('/')).body).toContain(event().name);
    updateEvent(db, clock.now(), event().id, { ...eventDetailsOf(event()), name: 'Anytown Camp Renamed' });
    expect((await visit(eventPage)).body).toContain('Anytown Camp Renamed');
    expect((await visit('/')).body).toContain('Anytown Camp Renamed');

    const pitchId = (db.$client.prepare('select id from pitches where event_id = ? order by id limit 1').get(event().id) as { id: number }).id;
    const pitchPage = `/events/${demoSlug}/pitches/${pitchId}`;
    const board = `/events/${demoSlug}/pitches`;
    const before = await visit(pitchPage);
    await visit(board);
    const pitch = findPitch(db, pitchId)!;
    const organiser = person(db, 'organiser@demo.campgrid.example');
    applyPitchDetails(db, clock.now(), { event: event(), pitch, details: { ...detailsOf(db, pitch), title: 'Retitled by the organisers' }, actor: organiser, baseUrl: 'http://campgrid.test' });
    const after = await visit(pitchPage, { 'if-none-match': before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('Retitled by the organisers');
    expect((await visit(board)).body).toContain('Retitled by the organisers');
  });

  it('show a change made by another process (npm run admin, a restore) within a second', async () => {
    expect((await visit(eventPage)).body).not.toContain('Renamed elsewhere');
    const elsewhere = new SQLite(path);
    elsewhere.prepare('update events set name = ? where slug = ?').run('Renamed elsewhere', demoSlug);
    elsewhere.close();
    await expect.poll(async () => (await visit(eventPage)).body, { timeout: 5000, interval: 200 }).toContain('Renamed elsewhere');
  });

  it('follow the clock to the minute, for the pages that show what is on now', async () => {
    const now = `/events/${demoSlug}/now`;
    const first = await visit(now);
    expect((await visit(now)).headers.etag).toBe(first.headers.etag);
    clock.advance(60_000);
    const later = await countQueriesAsync(db, () => visit(now));
    expect(later.queries).toBeGreaterThan(1);
  });

  it('are never shared with a signed-in person, who sees their own page, nor kept when they set a cookie', async () => {
    const anonymous = (await visit(eventPage)).body;
    const organiser = await signedInAgent(app, person(db, 'organiser@demo.campgrid.example'));
    const theirs = (await organiser.get(eventPage)).body;
    expect(theirs).toContain('Sign out');
    expect(theirs).toContain('Organise this event');
    expect(anonymous).not.toContain('Sign out');
    expect((await visit(eventPage)).body).toBe(anonymous);
    // The register page carries a form, so its own CSRF token and cookie: each visitor gets theirs.
    const one = new Agent(app);
    const two = new Agent(app);
    await one.get(`/events/${demoSlug}/register`);
    await two.get(`/events/${demoSlug}/register`);
    expect(one.csrfToken).toBeTruthy();
    expect(one.csrfToken).not.toBe(two.csrfToken);
  });

  it('give a browser that takes gzip the register page compressed once, its own token spliced in, and the token works', async () => {
    const register = `/events/${demoSlug}/register`;
    const tokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const plain = await visit(register);
    const zipped = await visit(register, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('accept-encoding');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const html = gunzipSync(zipped.rawPayload).toString('utf8');
    const token = tokenIn(html);
    expect(token).not.toBe('');
    expect(token).not.toBe(tokenIn(plain.body));
    // The same page as the uncompressed one but for the token.
    expect(html.replaceAll(token, 'TOKEN')).toBe(plain.body.replaceAll(tokenIn(plain.body), 'TOKEN'));
    // The token goes with this visitor's cookie: the form is checked (400, not the expired-form 403).
    const cookie = String(zipped.headers['set-cookie']).split(';')[0]!;
    const posted = await app.inject({ method: 'POST', url: register, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(token)}` });
    expect(posted.statusCode).toBe(400);
  });

  it('never keep a draft event for visitors: it does not exist for them', async () => {
    const draft = await visit('/events/no-such-camp');
    expect(draft.statusCode).toBe(404);
    expect(draft.headers.etag).toBeUndefined();
  });
});

describe('the encoding a browser accepts', () => {
  it('prefers brotli, then gzip, and honours q=0 as a refusal', () => {
    expect(acceptedEncoding('gzip, deflate, br')).toBe('br');
    expect(acceptedEncoding('gzip')).toBe('gzip');
    expect(acceptedEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(acceptedEncoding('identity')).toBeNull();
    expect(acceptedEncoding(undefined)).toBeNull();
  });
});
