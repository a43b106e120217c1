import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDay } from '../../src/events/days.ts';
import { changeEventStatus, createEvent } from '../../src/events/events.ts';
import { Agent } from '../helpers/agent.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { campDetails } from '../helpers/factories.ts';
import { person, signedInAgent } from '../helpers/people.ts';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });

/**
 * Routes declare what their address and query string hold (web/input.ts), so handlers read
 * typed values and a wrong one is answered in one place, the error handler.
 */
describe('typed routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
    const ana = person(t.db, 'ana@example.org', { administrator: true });
    const camp = createEvent(t.db, testNow, campDetails(), ana.id);
    addDay(t.db, camp.id, camp.timeZone, { date: '2027-06-19', label: '', opens: '09:00', closes: '17:00' });
    changeEventStatus(t.db, testNow, camp.id, 'published');
  });
  afterAll(async () => t.close());

  it('leaves no route casting its params or query', () => {
    const casts = sourceFiles(join(import.meta.dirname, '../../src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/request\.(params|query)\s+as\b/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(casts).toEqual([]);
  });

  it('answers a query string that is not right with the 400 page, never a 500 or JSON', async () => {
    const visitor = new Agent(t.app);
    for (const url of ['/events/localgovcamp-2027/grid?room=abc', '/events/localgovcamp-2027/now?room=1.5', '/events/localgovcamp-2027/pitches?day=a&day=b', '/sign-in?next=/a&next=/b']) {
      const response = await visitor.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      expect(response.body, url).toContain('Something in that request was not right');
    }
  });

  it('shows the success banner its area declares for a done key, and none for a key it does not know', async () => {
    const organiser = await signedInAgent(t.app, person(t.db, 'ana@example.org'));
    const page = '/organise/events/localgovcamp-2027';
    expect((await organiser.get(`${page}?done=published`)).body).toContain('The event is published: anyone can see its page.');
    const unknown = await organiser.get(`${page}?done=constructor`);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).not.toContain('govuk-notification-banner--success');
    // The same key says what its own area means: 'saved' on the grid editor is a changed grid.
    expect((await organiser.get(`${page}/grid?done=saved`)).body).toContain('The grid has been changed.');
    expect((await organiser.get(`${page}?done=saved`)).body).toContain('Your changes have been saved.');
  });
});
